import { describe, expect, it } from 'vitest';
import { csvField, gradebookCsv, gradebookJson } from './gradebook-export.js';
import type { GradeRecord } from './store.js';

const record = (over: Partial<GradeRecord>): GradeRecord => ({
  jobId: 1, repository: 'course/ann', prNumber: 2, author: 'ann', headSha: 'abc', status: 'graded', reason: null, score: 9.5, maxScore: 20,
  exercises: [{ id: '01-activations', status: 'graded', score: 4, maxScore: 4 }, { id: '02-lstm-gates', status: 'graded', score: 5.5, maxScore: 16 }],
  seed: 42, numRuns: null, graderVersion: '0.1.0', graderCommit: 'c0ffee', gradedAt: '2026-11-25T10:00:00.000Z', protectedPaths: [], report: null, ...over,
});

describe('gradebook export', () => {
  it('should write one CSV row per student with a column per exercise', () => {
    const csv = gradebookCsv([record({}), record({ author: 'bob', exercises: [{ id: '03-lstm-cell', status: 'graded', score: 1, maxScore: 10 }], score: 1 })]);
    const [head, ann, bob] = csv.trimEnd().split('\n');
    expect(head).toBe('repository,pr,student,head_sha,status,01-activations,02-lstm-gates,03-lstm-cell,total,max,seed,grader_version,grader_commit,graded_at');
    expect(ann).toBe('course/ann,2,ann,abc,graded,4,5.5,,9.5,20,42,0.1.0,c0ffee,2026-11-25T10:00:00.000Z');
    expect(bob).toContain(',bob,');
  });

  it('should quote fields and defuse spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-1)).toBe('-1');
    const csv = gradebookCsv([record({ status: 'not-graded', reason: 'exercises/x.bin is 2 MB, over the 1 MB limit per file' })]);
    expect(csv).toContain('"not graded: exercises/x.bin is 2 MB, over the 1 MB limit per file"');
  });

  it('should write JSON with the exercises by id', () => {
    const parsed = JSON.parse(gradebookJson([record({})]));
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.grades[0]).toMatchObject({ student: 'ann', score: 9.5, maxScore: 20, exercises: { '02-lstm-gates': { score: 5.5, maxScore: 16 } } });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckReport, GradingReport } from '@gatecheck/grading';
import type { GradeRecord } from './store.js';
import { COMMENT_MARKER, renderGradeComment } from './render-comment.js';
import { gradeCheckRun } from './render-check-run.js';
import { GITHUB_TEXT_LIMIT, fenced } from './markdown.js';

function report(feedback: (fn: string, k: number) => string, functions = 6, kinds = 3): GradingReport {
  const names = Array.from({ length: functions }, (_, k) => `fn${k}`);
  const checks: CheckReport[] = names.flatMap((fn, f) => Array.from({ length: kinds }, (_, k): CheckReport => ({
    id: `02-lstm-gates/${fn}/kind${k}`, function: fn, kind: `kind${k}`, status: f === 0 ? 'passed' : f === 1 ? 'not-implemented' : 'failed',
    score: f === 0 ? 1 : 0, maxScore: 1, feedback: feedback(fn, k), diagnosis: f > 1 ? 'activation-swap' : null, counterexample: null,
  })));
  return {
    schemaVersion: 1, submission: 'exercises', seed: 7, score: kinds, maxScore: checks.length,
    exercises: [{
      id: '02-lstm-gates', status: 'graded', message: null, score: kinds, maxScore: checks.length, entry: '02-lstm-gates/src/lstm-gates.ts',
      functions: Object.fromEntries(names.map((fn, k) => [fn, { file: '02-lstm-gates/src/lstm-gates.ts', startLine: 10 * k + 1, endLine: 10 * k + 4 }])),
      checks,
    }, { id: '03-lstm-cell', status: 'not-submitted', message: null, score: 0, maxScore: 4, checks: [] }],
  };
}

const grade = (r: GradingReport, over: Partial<GradeRecord> = {}): GradeRecord => ({
  jobId: 1, repository: 'course/ann', prNumber: 2, author: 'ann', headSha: '0123456789abcdef0123456789abcdef01234567', status: 'graded',
  reason: null, score: r.score, maxScore: r.maxScore + 4, exercises: [], seed: r.seed, numRuns: 25, graderVersion: '0.1.0',
  graderCommit: 'fedcba9876543210', gradedAt: '2026-11-25T10:00:00.000Z', protectedPaths: [], report: r, ...over,
});

describe('the PR comment', () => {
  it('should carry the marker, the total as X/Y, per-function results, the replay command and the grader', () => {
    const body = renderGradeComment(grade(report(() => 'expected [0.73], got [0.5]'), { protectedPaths: ['.github/workflows/grade.yml', 'graders/02-lstm-gates/src/index.ts'] }));
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('3/22');
    expect(body).toMatch(/\| `fn0` \| ✅ pass \| 3\/3 \|/);
    expect(body).toMatch(/\| `fn1` \| ⬜ not implemented \| 0\/3 \|/);
    expect(body).toMatch(/\| `fn2` \| ❌ fail \| 0\/3 \|/);
    expect(body).toContain('<details><summary>');
    expect(body).toContain('pnpm gatecheck grade --submission exercises --seed 7 --runs 25');
    expect(body).toContain('`0.1.0` (`fedcba987654`)');
    expect(body).toContain('`.github/workflows/grade.yml`, `graders/02-lstm-gates/src/index.ts`');
    expect(body).toContain('Not submitted');
  });

  it('should stay within 65,535 characters however long the feedback is', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 20 }), (size, functions) => {
      const body = renderGradeComment(grade(report(() => 'x'.repeat(size), functions, 4)));
      expect(body.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
      expect(body).toContain(COMMENT_MARKER);
    }), { numRuns: 30 });
  });

  it('should keep student-controlled text inside a fence it cannot close', () => {
    const hostile = 'x```\n</details><img src=x onerror=alert(1)> @course-staff <!-- gatecheck -->';
    const body = renderGradeComment(grade(report(() => hostile)));
    const block = fenced(hostile);
    expect(body).toContain(block);
    expect(block.startsWith('````text')).toBe(true);
    expect(body.split(COMMENT_MARKER)[0]).toBe('');
  });
});

describe('the check run', () => {
  it('should title the score, and annotate each failing check on its function\'s declaration with the repository path', () => {
    const r = gradeCheckRun(grade(report(() => 'wrong')));
    expect(r.output.title).toBe('Score 3/22');
    expect(r.conclusion).toBe('failure');
    expect(r.annotations).toHaveLength(4 * 3);
    expect(r.annotations[0]).toEqual({
      path: 'exercises/02-lstm-gates/src/lstm-gates.ts', start_line: 21, end_line: 24, annotation_level: 'failure',
      title: 'fn2: kind0 check failed (activation-swap)', message: 'wrong',
    });
    expect(r.output.summary.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(r.output.text!.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
  });

  it('should conclude success only at full marks', () => {
    const r = report(() => '', 1, 2);
    expect(gradeCheckRun(grade(r, { score: 2, maxScore: 2 })).conclusion).toBe('success');
  });
});

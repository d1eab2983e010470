import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchInputError, runBatch, type BatchOptions } from './run-batch.js';

const fakeGrader = fileURLToPath(new URL('./__test-helpers__/fake-grader.ts', import.meta.url));

let root: string;
let dir: string;
let out: string;

async function student(name: string, behaviour: string, extra: Record<string, string> = {}): Promise<void> {
  await mkdir(join(dir, name, '01-activations', 'src'), { recursive: true });
  await writeFile(join(dir, name, 'behaviour.txt'), behaviour);
  await writeFile(join(dir, name, '01-activations', 'src', 'activations.ts'), `// ${name}\n`);
  for (const [file, text] of Object.entries(extra)) await writeFile(join(dir, name, file), text);
}

const options = (more: Partial<BatchOptions> = {}): BatchOptions => ({
  dir, out, workers: 2, graderModule: fakeGrader, graderVersion: 'test-1', submissionTimeoutMs: 4000, ...more,
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gatecheck-batch-'));
  dir = join(root, 'submissions');
  out = join(root, 'out');
  await mkdir(dir);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runBatch', () => {
  it('should grade every sub-folder, survive crashes, hangs and throws, and record each with a status', async () => {
    await student('alice', 'score 1');
    await student('bob', 'score 0.5');
    await student('carol', 'crash');
    await student('dave', 'hang');
    await student('erin', 'throw it');
    await student('frank', 'abort');
    await writeFile(join(dir, 'README.md'), 'loose files are not students');

    const summary = await runBatch(options());

    const status = Object.fromEntries(summary.results.map((r) => [r.student, r.status]));
    expect(status).toEqual({ alice: 'graded', bob: 'graded', carol: 'crashed', dave: 'timeout', erin: 'error', frank: 'crashed' });
    expect(summary.failed).toBe(4);
    const erin = summary.results.find((r) => r.student === 'erin')!;
    expect(erin.message).toBe('grader error: cannot grade it');
    expect(summary.results.find((r) => r.student === 'carol')!.message).toMatch(/exit code 3/);

    const json = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(json.schemaVersion).toBe(1);
    expect(Object.keys(json.students)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
    expect(json.students.alice.score).toBe(16);
    expect(json.students.bob.score).toBe(8);
    expect(json.students.carol).toMatchObject({ score: 0, maxScore: 16, exercises: [] });
    expect(json.grading.dave.status).toBe('timeout');

    const csv = parseCsv(await readFile(join(out, 'grades.csv'), 'utf8'));
    expect(csv[0]).toEqual(['student', '01-activations', '02-lstm-gates', 'total', 'max', 'status']);
    expect(csv[1]).toEqual(['alice', '4', '12', '16', '16', 'graded']);
    expect(csv[2]).toEqual(['bob', '4', '4', '8', '16', 'graded']);
    expect(csv[3]!.slice(0, 5)).toEqual(['carol', '0', '0', '0', '16']);
    expect(csv[3]![5]).toMatch(/^crashed: /);
    expect(csv[4]![5]).toMatch(/^timeout: /);
    expect(csv).toHaveLength(7);

    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('data-student="frank"');
  });

  it('should grade again only the submissions that changed, and everything with useCache false', async () => {
    await student('alice', 'score 1');
    await student('bob', 'score 0.5');
    await student('carol', 'crash');

    const first = await runBatch(options());
    expect(first.gradedNow).toBe(2);
    expect(first.cached).toBe(0);

    const second = await runBatch(options());
    expect(second.results.map((r) => [r.student, r.cached])).toEqual([['alice', true], ['bob', true], ['carol', false]]);
    expect(second.results[0]!.report).toEqual(first.results[0]!.report);

    await writeFile(join(dir, 'bob', 'behaviour.txt'), 'score 0.25');
    const third = await runBatch(options());
    expect(third.results.map((r) => r.cached)).toEqual([true, false, false]);
    expect(third.results[1]!.report.score).toBe(4);

    const seedChanged = await runBatch(options({ seed: 7 }));
    expect(seedChanged.cached).toBe(0);
    expect(seedChanged.results[0]!.report.seed).toBe(7);

    const versionChanged = await runBatch(options({ seed: 7, graderVersion: 'test-2' }));
    expect(versionChanged.cached).toBe(0);

    const fresh = await runBatch(options({ seed: 7, graderVersion: 'test-2', useCache: false }));
    expect(fresh.cached).toBe(0);
    expect(fresh.gradedNow).toBe(2);
  });

  it('should pass the seed, run count and exercises through and label reports with the student id', async () => {
    await student('alice', 'score 1');
    const summary = await runBatch(options({ seed: 99, numRuns: 12, workers: 1 }));
    expect(summary.results[0]!.report).toMatchObject({ submission: join(dir, 'alice'), seed: 99, numRuns: 12 });
  });

  it('should keep secrets in the environment away from grading workers', async () => {
    await student('mallory', 'env');
    process.env.GITHUB_TOKEN_FOR_TEST = 'ghp_secret';
    try {
      const summary = await runBatch(options({ workers: 1 }));
      const feedback = summary.results[0]!.report.exercises.flatMap((e) => e.checks).map((c) => c.feedback).join('\n');
      expect(feedback).toContain('PATH');
      expect(feedback).not.toContain('ghp_secret');
    } finally {
      delete process.env.GITHUB_TOKEN_FOR_TEST;
    }
  });

  it('should refuse a missing DIR and an OUT that is a file with a one-line error, writing nothing', async () => {
    await expect(runBatch(options({ dir: join(root, 'nope') }))).rejects.toBeInstanceOf(BatchInputError);
    await writeFile(join(root, 'file'), 'x');
    await student('alice', 'score 1');
    await expect(runBatch(options({ out: join(root, 'file') }))).rejects.toThrow(/is not a folder/);
  });

  it('should not treat OUT as a student when it sits inside DIR', async () => {
    await student('alice', 'score 1');
    const summary = await runBatch(options({ out: join(dir, 'zz-out') }));
    expect(summary.results.map((r) => r.student)).toEqual(['alice']);
    const again = await runBatch(options({ out: join(dir, 'zz-out') }));
    expect(again.results.map((r) => r.student)).toEqual(['alice']);
  });

  it('should write empty outputs for a DIR without students', async () => {
    const summary = await runBatch(options());
    expect(summary.results).toEqual([]);
    expect(await readFile(join(out, 'grades.csv'), 'utf8')).toBe('student,total,max,status\r\n');
  });
});

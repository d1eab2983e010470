import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childProcessGrader, GradingAbortedError, GradingFailedError } from './grader.js';

const grader = childProcessGrader({ module: new URL('./__test-helpers__/env-report-grader.ts', import.meta.url).href, timeoutMs: 90_000 });
const folder = (marker?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'gatecheck-grader-'));
  if (marker) writeFileSync(join(dir, marker), '');
  return dir;
};
const request = (dir: string) => ({ dir, submissionLabel: 'exercises', numRuns: 3 });

describe('childProcessGrader', { timeout: 120_000 }, () => {
  afterAll(() => grader.close?.());

  it('should grade in another process whose environment holds nothing but its scratch folder', async () => {
    process.env.GATECHECK_TEST_CANARY = 'canary-should-not-travel';
    const report = await grader.grade(request(folder()), new AbortController().signal).finally(() => delete process.env.GATECHECK_TEST_CANARY);
    const seen = JSON.parse(report.submission) as { env: Record<string, string>; pid: number };
    expect(seen.pid).not.toBe(process.pid);
    expect(Object.keys(seen.env)).toEqual(['TMPDIR']);
    expect(seen.env.TMPDIR).toMatch(/gatecheck-grading-/);
  });

  it('should use a fresh process for every submission', async () => {
    const pids = [];
    for (let k = 0; k < 3; k++) {
      const report = await grader.grade(request(folder()), new AbortController().signal);
      pids.push((JSON.parse(report.submission) as { pid: number }).pid);
    }
    expect(new Set(pids).size).toBe(3);
  });

  it('should kill the grading when aborted', async () => {
    const controller = new AbortController();
    const pending = grader.grade(request(folder('hang')), controller.signal);
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toBeInstanceOf(GradingAbortedError);
  });

  it('should report a grading process that dies without a report', async () => {
    await expect(grader.grade(request(folder('die')), new AbortController().signal)).rejects.toBeInstanceOf(GradingFailedError);
  });

  it('should time out a grading that never ends', async () => {
    const quick = childProcessGrader({ module: new URL('./__test-helpers__/env-report-grader.ts', import.meta.url).href, timeoutMs: 1500 });
    await expect(quick.grade(request(folder('hang')), new AbortController().signal)).rejects.toThrow(/longer than/);
    quick.close?.();
  });
});

import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
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

  it('should remove its spare process\'s scratch folder as it closes, not later', async () => {
    const scratches = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('gatecheck-grading-')).map((name) => join(tmpdir(), name)));
    const own = childProcessGrader({ module: new URL('./__test-helpers__/env-report-grader.ts', import.meta.url).href, timeoutMs: 90_000 });
    const before = scratches();
    const report = await own.grade(request(folder()), new AbortController().signal);
    const used = (JSON.parse(report.submission) as { env: { TMPDIR: string } }).env.TMPDIR;
    const spares = [...scratches()].filter((dir) => !before.has(dir) && dir !== used);
    expect(spares).toHaveLength(1);
    own.close?.();
    // Synchronously: a bot exits right after closing, before any 'exit' event of its children is handled.
    expect(existsSync(spares[0]!)).toBe(false);
  });

  it('should time out a grading that never ends', async () => {
    const quick = childProcessGrader({ module: new URL('./__test-helpers__/env-report-grader.ts', import.meta.url).href, timeoutMs: 1500 });
    await expect(quick.grade(request(folder('hang')), new AbortController().signal)).rejects.toThrow(/longer than/);
    quick.close?.();
  });
});

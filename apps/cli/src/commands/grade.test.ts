// `gatecheck grade` run as a user runs it: a child process on the bundled sample submission and on bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'gatecheck-grade-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gatecheck(...args: string[]) {
  const r = spawnSync(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', 'grade', ...args],
    { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gatecheck grade', () => {
  it('should grade the sample submission, print the seed, write JSON atomically with --out, and replay a failure exactly', () => {
    const out = join(scratch, 'report.json');
    const r = gatecheck('--submission', 'samples/submission', '--exercise', '02-lstm-gates', '--format', 'json', '--runs', '30', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/graded samples\/submission with seed 20261125/);
    expect(readdirSync(scratch)).toEqual(['report.json']);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report).toMatchObject({ schemaVersion: 1, submission: 'samples/submission', seed: 20261125, numRuns: 30 });
    const failed = report.exercises[0].checks.find((c: { id: string }) => c.id === '02-lstm-gates/cellState/correctness');
    expect(failed.status).toBe('failed');
    expect(failed.diagnosis).toBe('cell-gates-swapped');

    const words = (failed.counterexample.replay as string).split(' ').slice(3);
    const replay = gatecheck(...words, '--runs', '30', '--format', 'json');
    expect(replay.status).toBe(0);
    const again = JSON.parse(replay.stdout).exercises[0].checks;
    expect(again).toHaveLength(1);
    expect(again[0].counterexample.input).toEqual(failed.counterexample.input);
    expect(again[0].feedback).toContain(failed.counterexample.replay);
  });

  it('should print a long replay path compactly and replay it, compact or plain, to the same counterexample', () => {
    // The sample's lstm fails its bidirectional check with a shrink path of about 50 entries, mostly repeats.
    const r = gatecheck('--submission', 'samples/submission', '--exercise', '06-torch-lstm', '--format', 'json', '--runs', '30');
    expect(r.status).toBe(0);
    const failed = JSON.parse(r.stdout).exercises[0].checks.find((c: { id: string }) => c.id === '06-torch-lstm/lstm/bidirectional');
    const { path, replay, input } = failed.counterexample as { path: string; replay: string; input: unknown };
    const plain = path.replace(/(\d+)x(\d+)/g, (_, count: string, entry: string) => new Array<string>(Number(count)).fill(entry).join(':'));
    expect(plain.split(':').length).toBeGreaterThan(40);
    expect(path.length).toBeLessThan(plain.length / 4);
    expect(replay).toContain(` --path ${path}`);
    for (const form of [path, plain]) {
      const words = replay.split(' ').slice(3, -2);
      const again = gatecheck(...words, '--path', form, '--runs', '30', '--format', 'json');
      expect(again.status).toBe(0);
      expect(JSON.parse(again.stdout).exercises[0].checks[0].counterexample.input).toEqual(input);
    }
  });

  it('should print the text report with the summary table and exit 0 whatever the score', () => {
    const r = gatecheck('--submission', 'samples/submission', '--exercise', '01-activations', '--runs', '20');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gatecheck: samples\/submission — score [\d.]+\/[\d.]+ \(seed 20261125\)/);
    expect(r.stdout).toMatch(/tanh +\d+\/3 +failed robustness \(naive-exp-overflow\)/);
  });

  it.each([
    [['--submission', 'no/such/folder'], /submission folder not found: no\/such\/folder/],
    [['--exercise', '09-nope'], /unknown exercise "09-nope"/],
    [['--seed', '1.5'], /--seed must be a whole number >= 0/],
    [['--format', 'pdf'], /unknown --format "pdf"/],
    [['--check', 'nope'], /unknown check "nope"/],
    [['--path', 'x'], /--path takes fast-check's path/],
    [['--path', '3:12x'], /--path takes fast-check's path like 3:0:1 or 3:12x0:1 .*"12x" is neither an entry/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('should refuse %j with one line and exit 2', (args, message) => {
    const r = gatecheck(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('should not leave a half-written file when --out cannot be written', () => {
    const r = gatecheck('--submission', 'samples/submission', '--exercise', '01-activations', '--runs', '5', '--out', join(scratch, 'missing-dir', 'r.txt'));
    expect(r.status).toBe(2);
    expect(existsSync(join(scratch, 'missing-dir'))).toBe(false);
  });
});

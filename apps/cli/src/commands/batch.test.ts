// `gatecheck batch` run as an instructor runs it: a child process on a small class, and its usage errors.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'gatecheck-cli-batch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gatecheck(...args: string[]) {
  const r = spawnSync(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gatecheck batch', () => {
  it('should refuse bad calls with one line and exit 2', () => {
    for (const [args, message] of [
      [['batch'], /batch takes one folder/],
      [['batch', scratch], /--out OUT is required/],
      [['batch', join(scratch, 'missing'), '--out', join(scratch, 'o')], /is not a folder/],
      [['batch', scratch, '--out', join(scratch, 'o'), '--workers', '0'], /--workers must be a whole number >= 1/],
      [['batch', scratch, '--out', join(scratch, 'o'), '--exercise', 'lstm'], /--exercise takes a folder name/],
    ] as const) {
      const r = gatecheck(...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('should grade a class, print plain progress lines on CI and write the three outputs', () => {
    const cls = join(scratch, 'class');
    for (const [student, file] of [['ann', 'reference/src/activations.ts'], ['ben', 'mistakes/activation-swap.ts']] as const) {
      mkdirSync(join(cls, student, '01-activations', 'src'), { recursive: true });
      cpSync(join(ROOT, 'graders/01-activations', file), join(cls, student, '01-activations/src/activations.ts'));
    }
    writeFileSync(join(cls, 'roster.txt'), 'not a student');
    const out = join(scratch, 'out');
    const r = gatecheck('batch', cls, '--out', out, '--exercise', '01-activations', '--runs', '10', '--workers', '2');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^grading 2 submissions: 0 unchanged \(cached\), 2 to grade on 2 workers$/m);
    expect(r.stderr).toMatch(/^\[\d\/2\] ann \d+(\.\d+)?\/\d+ \(\d+\.\d\d s\)$/m);
    expect(r.stdout).toMatch(/^2 students: 2 graded, 0 unchanged \(cached\), 0 could not be graded/m);
    const csv = readFileSync(join(out, 'grades.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('student,01-activations,total,max,status');
    expect(csv[1]).toMatch(/^ann,(\d+),\1,\1,graded$/);
    expect(csv[2]).toMatch(/^ben,\d+,\d+,\d+,graded$/);
    expect(csv[2]).not.toBe(csv[1]!.replace('ann', 'ben'));
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-student="ben"');

    // (Reuse across runs is tested in @gatecheck/batch with a pinned grader version: here, in a working tree
    // whose grading code is being edited, a second run would rightly grade again.)
  }, 180_000);
});

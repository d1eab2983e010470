// `gatecheck conformance` run as a user runs it: a child process on the bundled PyTorch golden files
// (packages/kernels/fixtures/pytorch, PyTorch 1.13.1 float64) and on folders with broken or altered files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = join(ROOT, 'packages/kernels/fixtures/pytorch');
const scratch = mkdtempSync(join(tmpdir(), 'gatecheck-conformance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gatecheck(...args: string[]) {
  const r = spawnSync(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.trim().split('\n').filter(Boolean) };
}

function folder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('gatecheck conformance', () => {
  it('should pass every bundled golden file, one line each, exit 0', () => {
    const r = gatecheck('conformance', FIXTURES);
    expect(r.stderr).toMatch(/passed, 0 failed/);
    expect(r.status).toBe(0);
    expect(r.lines.length).toBeGreaterThanOrEqual(15);
    for (const line of r.lines) expect(line).toMatch(/^\S+\.json PASS max_err=\d\.\d\de[-+]\d+$/);
  }, 120_000);

  it('should FAIL broken, unknown and altered files with a reason and exit 1', () => {
    const good = readFileSync(join(FIXTURES, 'gru_1layer.json'), 'utf8');
    const altered = JSON.parse(good);
    altered.outputs.output.data[7] += 1e-6;
    const dir = folder('mixed', {
      'a_good.json': good,
      'b_truncated.json': good.slice(0, 200),
      'c_unknown.json': JSON.stringify({ module: 'Mamba', config: {} }),
      'd_altered.json': JSON.stringify(altered),
      'notes.txt': 'skipped',
    });
    copyFileSync(join(FIXTURES, 'README.md'), join(dir, 'README.md'));
    const r = gatecheck('conformance', dir);
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(4);
    expect(r.lines[0]).toMatch(/^a_good\.json PASS max_err=/);
    expect(r.lines[1]).toMatch(/^b_truncated\.json FAIL max_err=inf {2}not valid JSON/);
    expect(r.lines[2]).toMatch(/^c_unknown\.json FAIL max_err=inf {2}unknown module "Mamba"/);
    expect(r.lines[3]).toMatch(/^d_altered\.json FAIL max_err=\d\.\d\de-[67] {2}worst at outputs\.output\[7\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('should exit 2 with one line when the folder has no golden file, is missing or is a file', () => {
    const empty = folder('empty', { 'README.md': '# nothing' });
    for (const target of [empty, join(scratch, 'missing'), join(FIXTURES, 'README.md')]) {
      const r = gatecheck('conformance', target);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^gatecheck: /);
    }
    expect(gatecheck('conformance').status).toBe(2);
  }, 120_000);
});

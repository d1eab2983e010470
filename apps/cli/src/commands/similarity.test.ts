// `gatecheck similarity` as a user runs it, on the similarity package's fixture class.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = join(ROOT, 'packages/similarity/src/__fixtures__');

function gatecheck(...args: string[]) {
  const r = spawnSync(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gatecheck similarity', () => {
  it('should list the copied pairs with side-by-side regions', () => {
    const r = gatecheck('similarity', join(FIXTURES, 'class'), '--template', join(FIXTURES, 'template'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^2 pairs at or above 0\.5 among 7 submissions/);
    expect(r.stdout).toMatch(/#1  alice ↔ bob  score 0\.9\d/);
    expect(r.stdout).toMatch(/#2  carol ↔ gina  score/);
    expect(r.stdout).toMatch(/region 1: alice\/01-activations\/src\/activations\.ts:\d+-\d+ {2}↔ {2}bob\/01-activations\/src\/activations\.ts:\d+-\d+/);
    expect(r.stdout).toContain('│');
  });

  it('should write JSON with --format json and honour --threshold', () => {
    const r = gatecheck('similarity', join(FIXTURES, 'class'), '--template', join(FIXTURES, 'template'), '--format', 'json', '--threshold', '0.8');
    const parsed = JSON.parse(r.stdout);
    expect(parsed.pairs.map((p: { a: string; b: string }) => `${p.a}|${p.b}`)).toEqual(['alice|bob']);
    expect(parsed.threshold).toBe(0.8);
  });

  it('should refuse bad calls with one line and exit 2', () => {
    for (const args of [['similarity'], ['similarity', FIXTURES, '--threshold', 'x'], ['similarity', FIXTURES, '--format', 'xml'], ['similarity', FIXTURES, '--template', join(FIXTURES, 'nope')]]) {
      const r = gatecheck(...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

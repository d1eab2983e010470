// scripts/gatecheck.mjs, the `pnpm gatecheck` launcher: the bundle it runs behaves as the sources do, and it is
// used only while every source it was built from is unchanged.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAUNCHER = join(ROOT, 'scripts', 'gatecheck.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'gatecheck-launcher-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Launcher {
  buildKey(esbuildVersion: string, root?: string): string;
  cachedBundle(root: string, cacheDir: string, key: string): string | undefined;
  buildBundle(root: string, cacheDir: string, key: string, entry?: string): Promise<string>;
}
const launcherUrl: string = pathToFileURL(LAUNCHER).href;
const { buildKey, cachedBundle, buildBundle } = (await import(launcherUrl)) as Launcher;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--no-warnings', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the gatecheck launcher', () => {
  it('should bundle a project so that each module keeps its own import.meta.url, and reuse the build only while the sources are unchanged', async () => {
    const project = join(scratch, 'project');
    const cache = join(scratch, 'cache');
    mkdirSync(join(project, 'lib'), { recursive: true });
    writeFileSync(join(project, 'entry.ts'), "import { where, word } from './lib/dep.js';\nimport { sep } from 'node:path';\n" +
      'const here: string = import.meta.url;\nconsole.log(JSON.stringify({ here, where, word, sep }));\n');
    writeFileSync(join(project, 'lib', 'dep.ts'), "export const where: string = import.meta.url;\nexport const word = 'first';\n");

    const main = await buildBundle(project, cache, 'key-1', 'entry.ts');
    const first = run([main]);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      here: pathToFileURL(join(project, 'entry.ts')).href,
      where: pathToFileURL(join(project, 'lib', 'dep.ts')).href,
      word: 'first', sep: '/',
    });

    expect(cachedBundle(project, cache, 'key-1')).toBe(main);
    // Another esbuild or another launcher: not reused.
    expect(cachedBundle(project, cache, 'key-2')).toBeUndefined();
    // One byte of one input changed: not reused; the next build sees the change.
    writeFileSync(join(project, 'lib', 'dep.ts'), "export const where: string = import.meta.url;\nexport const word = 'second';\n");
    expect(cachedBundle(project, cache, 'key-1')).toBeUndefined();
    const rebuilt = await buildBundle(project, cache, 'key-1', 'entry.ts');
    expect(rebuilt).not.toBe(main);
    expect(JSON.parse(run([rebuilt]).stdout)).toMatchObject({ word: 'second' });
    expect(cachedBundle(project, cache, 'key-1')).toBe(rebuilt);
    // An input deleted: not reused.
    rmSync(join(project, 'lib', 'dep.ts'));
    expect(cachedBundle(project, cache, 'key-1')).toBeUndefined();
  });

  it("should key a build to esbuild's version and to where the checkout is (the bundle holds absolute paths)", () => {
    expect(buildKey('0.28.2', '/a/checkout')).toBe(buildKey('0.28.2', '/a/checkout'));
    expect(buildKey('0.28.2', '/a/checkout')).not.toBe(buildKey('0.28.2', '/moved/checkout'));
    expect(buildKey('0.28.2', '/a/checkout')).not.toBe(buildKey('0.28.3', '/a/checkout'));
  });

  it('should give every one of several simultaneous first builds a working bundle', async () => {
    const project = join(scratch, 'together');
    const cache = join(scratch, 'together-cache');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'entry.ts'), "console.log('ran');\n");
    const mains = await Promise.all([1, 2, 3, 4].map(() => buildBundle(project, cache, 'key', 'entry.ts')));
    expect(new Set(mains).size).toBe(1);
    expect(run([mains[0]!]).stdout).toBe('ran\n');
    expect(cachedBundle(project, cache, 'key')).toBe(mains[0]);
    expect(readdirSync(cache).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('should fail to build a project with a syntax error without leaving anything behind', async () => {
    const project = join(scratch, 'broken');
    const cache = join(scratch, 'broken-cache');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'entry.ts'), 'export const x = ;\n');
    await expect(buildBundle(project, cache, 'key', 'entry.ts')).rejects.toThrow();
    expect(cachedBundle(project, cache, 'key')).toBeUndefined();
  });

  it('should run gatecheck from the bundle exactly as from the sources', () => {
    const help = run([LAUNCHER, 'grade', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(run([LAUNCHER, 'grade', '--help'], { GATECHECK_NO_BUNDLE: '1' }).stdout);
    expect(help.stdout).toMatch(/^usage: gatecheck grade/);

    const args = [LAUNCHER, 'grade', '--submission', 'samples/submission', '--exercise', '01-activations', '--runs', '20', '--format', 'json'];
    const fromBundle = run(args);
    const fromSources = run(args, { GATECHECK_NO_BUNDLE: '1' });
    expect(fromBundle.status).toBe(0);
    expect(fromSources.status).toBe(0);
    const withoutTimes = (json: string) => JSON.parse(json, (key, value: unknown) => (key === 'durationMs' || key === 'timings' ? undefined : value));
    expect(withoutTimes(fromBundle.stdout)).toEqual(withoutTimes(fromSources.stdout));
    expect(withoutTimes(fromBundle.stdout).exercises[0].checks.length).toBeGreaterThan(0);

    const mistake = run([LAUNCHER, 'grade', '--submission', join(scratch, 'no-such-folder')]);
    expect(mistake.status).toBe(2);
    expect(mistake.stderr.trim().split('\n')).toHaveLength(1);
  });
});

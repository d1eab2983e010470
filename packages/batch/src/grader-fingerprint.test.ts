import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graderFingerprint } from './grader-fingerprint.js';

let root: string;

async function pkg(name: string, deps: string[], files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `@gatecheck/${name}`, dependencies: Object.fromEntries(deps.map((d) => [`@gatecheck/${d}`, 'workspace:*'])) }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  for (const d of deps) {
    await mkdir(join(dir, 'node_modules', '@gatecheck'), { recursive: true });
    await symlink(join(root, d), join(dir, 'node_modules', '@gatecheck', d));
  }
  return dir;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gatecheck-fp-'));
  await pkg('kernels', [], { 'src/index.ts': 'export const k = 1;', 'src/k.test.ts': 'test', 'fixtures/a.json': '{}' });
  await pkg('grader', ['kernels'], { 'src/index.ts': 'export const g = 1;' });
  await pkg('course', ['grader', 'kernels'], { 'src/grade.ts': 'export const grade = 1;' });
  await writeFile(join(root, 'config.json'), '{"seed": 1}');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fingerprint = () => graderFingerprint(join(root, 'course', 'src', 'grade.ts'), [join(root, 'config.json')]);

describe('graderFingerprint', () => {
  it('should be stable while nothing changes', async () => {
    expect(await fingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(await fingerprint()).toBe(await fingerprint());
  });

  it('should change when grading code anywhere in the dependency tree or the configuration changes', async () => {
    const before = await fingerprint();
    await writeFile(join(root, 'kernels', 'src', 'index.ts'), 'export const k = 2;');
    const afterKernel = await fingerprint();
    expect(afterKernel).not.toBe(before);
    await writeFile(join(root, 'config.json'), '{"seed": 2}');
    expect(await fingerprint()).not.toBe(afterKernel);
  });

  it('should ignore tests and files outside src/', async () => {
    const before = await fingerprint();
    await writeFile(join(root, 'kernels', 'src', 'k.test.ts'), 'changed test');
    await writeFile(join(root, 'kernels', 'fixtures', 'a.json'), '{"x": 1}');
    await writeFile(join(root, 'grader', 'README.md'), 'docs');
    expect(await fingerprint()).toBe(before);
  });
});

import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSubmission } from './content-hash.js';

let root: string;
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'gatecheck-hash-')); });
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

async function tree(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('hashSubmission', () => {
  it('should depend on paths and bytes only, not on where the folder is or the order files were written', async () => {
    const a = await tree('a', { 'x/src/a.ts': 'one', 'y.ts': 'two' });
    const b = await tree('b', { 'y.ts': 'two', 'x/src/a.ts': 'one' });
    expect(await hashSubmission(a)).toBe(await hashSubmission(b));
  });

  it('should change when a byte, a file name or the split between files changes', async () => {
    const base = await hashSubmission(await tree('base', { 'a.ts': 'ab', 'b.ts': 'c' }));
    expect(await hashSubmission(await tree('byte', { 'a.ts': 'ab', 'b.ts': 'd' }))).not.toBe(base);
    expect(await hashSubmission(await tree('name', { 'a.ts': 'ab', 'c.ts': 'c' }))).not.toBe(base);
    expect(await hashSubmission(await tree('split', { 'a.ts': 'a', 'b.ts': 'bc' }))).not.toBe(base);
  });

  it('should hash a symbolic link by its target text without following it', async () => {
    const dir = await tree('link', { 'a.ts': 'x' });
    await symlink('/etc/passwd', join(dir, 'leak.ts'));
    const withLink = await hashSubmission(dir);
    expect(withLink).toMatch(/^[0-9a-f]{64}$/);
    expect(withLink).not.toBe(await hashSubmission(await tree('nolink', { 'a.ts': 'x' })));
  });
});

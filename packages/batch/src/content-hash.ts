// A submission's identity for the cache: every file's relative path and bytes, in a fixed order.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * SHA-256 over the sorted relative paths and contents of every file under `dir`. Symbolic links are hashed by
 * their target text and never followed, so a link out of the folder cannot make hashing read elsewhere.
 * `node_modules` is skipped: it is never part of what a student wrote.
 */
export async function hashSubmission(dir: string): Promise<string> {
  const files: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name === 'node_modules') continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push(full);
    }
  };
  await walk(dir);
  const rel = files.map((f) => relative(dir, f).split(sep).join('/')).sort();
  const hash = createHash('sha256');
  for (const path of rel) {
    const full = join(dir, path);
    const info = await lstat(full);
    hash.update(`${path}\0`);
    if (info.isSymbolicLink()) hash.update(`link:${await readlink(full)}\0`);
    else if (info.isFile()) {
      const bytes = await readFile(full);
      hash.update(`${bytes.length}\0`);
      hash.update(bytes);
    } else hash.update('special\0');
  }
  return hash.digest('hex');
}

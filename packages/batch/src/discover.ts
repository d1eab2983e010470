// Finds the students of a batch: every sub-folder of DIR is one submission; loose files are ignored.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface StudentFolder {
  /** Folder name = student id. */
  student: string;
  dir: string;
}

/**
 * Lists the sub-folders of `root`, sorted by name so every run visits students in the same order.
 * Hidden folders (`.git`, a batch's own `.cache` when OUT sits inside DIR) are not students.
 */
export async function discoverStudents(root: string, exclude: string[] = []): Promise<StudentFolder[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const excluded = new Set(exclude);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !excluded.has(join(root, e.name)))
    .map((e) => ({ student: e.name, dir: join(root, e.name) }))
    .sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
}

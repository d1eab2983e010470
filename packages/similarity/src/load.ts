// Reads submissions for comparison: every TypeScript file of each student folder, tokenised, in path order.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { tokenize, type Token } from './tokenize.js';

export interface SourceFile {
  /** Path relative to the submission folder, with `/`. */
  path: string;
  text: string;
  tokens: Token[];
}

export interface Submission {
  /** The folder name (student id), or `template` for the stub template. */
  id: string;
  files: SourceFile[];
}

/** Files past this size are skipped: no hand-written exercise is that long, and tokenising it would stall the run. */
const MAX_FILE_BYTES = 1_000_000;

export async function listSourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(full);
      } else if (entry.isFile() && /\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(full);
      }
    }
  };
  await walk(dir);
  return out.sort();
}

export async function loadSubmission(id: string, dir: string): Promise<Submission> {
  const files: SourceFile[] = [];
  for (const full of await listSourceFiles(dir)) {
    if ((await stat(full)).size > MAX_FILE_BYTES) continue;
    const text = await readFile(full, 'utf8');
    files.push({ path: relative(dir, full).split(sep).join('/'), text, tokens: tokenize(text) });
  }
  return { id, files };
}

/** Every sub-folder of `root` (hidden ones and node_modules aside) as one submission, sorted by name. */
export async function loadSubmissions(root: string): Promise<Submission[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => e.name).sort();
  const out: Submission[] = [];
  for (const name of names) out.push(await loadSubmission(name, join(root, name)));
  return out;
}

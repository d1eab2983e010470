// Building submissions for tests: temporary folders shaped like exercises/, assembled from file texts, from the
// graders' reference solutions, or from their known-mistake student files.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/grading/src/testing/submissions.ts). */
export const repoRoot: string = fileURLToPath(new URL('../../../../', import.meta.url));
const gradersRoot = join(repoRoot, 'graders');

/** A file's content: its text, or `{ path }` of a file to copy (an absolute path that exists also counts as one). */
export type FileSource = string | { path: string };

/** Files per exercise folder: `{ '02-lstm-gates': { 'src/lstm-gates.ts': source } }`; `null` leaves the exercise out. */
export type SubmissionFiles = Record<string, Record<string, FileSource> | null>;

const tempDirs: string[] = [];
process.once('exit', () => { for (const d of tempDirs) rmSync(d, { recursive: true, force: true }); });

function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function readSource(source: FileSource): string {
  if (typeof source !== 'string') return readFileSync(source.path, 'utf8');
  if (isAbsolute(source) && !source.includes('\n') && existsSync(source) && statSync(source).isFile()) return readFileSync(source, 'utf8');
  return source;
}

function writeFiles(root: string, files: SubmissionFiles): void {
  for (const [exerciseId, entries] of Object.entries(files)) {
    const exDir = join(root, exerciseId);
    if (entries === null) {
      rmSync(exDir, { recursive: true, force: true });
      continue;
    }
    for (const [rel, source] of Object.entries(entries)) {
      const file = join(exDir, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, readSource(source));
    }
  }
}

/** A new temporary submission folder holding exactly `exercises` (removed when the process exits). */
export function assembleSubmission(spec: { exercises: SubmissionFiles }): string {
  const root = makeTempDir('gatecheck-submission-');
  writeFiles(root, spec.exercises);
  return root;
}

/** Grader folder names that have a reference solution (`graders/NN-name/reference/`). */
export function gradersWithReference(): string[] {
  return readdirSync(gradersRoot).filter((d) => existsSync(join(gradersRoot, d, 'reference'))).sort();
}

/** `src/<name>.ts` for an exercise folder `NN-name` (shared/spec/exercises.md). */
export const entryOf = (exerciseId: string): string => `src/${exerciseId.replace(/^\d+-/, '')}.ts`;

/** Absolute path of a grader's reference entry file. */
export const referenceFile = (exerciseId: string): string => join(gradersRoot, exerciseId, 'reference', entryOf(exerciseId));

/** Absolute path of a known-mistake student file, `graders/<exercise>/mistakes/<mistakeId>.ts`. */
export function mistakeFile(exerciseId: string, mistakeId: string): string {
  const file = join(gradersRoot, exerciseId, 'mistakes', `${mistakeId}.ts`);
  if (!existsSync(file)) throw new Error(`no known-mistake file ${file}`);
  return file;
}

/** Every known-mistake file of a grader, by id (file name without `.ts`). */
export function mistakeFiles(exerciseId: string): Record<string, string> {
  const dir = join(gradersRoot, exerciseId, 'mistakes');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => [basename(f, '.ts'), join(dir, f)]));
}

/**
 * A temporary submission holding every grader's `reference/` tree under its exercise folder, then `overrides`
 * applied on top (a file replaces or adds; `null` removes the exercise). `only` limits which references are copied.
 */
export function referenceSubmission(overrides: SubmissionFiles = {}, options: { only?: string[] } = {}): string {
  const root = makeTempDir('gatecheck-reference-');
  for (const id of gradersWithReference()) {
    if (options.only && !options.only.includes(id)) continue;
    cpSync(join(gradersRoot, id, 'reference'), join(root, id), { recursive: true });
  }
  writeFiles(root, overrides);
  return root;
}

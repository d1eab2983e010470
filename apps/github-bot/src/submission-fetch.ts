// Fetches a commit's `exercises/` tree through the REST API (git commits, trees and blobs) into a local folder,
// refusing submissions over the limits before downloading anything. Only this tree is ever taken from a pull
// request: graders, kernels and configuration come from the bot's own installation (bot.md #5).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GitHub } from './github-client.js';

export interface SubmissionLimits {
  /** Largest single file (default 1 MB = 1,048,576 bytes). */
  maxFileBytes: number;
  /** Most files (default 500). */
  maxFiles: number;
  /** Largest total (default 10 MB = 10,485,760 bytes). */
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: SubmissionLimits = { maxFileBytes: 1024 * 1024, maxFiles: 500, maxTotalBytes: 10 * 1024 * 1024 };

export const SUBMISSION_ROOT = 'exercises';

export type FetchOutcome =
  | { kind: 'fetched'; files: number; bytes: number }
  | { kind: 'over-limit'; reason: string };

export interface CommitRef { owner: string; repo: string; sha: string }

interface TreeEntry { path?: string; mode?: string; type?: string; sha?: string; size?: number }

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 2)} MB`;

/** Checks the listing of `exercises/` against the limits; null when it may be downloaded. */
export function checkLimits(entries: TreeEntry[], truncated: boolean, limits: SubmissionLimits): string | null {
  const blobs = entries.filter((e) => e.type === 'blob');
  if (truncated || blobs.length > limits.maxFiles) {
    return `more than ${limits.maxFiles} files in exercises/ (${truncated ? 'the tree is too large to list' : `${blobs.length} files`})`;
  }
  const big = blobs.find((e) => (e.size ?? 0) > limits.maxFileBytes);
  if (big) return `exercises/${big.path} is ${mb(big.size ?? 0)}, over the ${mb(limits.maxFileBytes)} limit per file`;
  const total = blobs.reduce((sum, e) => sum + (e.size ?? 0), 0);
  if (total > limits.maxTotalBytes) return `exercises/ holds ${mb(total)}, over the ${mb(limits.maxTotalBytes)} limit in all`;
  return null;
}

/** A tree path safe to write under the destination (git allows odd names; none may climb out). */
function safePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * Writes the commit's `exercises/` tree into `dest` (which becomes the submission folder). A commit without
 * that folder gives an empty submission: every exercise is then "not submitted".
 */
export async function fetchSubmission(gh: GitHub, ref: CommitRef, dest: string, limits: SubmissionLimits = DEFAULT_LIMITS): Promise<FetchOutcome> {
  const { owner, repo } = ref;
  await mkdir(dest, { recursive: true });
  const commit = await gh.rest.git.getCommit({ owner, repo, commit_sha: ref.sha });
  const root = await gh.rest.git.getTree({ owner, repo, tree_sha: commit.data.tree.sha });
  const folder = root.data.tree.find((e) => e.path === SUBMISSION_ROOT && e.type === 'tree');
  if (!folder?.sha) return { kind: 'fetched', files: 0, bytes: 0 };
  const tree = await gh.rest.git.getTree({ owner, repo, tree_sha: folder.sha, recursive: '1' });
  const entries = tree.data.tree as TreeEntry[];
  const limitHit = checkLimits(entries, tree.data.truncated, limits);
  if (limitHit !== null) return { kind: 'over-limit', reason: limitHit };

  // Regular files only: symlinks and submodules are never followed into anything outside the tree.
  const files = entries.filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755') && e.path && e.sha);
  let bytes = 0;
  let next = 0;
  const download = async () => {
    while (next < files.length) {
      const entry = files[next++]!;
      if (!safePath(entry.path!)) continue;
      const blob = await gh.rest.git.getBlob({ owner, repo, file_sha: entry.sha! });
      const content = Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
      // The listing's sizes are checked above; the bytes themselves are checked again in case they differ.
      bytes += content.length;
      if (content.length > limits.maxFileBytes || bytes > limits.maxTotalBytes) throw new LimitError(entry.path!);
      const target = join(dest, ...entry.path!.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(8, files.length) }, download));
  } catch (error) {
    if (error instanceof LimitError) return { kind: 'over-limit', reason: `exercises/${error.message} is larger than its listing said; over the limits` };
    throw error;
  }
  return { kind: 'fetched', files: files.length, bytes };
}

class LimitError extends Error {}

/**
 * The files a pull request changes outside `exercises/` (renames count by both names). Graded the same way;
 * the comment names them so staff notice attempts to change graders or workflows.
 */
export async function protectedPathsTouched(gh: GitHub, owner: string, repo: string, prNumber: number): Promise<string[]> {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { owner, repo, pull_number: prNumber, per_page: 100 });
  const out = new Set<string>();
  for (const file of files) {
    for (const name of [file.filename, file.previous_filename]) {
      if (name && !name.startsWith(`${SUBMISSION_ROOT}/`)) out.add(name);
    }
  }
  return [...out].sort();
}

// Resuming a batch: a graded submission is stored under OUT/.cache with the hash of everything its grade depends
// on, so a re-run (or a run after an interruption) grades only the students whose key changed.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GradingReport } from '@gatecheck/grading';
import { writeFileAtomic } from './atomic-write.js';

/** Bumped when the cached entry's layout changes, so old entries are ignored rather than misread. */
const CACHE_FORMAT = 1;

export interface CacheKeyParts {
  /** `hashSubmission` of the student's folder. */
  submissionHash: string;
  /** What the report calls the submission (its path as given). */
  label: string;
  /** Identifies the grading code and course configuration (see `graderFingerprint`). */
  graderVersion: string;
  seed: number | null;
  numRuns: number | null;
  exercises: string[] | null;
}

export function cacheKey(parts: CacheKeyParts): string {
  const canonical = JSON.stringify([
    CACHE_FORMAT, parts.submissionHash, parts.label, parts.graderVersion, parts.seed, parts.numRuns,
    parts.exercises ? [...parts.exercises].sort() : null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

interface CacheEntry {
  format: number;
  key: string;
  student: string;
  report: GradingReport;
  durationMs: number;
}

/** One file per student (`OUT/.cache/<student>.json`), so the cache never holds more than one entry each. */
export class ResultCache {
  constructor(readonly dir: string) {}

  private file(student: string): string {
    return join(this.dir, `${encodeURIComponent(student)}.json`);
  }

  /** The stored report when its key matches; null when absent, stale or unreadable. */
  async get(student: string, key: string): Promise<{ report: GradingReport; durationMs: number } | null> {
    let text: string;
    try {
      text = await readFile(this.file(student), 'utf8');
    } catch {
      return null;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      if (entry.format !== CACHE_FORMAT || entry.key !== key || entry.student !== student) return null;
      if (typeof entry.report !== 'object' || entry.report === null) return null;
      return { report: entry.report, durationMs: entry.durationMs };
    } catch {
      return null;
    }
  }

  async put(student: string, key: string, report: GradingReport, durationMs: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const entry: CacheEntry = { format: CACHE_FORMAT, key, student, report, durationMs };
    await writeFileAtomic(this.file(student), JSON.stringify(entry));
  }
}

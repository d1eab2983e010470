// `gatecheck batch`: grade every student folder of DIR in a pool of worker processes, reuse unchanged results
// from the cache, and write OUT/results.json, OUT/grades.csv and OUT/report.html (each atomically).
import { mkdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradingReport } from '@gatecheck/grading';
import { writeFileAtomic } from './atomic-write.js';
import { hashSubmission } from './content-hash.js';
import { discoverStudents } from './discover.js';
import { exerciseColumns, renderGradesCsv } from './grades-csv.js';
import { graderFingerprint } from './grader-fingerprint.js';
import { renderReportHtml } from './report-html/render.js';
import { cacheKey, ResultCache } from './result-cache.js';
import type { GradeOptions, StudentResult } from './types.js';
import { gradeInPool, type PoolTask } from './worker-pool.js';

/** A problem with what the batch was asked to do (a missing DIR, an OUT that is a file): one line for the user. */
export class BatchInputError extends Error {
  override name = 'BatchInputError';
}

export interface BatchOptions {
  /** Folder whose sub-folders are the students' submissions. */
  dir: string;
  /** Output folder (created when missing); the cache lives in `OUT/.cache`. */
  out: string;
  /** Worker processes; default: the machine's available parallelism. */
  workers?: number;
  /** fast-check seed for every student; the course default when omitted. */
  seed?: number;
  /** Generated cases per check; the course default when omitted. */
  numRuns?: number;
  /** Only these exercises. */
  exercises?: string[];
  /** Reuse results whose key is unchanged (default true). With false every student is graded again; the cache is still refreshed. */
  useCache?: boolean;
  /** Module whose `grade` export workers call (path or file URL); default: the course's `gradeSubmission`. */
  graderModule?: string;
  /** Overrides the computed grader fingerprint in the cache key. */
  graderVersion?: string;
  /** Course configuration files whose content is part of the cache key (default: the repository's `gatecheck.config.json`). */
  configFiles?: string[];
  /** Wall-clock limit for one submission, in milliseconds (default 300 000); past it the worker is killed. */
  submissionTimeoutMs?: number;
  /** Told about the run's start and each finished student. */
  onProgress?: (event: BatchProgress) => void;
}

export type BatchProgress =
  | { kind: 'start'; total: number; cached: number; workers: number }
  | { kind: 'student'; result: StudentResult; done: number; total: number };

export interface BatchSummary {
  results: StudentResult[];
  exerciseIds: string[];
  /** Students graded now (not from the cache). */
  gradedNow: number;
  cached: number;
  /** Students that could not be graded (crashed, timeout, error). */
  failed: number;
  wallMs: number;
  files: { resultsJson: string; gradesCsv: string; reportHtml: string };
}

const defaultGraderModule = join(dirname(fileURLToPath(import.meta.url)), 'course-grader.ts');
/** The course configuration `gradeSubmission` reads (@gatecheck/course's DEFAULT_CONFIG_PATH: the repository root's). */
const courseConfigFile = fileURLToPath(new URL('../../../gatecheck.config.json', import.meta.url));

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const dir = resolve(options.dir);
  const out = resolve(options.out);
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo?.isDirectory()) throw new BatchInputError(`${options.dir} is not a folder`);
  const outInfo = await stat(out).catch(() => null);
  if (outInfo && !outInfo.isDirectory()) throw new BatchInputError(`--out ${options.out} exists and is not a folder`);
  await mkdir(out, { recursive: true });

  const students = await discoverStudents(dir, [out]);
  const graderModule = options.graderModule ?? defaultGraderModule;
  const configFiles = options.configFiles ?? [courseConfigFile];
  const graderVersion = options.graderVersion ?? (await graderFingerprint(graderModule, configFiles));
  const cache = new ResultCache(join(out, '.cache'));
  const useCache = options.useCache ?? true;
  // Reports name the submission by the path as given (`submissions/ada`), so their replay commands work from
  // where the batch was started; the label is part of the cache key for the same reason.
  const label = (student: string) => join(options.dir, student);
  const gradeOptions = (student: string): GradeOptions => ({
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.numRuns !== undefined ? { numRuns: options.numRuns } : {}),
    ...(options.exercises ? { exercises: options.exercises } : {}),
    submissionLabel: label(student),
  });

  const results = new Map<string, StudentResult>();
  const keys = new Map<string, string>();
  const tasks: PoolTask[] = [];
  // Hashing and cache look-ups wait on the file system: many at a time (one after another, a class of 200 took
  // 1.3 s before the first student started).
  const looked = await mapConcurrently(students, LOOKUP_CONCURRENCY, async ({ student, dir: submission }) => {
    const key = cacheKey({
      submissionHash: await hashSubmission(submission),
      label: label(student),
      graderVersion,
      seed: options.seed ?? null,
      numRuns: options.numRuns ?? null,
      exercises: options.exercises ?? null,
    });
    return { student, submission, key, hit: useCache ? await cache.get(student, key) : null };
  });
  for (const { student, submission, key, hit } of looked) {
    keys.set(student, key);
    if (hit) {
      results.set(student, { student, status: 'graded', message: null, report: hit.report, durationMs: hit.durationMs, cached: true });
    } else {
      tasks.push({ student, dir: submission, options: gradeOptions(student) });
    }
  }

  const workers = Math.max(1, options.workers ?? availableParallelism());
  const total = students.length;
  let done = 0;
  options.onProgress?.({ kind: 'start', total, cached: results.size, workers: Math.min(workers, Math.max(tasks.length, 1)) });
  for (const result of results.values()) options.onProgress?.({ kind: 'student', result, done: ++done, total });

  await gradeInPool(tasks, { workers, graderModule, submissionTimeoutMs: options.submissionTimeoutMs ?? 300_000 }, async (task, outcome) => {
    const result: StudentResult = outcome.status === 'graded'
      ? { student: task.student, status: 'graded', message: null, report: outcome.report, durationMs: outcome.durationMs, cached: false }
      : { student: task.student, status: outcome.status, message: outcome.message, report: emptyReport(label(task.student), options.seed), durationMs: outcome.durationMs, cached: false };
    // Only real reports are kept: a crash or timeout may be the machine's fault, so it is tried again next run.
    if (result.status === 'graded') await cache.put(task.student, keys.get(task.student)!, result.report, result.durationMs);
    results.set(task.student, result);
    options.onProgress?.({ kind: 'student', result, done: ++done, total });
  });

  const ordered = students.map((s) => results.get(s.student)!);
  fillFailedReports(ordered);
  const exerciseIds = exerciseColumns(ordered, options.exercises ?? []);
  const files = {
    resultsJson: join(out, 'results.json'),
    gradesCsv: join(out, 'grades.csv'),
    reportHtml: join(out, 'report.html'),
  };
  const students_: Record<string, GradingReport> = {};
  const grading: Record<string, { status: string; message: string | null; durationMs: number; cached: boolean }> = {};
  for (const r of ordered) {
    students_[r.student] = r.report;
    grading[r.student] = { status: r.status, message: r.message, durationMs: Math.round(r.durationMs), cached: r.cached };
  }
  await writeFileAtomic(files.resultsJson, `${JSON.stringify({ schemaVersion: 1, students: students_, grading }, null, 2)}\n`);
  await writeFileAtomic(files.gradesCsv, renderGradesCsv(ordered, exerciseIds));
  await writeFileAtomic(files.reportHtml, renderReportHtml(ordered, { exerciseIds, title: `Class report: ${options.dir}` }));

  return {
    results: ordered,
    exerciseIds,
    gradedNow: ordered.filter((r) => !r.cached && r.status === 'graded').length,
    cached: ordered.filter((r) => r.cached).length,
    failed: ordered.filter((r) => r.status !== 'graded').length,
    wallMs: performance.now() - started,
    files,
  };
}

/** File-system look-ups in flight at once while a batch starts. */
const LOOKUP_CONCURRENCY = 16;

/** `fn` over `items` with at most `limit` running at once; results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return out;
}

function emptyReport(student: string, seed: number | undefined): GradingReport {
  return { schemaVersion: 1, submission: student, seed: seed ?? 0, score: 0, maxScore: 0, exercises: [] };
}

/** An ungraded student's zero report carries the class's seed and maximum, so totals read "0 / 80", not "0 / 0". */
function fillFailedReports(results: StudentResult[]): void {
  const graded = results.find((r) => r.status === 'graded');
  if (!graded) return;
  for (const r of results) {
    if (r.status === 'graded') continue;
    r.report = { ...r.report, seed: graded.report.seed, maxScore: graded.report.maxScore };
  }
}

// The one entry point every front end uses (CLI, batch, bot): grade a folder shaped like exercises/ with the
// course's graders and configuration, in a fresh sandbox that is always disposed.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { drawAhead, GradingInputError, gradeWithSandbox, InputBank, listCheckIds, type GradingReport, type SandboxLimits } from '@gatecheck/grading';
import { bankCache } from './bank-cache.js';
import { loadCourseConfig, type CourseConfig } from './config.js';
import { courseDefinitions, exerciseIds, functionNames } from './definitions.js';
import { CourseInputError } from './errors.js';
import { openSandbox, type SandboxOpener } from './open-sandbox.js';
import { provenance } from './provenance.js';

export interface GradeSubmissionOptions {
  /** Seed of the run (default: the course configuration's). */
  seed?: number;
  /** Only these exercise folders, e.g. `['02-lstm-gates']` (default: every exercise). */
  exercises?: string[];
  /** Generated cases per check (default: the course configuration's). */
  numRuns?: number;
  /** Only this check, `<exercise>/<function>/<kind>` (its exercise is graded alone). */
  check?: string;
  /** fast-check path to replay, with `check`. */
  path?: string;
  /** What the report's `submission` field and replay commands say (default: `dir` as given). */
  submissionLabel?: string;
  /** Sandbox limits (default: the course configuration's). */
  limits?: SandboxLimits;
  /** The course configuration to use instead of the repository's (tests). */
  config?: CourseConfig;
  /** How to create the sandbox (default: @gatecheck/sandbox's isolate; tests may pass a stand-in). */
  sandbox?: SandboxOpener;
  /**
   * Keep drawn inputs and reference values on disk for later processes (bank-cache.ts; default true), or a folder
   * to keep them in instead of node_modules/.cache/gatecheck-bank.
   */
  cache?: boolean | string;
}

const gradeOrExplain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (error) {
    if (error instanceof GradingInputError) throw new CourseInputError(error.message);
    throw error;
  }
};

/**
 * Inputs and reference values depend only on the seed and the graders, never on the submission: a process that
 * grades many submissions (a batch worker) draws and computes them once.
 */
const bank = new InputBank();

/** The repository's course configuration, validated against the graders. */
export const courseConfig = (): CourseConfig => loadCourseConfig(functionNames());

/**
 * Grades the submission at `dir`. Throws CourseInputError for a missing folder, an unknown exercise or check,
 * or a bad configuration; anything the student's code does ends up in the report, never as an exception.
 */
export async function gradeSubmission(dir: string, options: GradeSubmissionOptions = {}): Promise<GradingReport> {
  const started = performance.now();
  const graderProvenance = provenance();
  const config = options.config ?? courseConfig();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CourseInputError(`submission folder not found: ${dir}`);
  const known = exerciseIds();
  for (const id of options.exercises ?? []) {
    if (!known.includes(id)) throw new CourseInputError(`unknown exercise "${id}" (known: ${known.join(', ')})`);
  }
  if (options.check !== undefined && !listCheckIds(courseDefinitions).includes(options.check)) {
    throw new CourseInputError(`unknown check "${options.check}" (checks look like 02-lstm-gates/forgetGate/correctness)`);
  }
  if (options.path !== undefined && options.check === undefined) throw new CourseInputError('--path replays one check: give --check too');
  const seed = options.seed ?? config.seed;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new CourseInputError(`the seed must be a whole number >= 0, got ${seed}`);
  let definitions = courseDefinitions.filter((d) => options.exercises === undefined || options.exercises.length === 0 || options.exercises.includes(d.id));
  if (options.check !== undefined) definitions = courseDefinitions.filter((d) => options.check!.startsWith(`${d.id}/`));

  const limits = { ...config.limits, ...options.limits };
  const numRuns = options.numRuns ?? config.numRuns;
  const opening = (options.sandbox ?? openSandbox)(dir, definitions.map((d) => ({ id: d.id, entry: d.entry })), limits);
  // While the sandbox's process boots (on another core), draw inputs and compute reference values ahead. A replay
  // of one path draws nothing up front.
  const cache = options.path === undefined && options.cache !== false
    ? bankCache(definitions, seed, numRuns, typeof options.cache === 'string' ? options.cache : undefined) : undefined;
  if (options.path === undefined) {
    let open = false;
    opening.then(() => { open = true; }, () => { open = true; });
    cache?.load(bank);
    // Only exercises whose entry file is there: the others are not graded.
    const submitted = definitions.filter((d) => existsSync(join(dir, d.id, d.entry)));
    const step = drawAhead(submitted, { seed, numRuns, ...(options.check !== undefined ? { check: options.check } : {}) }, bank);
    while (!open && step()) await new Promise((resolve) => setImmediate(resolve));
  }
  const sandbox = await opening;
  try {
    const report = gradeOrExplain(() => gradeWithSandbox(definitions, sandbox, {
      seed, numRuns, points: config.points, bank,
      submission: options.submissionLabel ?? dir,
      ...(options.check !== undefined ? { check: options.check } : {}),
      ...(options.path !== undefined ? { path: options.path } : {}),
    }));
    Object.assign(report, await graderProvenance);
    report.timings!.totalMs = Math.round(performance.now() - started);
    // Written after the caller has the report (the first grading of a grader version pays it, once).
    if (cache) setImmediate(() => cache.save(bank));
    return report;
  } finally {
    sandbox.dispose();
  }
}

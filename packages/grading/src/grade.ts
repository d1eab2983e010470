// Grades a loaded submission: every exercise definition against the sandbox, check by check, into the report
// model of grading.md. Deterministic for a given seed: inputs come from seeds derived per check, and nothing
// here reads the clock except for the provenance timings.
import type { CallOutcome, ExerciseBuild, Sandbox } from './sandbox-types.js';
import type { CheckDefinition, ExerciseDefinition } from './definition.js';
import { addDependencyNotes } from './dependencies.js';
import { GradingInputError } from './errors.js';
import { checkPoints, type PointsConfig } from './points.js';
import type { CheckReport, ExerciseReport, GradingReport } from './report.js';
import { callKey } from './call-key.js';
import { type InputBank, Rounds } from './rounds.js';
import { runCheck } from './run-check.js';

export interface GradeOptions {
  /** The run's seed (printed in the report; every check derives its own fast-check seed from it). */
  seed: number;
  /** Generated cases per check unless a check sets its own (default 100). */
  numRuns?: number;
  /** Run only this check (`<exercise>/<function>/<kind>`); the report then holds just that check. */
  check?: string;
  /** fast-check path to replay, with `check` (a failed check's `counterexample.path`, or the replay command's compact form). */
  path?: string;
  /** The submission as the user named it, for the report and the replay commands (default `exercises`). */
  submission?: string;
  /** Course configuration's points per function: `{ "<exercise>": { "<function>": total } }`. */
  points?: PointsConfig;
  /** Extra generated inputs the student's function is called on when diagnosing a failure (default 4). */
  diagnosisInputs?: number;
  /**
   * Keeps drawn inputs and reference values for later gradings in this process (they depend only on the seed and
   * the graders): grading a class with one bank draws and computes them once. Default: a fresh one per grading.
   */
  bank?: InputBank;
}

/** `<exercise>/<function>/<kind>` */
export const checkIdOf = (exercise: ExerciseDefinition, fnName: string, check: CheckDefinition): string =>
  `${exercise.id}/${fnName}/${check.kind}`;

/** Every check id the definitions declare, in grading order. */
export function listCheckIds(definitions: readonly ExerciseDefinition[]): string[] {
  return definitions.flatMap((ex) => ex.functions.flatMap((fn) => fn.checks.map((c) => checkIdOf(ex, fn.name, c))));
}

const sum = (xs: number[]): number => Math.round(xs.reduce((a, b) => a + b, 0) * 1e9) / 1e9;

function unrunChecks(exercise: ExerciseDefinition, options: GradeOptions, status: CheckReport['status'], feedback: (fn: string) => string): CheckReport[] {
  return exercise.functions.flatMap((fn) => {
    const pts = checkPoints(exercise.id, fn, options.points);
    return fn.checks.flatMap((check, k) => {
      const id = checkIdOf(exercise, fn.name, check);
      if (options.check !== undefined && options.check !== id) return [];
      return [{ id, function: fn.name, kind: check.kind, status, score: 0, maxScore: pts[k]!, feedback: feedback(fn.name),
        diagnosis: null, counterexample: null }];
    });
  });
}

/**
 * The sandbox seen by one function's checks: a call with arguments already seen returns the earlier outcome, so
 * checks drawing the same inputs (`sameInputsAs`) share calls. The student's function is a pure function of
 * plain-data arguments by contract; one that is not gets the same answer it gave the first time.
 */
function memoizedCalls(sandbox: Sandbox, seen: Map<string, CallOutcome>): Sandbox {
  return {
    builds: sandbox.builds,
    timings: sandbox.timings,
    call(exerciseId, fn, args) {
      const key = callKey(`${exerciseId}/${fn}`, args);
      let outcome = seen.get(key);
      if (outcome === undefined) {
        outcome = sandbox.call(exerciseId, fn, args);
        seen.set(key, outcome);
      }
      return outcome;
    },
    // Batches come from rounds, which checks sharing inputs already share: no memo needed.
    ...(sandbox.callMany ? { callMany: sandbox.callMany.bind(sandbox) } : {}),
    dispose() {},
  };
}

/** Grades one exercise of a loaded submission. */
export function runExercise(exercise: ExerciseDefinition, sandbox: Sandbox, options: GradeOptions): ExerciseReport {
  const build: ExerciseBuild = sandbox.builds.get(exercise.id) ?? { status: 'not-submitted', exerciseId: exercise.id, entry: exercise.entry };
  const entry = `${exercise.id}/${exercise.entry}`;
  let checks: CheckReport[];
  let message: string | null = null;
  let functions: ExerciseReport['functions'];
  if (build.status === 'not-submitted') {
    checks = unrunChecks(exercise, options, 'not-implemented', (fn) =>
      `${exercise.id} was not submitted (${entry} not found), so ${fn} was not graded.`);
  } else if (build.status === 'build-error') {
    message = build.message;
    checks = unrunChecks(exercise, options, 'error', (fn) =>
      `${exercise.id} could not be built, so ${fn} was not graded. Fix this first:\n${build.message}`);
  } else {
    functions = Object.fromEntries(Object.entries(build.functions).map(([name, span]) => [name, { file: entry, ...span }]));
    checks = exercise.functions.flatMap((fn) => {
      const pts = checkPoints(exercise.id, fn, options.points);
      const memo = new Map<string, CallOutcome>();
      const cached = memoizedCalls(sandbox, memo);
      const rounds = new Rounds(options.bank);
      // Only checks that share inputs pay for memo keys; the others call the sandbox directly.
      const shared = new Set(fn.checks.flatMap((c) => (c.sameInputsAs === undefined ? [] : [c.kind, c.sameInputsAs])));
      let stoppedIn: CheckReport | null = null;
      return fn.checks.flatMap((check, k) => {
        const checkId = checkIdOf(exercise, fn.name, check);
        if (options.check !== undefined && options.check !== checkId) return [];
        const report = runCheck({ exercise, fn, check, checkId, sandbox: shared.has(check.kind) ? cached : sandbox, rounds,
          ...(shared.has(check.kind) ? { memo } : {}),
          seed: options.seed, numRuns: options.numRuns ?? 100,
          path: options.check !== undefined ? options.path : undefined, submission: options.submission ?? 'exercises',
          maxScore: pts[k]!, ...(options.diagnosisInputs !== undefined ? { diagnosisInputs: options.diagnosisInputs } : {}) });
        if (report.status !== 'timeout' && !report.feedback.includes('ran out of memory')) return [report];
        // After a timeout the sandbox answers this function's later calls at once without running them: say so
        // instead of showing an input that never ran.
        if (stoppedIn === null) {
          stoppedIn = report;
          return [report];
        }
        return [{ ...report, counterexample: null,
          feedback: `${check.description}: not run, because ${fn.name} was stopped in ${stoppedIn.id} (see there).` }];
      });
    });
  }
  return {
    id: exercise.id, status: build.status === 'loaded' ? 'graded' : build.status, message,
    score: sum(checks.map((c) => c.score)), maxScore: sum(checks.map((c) => c.maxScore)),
    entry, ...(functions ? { functions } : {}), checks,
  };
}

/**
 * Grades every definition against `sandbox` (which must have been created for the same exercises) and returns
 * grading.md's report. With `options.check`, only the exercise holding that check appears, with just that check.
 */
export function gradeWithSandbox(definitions: readonly ExerciseDefinition[], sandbox: Sandbox, options: GradeOptions): GradingReport {
  if (options.check !== undefined && !listCheckIds(definitions).includes(options.check)) {
    throw new GradingInputError(`unknown check "${options.check}"`);
  }
  const selected = options.check === undefined
    ? definitions
    : definitions.filter((d) => options.check!.startsWith(`${d.id}/`));
  const started = performance.now();
  const exercises = selected.map((d) => runExercise(d, sandbox, options));
  const report: GradingReport = {
    schemaVersion: 1,
    submission: options.submission ?? 'exercises',
    seed: options.seed,
    score: sum(exercises.map((e) => e.score)),
    maxScore: sum(exercises.map((e) => e.maxScore)),
    exercises,
    numRuns: options.numRuns ?? 100,
    timings: { bundleMs: sandbox.timings.bundleMs, sandboxStartMs: sandbox.timings.startMs, checksMs: 0, totalMs: 0 },
  };
  const t = report.timings!;
  t.checksMs = Math.round(performance.now() - started);
  // The caller that created the sandbox knows the true total; until it says otherwise, the parts add up.
  t.totalMs = t.bundleMs + t.sandboxStartMs + t.checksMs;
  addDependencyNotes(report, definitions);
  return report;
}

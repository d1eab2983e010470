// Assertions that prove a grader: full marks for correct code, zero without a crash for the stubs, and each known
// mistake losing exactly the right points with the right diagnosis. They throw an Error whose message shows the
// report's relevant part, so any test runner prints a useful failure.
import type { CheckReport, ExerciseReport, GradingReport, MisconceptionId } from '../report.js';

/** A compact, readable dump of an exercise's checks (for failure messages). */
export function describeChecks(ex: ExerciseReport, full = false): string {
  return ex.checks.map((c) => `  ${c.id}: ${c.status} ${c.score}/${c.maxScore}${c.diagnosis ? ` [${c.diagnosis}]` : ''}` +
    (full && c.status !== 'passed' ? `\n${c.feedback.split('\n').map((l) => `      ${l}`).join('\n')}` : '')).join('\n');
}

function exerciseOf(report: GradingReport, exerciseId: string): ExerciseReport {
  const ex = report.exercises.find((e) => e.id === exerciseId);
  if (!ex) throw new Error(`the report has no exercise ${exerciseId} (it has ${report.exercises.map((e) => e.id).join(', ') || 'none'})`);
  return ex;
}

const fail = (ex: ExerciseReport, what: string): never => {
  throw new Error(`${ex.id}: ${what}\n${ex.status}${ex.message ? `: ${ex.message}` : ''}\n${describeChecks(ex, true)}`);
};

/** Every check of `exerciseId` (or of every exercise) passed with full points, and there is at least one check. */
export function expectFullMarks(report: GradingReport, exerciseId?: string): void {
  const exercises = exerciseId === undefined ? report.exercises : [exerciseOf(report, exerciseId)];
  for (const ex of exercises) {
    if (ex.status !== 'graded') fail(ex, `expected it graded, got ${ex.status}`);
    if (ex.checks.length === 0) fail(ex, 'expected checks, found none');
    if (ex.checks.some((c) => c.status !== 'passed') || ex.score !== ex.maxScore) fail(ex, `expected full marks, got ${ex.score}/${ex.maxScore}`);
  }
}

/** Every check of `exerciseId` is `not-implemented` with 0 points and feedback saying so (the stubs). */
export function expectNotImplemented(report: GradingReport, exerciseId: string): void {
  const ex = exerciseOf(report, exerciseId);
  if (ex.status !== 'graded') fail(ex, `expected it graded, got ${ex.status}`);
  if (ex.checks.length === 0) fail(ex, 'expected checks, found none');
  for (const c of ex.checks) {
    if (c.status !== 'not-implemented' || c.score !== 0 || !/not implemented/i.test(c.feedback)) {
      fail(ex, `expected ${c.id} not-implemented with 0 points and feedback saying so`);
    }
  }
}

export interface MistakeExpectation {
  /**
   * The functions the mistake breaks and the diagnosis each must get: every listed function loses points,
   * at least one of its checks fails with exactly this diagnosis, and none of its failed checks names another.
   */
  failing: Record<string, MisconceptionId>;
  /** Check kinds that must fail for each listed function (default: at least one). */
  kinds?: Record<string, string[]>;
}

/**
 * The mistake is caught: each function in `expected.failing` fails with its diagnosis (and says where and why in
 * its feedback), and every other function of the exercise keeps full marks.
 */
export function expectMistakeCaught(report: GradingReport, exerciseId: string, expected: MistakeExpectation | Record<string, MisconceptionId>): void {
  const ex = exerciseOf(report, exerciseId);
  const exp: MistakeExpectation = 'failing' in expected && typeof expected.failing === 'object'
    ? expected as MistakeExpectation : { failing: expected as Record<string, MisconceptionId> };
  if (ex.status !== 'graded') fail(ex, `expected it graded, got ${ex.status}`);
  const byFn = new Map<string, CheckReport[]>();
  for (const c of ex.checks) byFn.set(c.function, [...(byFn.get(c.function) ?? []), c]);
  for (const name of Object.keys(exp.failing)) if (!byFn.has(name)) fail(ex, `expected a function ${name}`);
  for (const [name, checks] of byFn) {
    const diagnosis = exp.failing[name];
    const notPassed = checks.filter((c) => c.status !== 'passed');
    if (diagnosis === undefined) {
      if (notPassed.length > 0) fail(ex, `expected ${name} to keep full marks`);
      continue;
    }
    if (notPassed.length === 0) fail(ex, `expected ${name} to fail (${diagnosis}), but every check passed`);
    if (!notPassed.some((c) => c.diagnosis === diagnosis)) fail(ex, `expected a failed check of ${name} diagnosed ${diagnosis}`);
    const other = notPassed.find((c) => c.diagnosis !== null && c.diagnosis !== diagnosis);
    if (other) fail(ex, `expected ${name}'s failures diagnosed ${diagnosis}, but ${other.id} says ${other.diagnosis}`);
    for (const kind of exp.kinds?.[name] ?? []) {
      if (!notPassed.some((c) => c.kind === kind)) fail(ex, `expected ${name}'s ${kind} check to fail`);
    }
    for (const c of notPassed.filter((c) => c.status === 'failed')) {
      if (!c.counterexample?.replay || !c.feedback.includes('Replay: ')) fail(ex, `expected ${c.id} to carry a replay command`);
    }
  }
}

/** The failing checks' feedback of a function joined (for asserting on wording). */
export function feedbackOf(report: GradingReport, exerciseId: string, fn: string): string {
  return exerciseOf(report, exerciseId).checks.filter((c) => c.function === fn && c.status !== 'passed').map((c) => c.feedback).join('\n\n');
}

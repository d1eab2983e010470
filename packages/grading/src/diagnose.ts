// Naming the misconception behind a failure: every known mistake of the check is recomputed (in the trusted
// process) on the counterexample and on a few more generated inputs the student's function is called on
// again. A mistake matches only when it reproduces the student's output on all of them and differs from the
// reference on at least one, so a degenerate shrunk input (all zeros, say) cannot produce a false match.
import { allClose, compareValues } from './allclose.js';
import type { Mistake, Tolerance } from './definition.js';

/** One input on which both the student's output and the reference are known. */
export interface Observation<Args extends unknown[] = unknown[]> {
  args: Args;
  expected: unknown;
  actual: unknown;
  /**
   * Each mistake's value on `args` once computed, kept by the caller when the same input comes back for other
   * submissions (diagnosis inputs are the same for every student graded with one seed). Never modified.
   */
  predictions?: Map<Mistake<Args>, Prediction>;
}

/** What a mistake's `compute` gave on an observation's arguments. */
export type Prediction = { value: unknown } | { threw: true };

function predict<Args extends unknown[]>(mistake: Mistake<Args>, obs: Observation<Args>): Prediction {
  let prediction = obs.predictions?.get(mistake);
  if (prediction === undefined) {
    try {
      prediction = { value: mistake.compute(...structuredClone(obs.args)) };
    } catch {
      prediction = { threw: true };
    }
    obs.predictions?.set(mistake, prediction);
  }
  return prediction;
}

/**
 * How one observation bears on a mistake: `true` shows it (the student's output is the mistake's and not the
 * reference's), `false` rules it out, `null` cannot tell (the mistake and the reference agree there).
 */
export function verdict<Args extends unknown[]>(mistake: Mistake<Args>, obs: Observation<Args>, tol: Tolerance): boolean | null {
  if (mistake.recognize) return mistake.recognize(obs.actual, obs.expected, structuredClone(obs.args));
  const prediction = predict(mistake, obs);
  if (!('value' in prediction)) return false;
  const predicted = prediction.value;
  // Tolerances are the check's own: the mistake must reproduce the student's output as closely as the
  // reference would have to. NaN and infinities must coincide exactly.
  if (!allClose(predicted, obs.actual, tol, true)) return false;
  return allClose(obs.expected, predicted, tol, true) ? null : true;
}

/** The first mistake (catalogue order) consistent with every observation and shown by at least one. */
export function diagnose<Args extends unknown[]>(
  mistakes: readonly Mistake<Args>[], observations: readonly Observation<Args>[], tol: Tolerance,
): Mistake<Args> | null {
  for (const mistake of mistakes) {
    let shown = false;
    let ruledOut = false;
    for (const obs of observations) {
      const v = verdict(mistake, obs, tol);
      if (v === false) { ruledOut = true; break; }
      if (v === true) shown = true;
    }
    if (shown && !ruledOut) return mistake;
  }
  return null;
}

/**
 * `recognize` for an overflowing `exp`: wherever the student's output is finite it agrees with the reference,
 * and somewhere it is NaN or ±Infinity where the reference is finite.
 */
export function recognizeOverflow(tol: Tolerance): (actual: unknown, expected: unknown) => boolean | null {
  return (actual, expected) => {
    const c = compareValues(expected, actual, tol);
    if (c.ok) return null;
    if (c.reason === 'shape') return false;
    return c.nonFinite.length === c.mismatches ? true : false;
  };
}

// How a grader describes an exercise: its functions, their checks (fast-check generators plus a trusted
// reference), and the catalogue of known mistakes used to diagnose a failure. graders/NN-name export one
// `ExerciseDefinition`; packages/grading runs it against a sandboxed submission and builds the report.
import type fc from 'fast-check';
import type { CheckKind, MisconceptionId } from './report.js';

/** Numeric tolerance of `allclose`: |actual - expected| <= atol + rtol * |expected|. */
export interface Tolerance { rtol: number; atol: number }

/** Values default: rtol 1e-5, atol 1e-8 (grading.md). */
export const VALUE_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-8 };
/** Gradients (08-bptt): rtol 1e-6, atol 1e-9. */
export const GRADIENT_TOLERANCE: Tolerance = { rtol: 1e-6, atol: 1e-9 };

/** A known mistake: what a student's function returns when it makes this mistake. Runs in the trusted process. */
export interface Mistake<Args extends unknown[]> {
  id: MisconceptionId;
  /** The mistaken computation on the same arguments. */
  compute: (...args: Args) => unknown;
  /** One or two sentences for the student, in plain words (shown when this mistake matches). */
  explanation: string;
  /**
   * Where the mistake may sit, when it is in a function this one builds on (e.g. `forgetGate` for an
   * `lstmCell` whose gates read `[x, h]`). Shown as "The mistake may be in <via>.", so it may be a phrase
   * (`lstmCell (in its forget gate)`).
   */
  via?: string;
  /**
   * Recognises the mistake from the student's output instead of recomputing it, for mistakes with many
   * forms (an overflowing `exp` overflows at different |x| depending on how it is written). Per input:
   * `true` — this output shows the mistake; `false` — it rules the mistake out; `null` — it cannot tell.
   * When present, `compute` is only used to illustrate the mistake.
   */
  recognize?: (actual: unknown, expected: unknown, args: Args) => boolean | null;
}

export interface CheckContext {
  /** Replay data of the running check (for building messages). */
  exerciseId: string;
  functionName: string;
}

export interface CheckDefinition<Args extends unknown[] = any[]> {
  kind: CheckKind;
  /** Default points of this check (the course configuration may rescale a function's total). */
  points: number;
  /** One line saying what the check verifies, shown with its result. */
  description: string;
  /** Names of the function's parameters, in order (for showing a counterexample as named inputs). */
  argNames: string[];
  /** Generates argument tuples; shrinking toward small sizes and simple numbers. */
  arbitrary: fc.Arbitrary<Args>;
  /**
   * The trusted reference result (from packages/kernels). It must leave its arguments unchanged: it gets the very
   * inputs that are then sent to the student's function and kept for later gradings (packages/course's
   * references.test.ts checks every course reference for this).
   */
  expected: (...args: Args) => unknown;
  /**
   * How a result is judged (default `'values'`): `'values'` compares nested numbers with `tolerance`;
   * `'shape'` only compares lengths and nesting; `'purity'` checks the arguments came back unchanged.
   */
  compare?: 'values' | 'shape' | 'purity';
  tolerance?: Tolerance;
  /** Known mistakes tried on the counterexample when this check fails. */
  mistakes?: Mistake<Args>[];
  /** fast-check run count override (default: the grading run's `numRuns`). */
  numRuns?: number;
  /**
   * Draw exactly the inputs of this function's check of that kind (same seed; the arbitrary must generate the
   * same values), so each call of the student's function serves both checks — e.g. purity and shape checks on
   * the correctness check's inputs cost no extra calls into the sandbox.
   */
  sameInputsAs?: CheckKind;
  /**
   * Judge only this part of the result: a path such as `dx`, `dParams.f.W` or `[1]`. For functions returning
   * several tensors, one check per part makes the score and the feedback name the wrong one (pair it with
   * `sameInputsAs` so the student's function is still called once per input). The reference's and the
   * student's results are both cut to it; diagnosis first matches mistakes on the whole result, and only when
   * none fits there, on this part.
   */
  part?: string;
}

export interface FunctionDefinition {
  /** Exported name, exactly as in shared/spec/exercises.md. */
  name: string;
  /**
   * Functions this one is usually built on, as `<exercise>/<function>` (e.g. `02-lstm-gates/forgetGate`).
   * When this function fails and one of these fails too, the feedback says to fix that one first.
   */
  dependsOn?: string[];
  checks: CheckDefinition[];
}

export interface ExerciseDefinition {
  /** Folder name, e.g. `02-lstm-gates`. */
  id: string;
  /** Entry file relative to the exercise folder, e.g. `src/lstm-gates.ts`. */
  entry: string;
  title: string;
  functions: FunctionDefinition[];
}

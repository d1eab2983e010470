// The report model of shared/spec/grading.md (`--format json`). Every formatter, the batch runner and the bot
// read this and nothing else; field names here are the contract's and never change (new fields may be added).

/** A catalogue id from grading.md's misconception table (more may be added). */
export type MisconceptionId =
  | 'activation-swap'
  | 'missing-bias'
  | 'concat-order'
  | 'cell-gates-swapped'
  | 'hidden-missing-tanh'
  | 'hidden-uses-prev-cell'
  | 'naive-exp-overflow'
  | 'gru-pytorch-interpolation'
  | 'gru-reset-after-product'
  | 'gru-reset-missing'
  | 'state-not-carried'
  | 'sequence-reversed'
  | 'mutates-input'
  | 'wrong-shape'
  | 'gate-order'
  | 'bias-hh-missing'
  | 'reverse-not-realigned'
  | 'batch-first-ignored'
  | 'layer-input-wrong'
  | 'projection-misplaced'
  | 'gradient-sign'
  | 'missing-tanh-derivative'
  | (string & {});

export type CheckKind = 'correctness' | 'robustness' | 'purity' | 'shape' | (string & {});
export type CheckStatus = 'passed' | 'failed' | 'error' | 'timeout' | 'not-implemented';
export type ExerciseStatus = 'graded' | 'not-submitted' | 'build-error';

/** Where the largest error of a failed numeric comparison sits. */
export interface ErrorLocation {
  /** Path into the value, e.g. `h[2]` or `output[0][1][3]`. */
  path: string;
  expected: number;
  actual: number;
  absError: number;
  relError: number;
}

export interface Counterexample {
  /** The shrunk failing input, as named arguments (plain JSON data). */
  input: Record<string, unknown>;
  expected: unknown;
  /** The part of the result `expected` and `actual` show (`dParams.f.W`), for checks that judge one part. */
  part?: string;
  /** What the student's function returned (or null when it threw / timed out). */
  actual: unknown;
  /** Largest absolute and relative errors and where they occur, for numeric mismatches. */
  maxAbsError?: number | null;
  maxRelError?: number | null;
  worst?: ErrorLocation | null;
  tolerance?: { rtol: number; atol: number } | null;
  /**
   * fast-check's replay data and the command that reproduces this exact failure. `path` is fast-check's path
   * run-length encoded as `--path` takes it (`3:300x0:1` is 3, three hundred 0s, 1; `expandPath` gives the plain form).
   */
  seed?: number;
  path?: string;
  replay?: string;
}

export interface CheckReport {
  /** `<exercise>/<function>/<kind>` */
  id: string;
  function: string;
  kind?: CheckKind;
  status: CheckStatus;
  score: number;
  maxScore: number;
  feedback: string;
  diagnosis: MisconceptionId | null;
  counterexample: Counterexample | null;
  /** Number of generated cases that ran (for passed checks: all of them). */
  numRuns?: number;
  durationMs?: number;
}

export interface ExerciseReport {
  id: string;
  status: ExerciseStatus;
  /** Build error text (file:line:col) when status is build-error; otherwise null. */
  message: string | null;
  score: number;
  maxScore: number;
  /** Repository-relative entry file, e.g. `02-lstm-gates/src/lstm-gates.ts`. */
  entry?: string;
  /** Line spans of each exported function in the entry file (for annotations), when known. */
  functions?: Record<string, { file: string; startLine: number; endLine: number }>;
  checks: CheckReport[];
}

export interface GradingReport {
  schemaVersion: 1;
  submission: string;
  seed: number;
  score: number;
  maxScore: number;
  exercises: ExerciseReport[];
  /** Provenance (additions to the contract). */
  graderVersion?: string;
  graderCommit?: string | null;
  numRuns?: number;
  gradedAt?: string;
  timings?: { bundleMs: number; sandboxStartMs: number; checksMs: number; totalMs: number };
}

// The sandbox's public contract: how the grader loads a submission and calls a student's function.
// Student code is hostile: it runs in an isolate with no file system, network, process or environment,
// under a time limit per call and a memory limit, and its results come back as plain copied data.

/** One exercise of a submission, as the sandbox found and built it. */
export type ExerciseBuild =
  | { status: 'loaded'; exerciseId: string; entry: string; exports: string[];
      /** 1-based line spans of each exported function declaration in the entry file. */
      functions: Record<string, { startLine: number; endLine: number }>; bundleBytes: number }
  | { status: 'not-submitted'; exerciseId: string; entry: string }
  | { status: 'build-error'; exerciseId: string; entry: string;
      /** One line per problem: `02-lstm-gates/src/lstm-gates.ts:3:21: importing "node:fs" is not allowed ...` */
      message: string };

/**
 * What one call of a student's function gave. `value`/`argsAfter` are plain data copied out of the isolate;
 * when the call left its arguments as they came, `argsAfter` is the caller's `args` array itself (not a copy).
 * `value` is decoded when first read (an own enumerable getter); until then it is kept in the wire format, which
 * `encodedValueOf` hands to a caller that can judge it there.
 */
export type CallOutcome =
  | { kind: 'ok'; value: unknown; argsAfter: unknown[]; durationMs: number }
  | { kind: 'not-implemented'; message: string }
  | { kind: 'threw'; name: string; message: string }
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'memory'; limitMb: number }
  | { kind: 'missing-export'; message: string }
  | { kind: 'unavailable'; message: string };

export interface SandboxLimits {
  /** Wall-clock limit of one call, in milliseconds (default 500). */
  timeoutMs?: number;
  /** Heap limit of the isolate, in MiB (default 128). */
  memoryMb?: number;
  /**
   * Wall-clock limit of evaluating one exercise's module (its top-level code), in milliseconds
   * (default: twice `timeoutMs`, at least 1000). Exceeding it makes that exercise a build error.
   */
  loadTimeoutMs?: number;
}

export interface ExerciseEntry {
  /** Folder name, e.g. `02-lstm-gates`. */
  id: string;
  /** Entry file relative to the exercise folder, e.g. `src/lstm-gates.ts`. */
  entry: string;
}

export interface SandboxTimings {
  /** Bundling every submitted exercise with esbuild (import rules included), in milliseconds. */
  bundleMs: number;
  /**
   * The rest of `createSandbox`, in milliseconds: starting the isolate's process, loading every bundle into
   * its context, and the function line spans (parsed in parallel with bundling).
   */
  startMs: number;
  /**
   * Whether this sandbox got the isolate of the previous sandbox of this process (its contexts dropped, its
   * harness already compiled), which makes starting and the first calls cheaper; false for a new isolate.
   */
  isolateKept: boolean;
}

export interface Sandbox {
  readonly builds: ReadonlyMap<string, ExerciseBuild>;
  readonly timings: SandboxTimings;
  /**
   * Calls `exerciseId`'s exported `fn` with a copy of `args`. Synchronous; never throws for anything the
   * student's code does (a throw, a timeout, running out of memory): that is reported in the outcome.
   * After a timeout, later calls of the same function answer `timeout` at once, so an endless loop costs
   * one time limit per function, not one per generated case. Throws a TypeError only for a grader bug:
   * `args` that are not plain data (functions, symbols).
   */
  call(exerciseId: string, fn: string, args: unknown[]): CallOutcome;
  /**
   * `call` on each argument list in order, with the same limits and outcomes, in as few round trips to the
   * isolate as the time limits allow (a few hundred calls of a gate function cost about as much as one).
   * Stops after the first outcome that is not `ok` or `threw`, so the result may be shorter than `argsList`.
   * `whileWaiting` (optional) runs exactly once while the isolate works, so the caller can do its own work in
   * parallel; an error it throws is rethrown once the isolate has answered. Optional in the contract: without
   * it, callers loop over `call`.
   */
  callMany?(exerciseId: string, fn: string, argsList: unknown[][], whileWaiting?: () => void): CallOutcome[];
  dispose(): void;
}

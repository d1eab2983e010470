// Messages between the host (the grader's process), the supervisor worker (a thread of the host that owns the
// child process and watches its deadlines) and the child process that runs the isolate.

/** Limits as the child applies them (all resolved, no defaults left). */
export interface ChildLimits {
  timeoutMs: number;
  memoryMb: number;
  loadTimeoutMs: number;
}

/** One exported name of a loaded module and its `typeof`. */
export interface ExportInfo {
  name: string;
  type: string;
}

/** The two strict-mode scripts the child runs in its isolate; each one's completion value is its API. */
export interface HarnessScripts {
  /** harness.ts: run once per isolate, in a context of its own that student code never enters. */
  harness: string;
  /** realm-setup.ts: run first in every exercise's context. */
  realm: string;
}

export type ChildRequest =
  | { op: 'init'; harness: HarnessScripts; limits: ChildLimits }
  /** `eager`: evaluate the module now and report its exports; otherwise keep it for the first call. */
  | { op: 'load'; exerciseId: string; code: string; filename: string; eager: boolean }
  /**
   * Runs `fn` on each argument list of `batch` (codec.ts's `encodeBatch`) in one entry into the isolate (see
   * Harness.callMany for `budgetMs`; 0 runs exactly one call).
   */
  | { op: 'callMany'; exerciseId: string; fn: string; batch: Float64Array; budgetMs: number };

/** `isolate`: whether the child kept the isolate (and its warm harness) of the last submission or made a new one. */
export type InitReply = { kind: 'ready'; isolate: 'kept' | 'new' } | { kind: 'failed'; message: string };

export type LoadReply =
  | { kind: 'loaded'; exports: ExportInfo[] }
  | { kind: 'registered' }
  | { kind: 'threw'; name: string; message: string }
  | { kind: 'timeout' }
  | { kind: 'memory' }
  | { kind: 'failed'; message: string };

/**
 * The answer to `callMany`. `results`: the encoded results (codec.ts's `decodeResults`) of the calls that ran,
 * in order, ending early after a timeout or a missing export, or when the time budget ran out. `crashed`: the
 * isolate ran out of memory mid-batch and the finished results were lost with it. `unavailable`: the exercise's
 * module could not be (re)loaded, or the isolate failed in a way student code cannot cause.
 */
export type CallManyReply =
  | { kind: 'results'; results: Float64Array }
  | { kind: 'crashed' }
  | { kind: 'unavailable'; message: string };

/** What the harness inside the isolate answers to `load` (copied out as plain data). */
export type HarnessLoadResult =
  | { kind: 'loaded'; exports: ExportInfo[] }
  | { kind: 'threw'; name: string; message: string };

export type SupervisorRequest =
  | { op: 'spawn'; childFile: string; args: string[]; stderrFile: string; cwd: string }
  /** `id` pairs the reply with its request: one supervisor serves the sandboxes that reuse its child in turn. */
  | { op: 'spans'; id: number; files: { exerciseId: string; path: string }[] }
  | { op: 'stop' };

/** 1-based line span of a declaration. */
export interface LineSpan {
  startLine: number;
  endLine: number;
}

/** Export spans of one entry file: by exported name, plus the first `export * from` (names known only at run time). */
export interface EntrySpans {
  byName: Record<string, LineSpan>;
  star: LineSpan | null;
}

export interface SpansReply {
  op: 'spans';
  id: number;
  spans: Record<string, EntrySpans | { error: string }>;
}

export interface SupervisorData {
  /** Shared control block: see the `SLOT_*` indexes. */
  control: SharedArrayBuffer;
  typescriptPath: string;
  /** Where the TypeScript compiler's V8 code cache may be kept (none when undefined). */
  cacheDir: string | undefined;
}

// Int32 slots of the control block. Generations count child processes; 0 means none.
/** Generation of the newest child the supervisor spawned (notified on change). */
export const SLOT_GENERATION = 0;
/** Generation of the last child that exited (or failed to spawn). */
export const SLOT_EXITED = 1;
/** Generation of the child currently running a request with a deadline, or 0. */
export const SLOT_BUSY = 2;
/** Generation of the last child the watchdog killed for missing its deadline. */
export const SLOT_KILLED = 3;
const INT32_SLOTS = 4;
/** Float64 index (in a Float64Array over the same buffer) of the busy request's deadline, in `Date.now()` ms. */
export const F64_DEADLINE = INT32_SLOTS / 2;
export const CONTROL_BYTES = (F64_DEADLINE + 1) * 8;

// Builds a sandbox over a submission folder: locates and bundles each exercise, starts the child process
// that holds the isolate, loads every bundle into its own context, and answers calls synchronously.
import { mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundleExercise, type BundleResult } from './bundle-exercise.js';
import { isInside } from './import-rules.js';
import { ChildLink, type Exchange } from './runtime/child-link.js';
import { runtimeSources } from './runtime/compile-runtime.js';
import { decodeResults, decodeValue, encodeBatch, type DecodedResult, type EncodedValue } from './runtime/codec.js';
import {
  CONTROL_BYTES, type CallManyReply, type ChildLimits, type EntrySpans, type LoadReply, type SpansReply, type SupervisorData,
} from './runtime/protocol.js';
import type { CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox, SandboxLimits, SandboxTimings } from './types.js';

const DEFAULT_TIMEOUT_MS = 500;
const DEFAULT_MEMORY_MB = 128;
/** isolated-vm refuses smaller heaps. */
const MIN_MEMORY_MB = 8;
const NOT_IMPLEMENTED = /^\s*not implemented/i;
/** A batch of calls starts no new call after this long, so the watchdog's limit for it stays short. */
const BATCH_BUDGET_MS = 100;

const packageRequire = createRequire(import.meta.url);

function resolveLimits(limits: SandboxLimits): ChildLimits {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = limits.memoryMb ?? DEFAULT_MEMORY_MB;
  const loadTimeoutMs = limits.loadTimeoutMs ?? Math.max(1000, 2 * timeoutMs);
  for (const [name, value] of [['timeoutMs', timeoutMs], ['memoryMb', memoryMb], ['loadTimeoutMs', loadTimeoutMs]] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`sandbox limit ${name} must be a positive number, got ${value}`);
  }
  if (memoryMb < MIN_MEMORY_MB) throw new RangeError(`sandbox limit memoryMb must be at least ${MIN_MEMORY_MB}, got ${memoryMb}`);
  return { timeoutMs, memoryMb, loadTimeoutMs };
}

type Located =
  | { kind: 'found'; exercise: ExerciseEntry; shown: string; path: string }
  | { kind: 'done'; build: ExerciseBuild };

/** Finds `<root>/<id>/<entry>`; a missing folder or file is "not submitted", a link out of the folder an error. */
function locate(root: string | undefined, exercise: ExerciseEntry): Located {
  const shown = `${exercise.id}/${exercise.entry}`.split('\\').join('/');
  const notSubmitted: Located = { kind: 'done', build: { status: 'not-submitted', exerciseId: exercise.id, entry: exercise.entry } };
  if (root === undefined) return notSubmitted;
  const lexical = resolve(root, exercise.id, exercise.entry);
  if (!isInside(root, lexical)) throw new RangeError(`exercise entry ${shown} is not inside the submission folder`);
  let real: string;
  try {
    if (!statSync(lexical).isFile()) return notSubmitted;
    real = realpathSync(lexical);
  } catch {
    return notSubmitted;
  }
  const error = (message: string): Located => ({
    kind: 'done', build: { status: 'build-error', exerciseId: exercise.id, entry: exercise.entry, message: `${shown}: ${message}` },
  });
  if (!isInside(root, real)) return error('is a symbolic link to a file outside the submission folder');
  if (!real.endsWith('.ts')) return error('is a symbolic link to a file that is not a .ts file');
  return { kind: 'found', exercise, shown, path: real };
}

function describeLoadFailure(reply: Exchange<LoadReply>, limits: ChildLimits): string | undefined {
  if (!reply.ok) {
    return reply.reason === 'killed'
      ? `loading the module did not finish within ${limits.loadTimeoutMs} ms (an endless loop at the top level?)`
      : `loading the module crashed the sandbox (most likely it ran out of memory; the limit is ${limits.memoryMb} MiB)`;
  }
  const r = reply.reply;
  switch (r.kind) {
    case 'loaded':
    case 'registered':
      return undefined;
    case 'threw':
      return `loading the module threw ${r.name}: ${r.message}`;
    case 'timeout':
      return `loading the module did not finish within ${limits.loadTimeoutMs} ms (an endless loop at the top level?)`;
    case 'memory':
      return `loading the module ran out of memory (the limit is ${limits.memoryMb} MiB)`;
    case 'failed':
      return `the module could not be loaded: ${r.message}`;
  }
}

/**
 * The isolate's process, the worker that supervises it, and their temporary folder. A disposed sandbox hands a
 * healthy runtime back for the next sandbox of the process (a batch worker grades one submission after another):
 * starting Node, isolated-vm and the worker (which loads the TypeScript parser) again would cost more CPU than
 * most gradings. What a submission leaves in it is nothing: the next sandbox's `init` drops the isolate, its
 * contexts and bundles, and makes a fresh isolate; student code never runs outside an isolate.
 */
class Runtime {
  private stopped = false;
  private supervisorGone = false;
  private spanRequests = 0;
  private readonly pendingSpans = new Map<number, (spans: SpansReply['spans']) => void>();

  constructor(
    readonly link: ChildLink,
    private readonly supervisor: Worker,
    private readonly dir: string,
  ) {
    supervisor.on('message', (message: SpansReply) => {
      if (message.op !== 'spans') return;
      this.pendingSpans.get(message.id)?.(message.spans);
      this.pendingSpans.delete(message.id);
    });
    const gone = (): void => {
      this.supervisorGone = true;
      for (const resolveSpans of this.pendingSpans.values()) resolveSpans({});
      this.pendingSpans.clear();
    };
    supervisor.on('error', gone);
    supervisor.on('exit', gone);
  }

  /** Function line spans of `files`, parsed by the supervisor while this thread bundles and loads. */
  requestSpans(files: { exerciseId: string; path: string }[]): Promise<SpansReply['spans']> {
    if (this.supervisorGone) return Promise.resolve({});
    const id = ++this.spanRequests;
    const spans = new Promise<SpansReply['spans']>((resolveSpans) => this.pendingSpans.set(id, resolveSpans));
    this.supervisor.postMessage({ op: 'spans', id, files });
    return spans;
  }

  /** Keeps this runtime for the next sandbox when its child is up and answering, else stops it. */
  release(): void {
    if (this.stopped) return;
    if (idle === undefined && !this.supervisorGone && this.link.connected) {
      idle = this;
      // A runtime waiting for a sandbox that may never come must not keep the process alive.
      this.supervisor.unref();
    } else {
      this.stop();
    }
  }

  /** Readies an idle runtime for a new sandbox (see ChildLink.reuse); false when it cannot be. */
  reuse(limits: ChildLimits): boolean {
    if (this.stopped || this.supervisorGone) return false;
    // In use again, and waiting for the supervisor's spans: the process must stay alive for them.
    this.supervisor.ref();
    return this.link.reuse(limits);
  }

  /**
   * Stops this runtime and waits (at most `limitMs`) until its child has exited and been reaped: closing the
   * pipes ends the child by itself, and the supervisor reports the exit once Node has waited for it.
   */
  async close(limitMs: number): Promise<void> {
    if (this.stopped) return;
    this.link.closePipes();
    const deadline = Date.now() + limitMs;
    while (!this.supervisorGone && !this.link.childExited && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    this.stop();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (idle === this) idle = undefined;
    this.link.closePipes();
    this.supervisor.postMessage({ op: 'stop' });
    void this.supervisor.terminate();
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
  }
}

const live = new Set<Runtime>();
/** A released runtime waiting for the next sandbox (at most one: a process grades one submission at a time). */
let idle: Runtime | undefined;
let exitHookInstalled = false;

/**
 * Stops every sandbox runtime of this process, the idle one included, and waits for their child processes to end.
 * For a process that is about to exit after grading (a batch worker): an exit kills the children without waiting
 * for them, and a child nobody waited for leaves its CPU time out of the process tree's accounting.
 */
export async function closeSandboxes(limitMs = 2_000): Promise<void> {
  await Promise.all([...live].map((runtime) => runtime.close(limitMs)));
}

interface Started {
  runtime: Runtime;
  spans: Promise<SpansReply['spans']>;
  /** A new child, still booting (`connect` before use); otherwise a reused one, ready. */
  fresh: boolean;
}

async function startRuntime(limits: ChildLimits, entries: { exerciseId: string; path: string }[]): Promise<Started> {
  const reused = idle;
  idle = undefined;
  if (reused) {
    if (reused.reuse(limits)) return { runtime: reused, spans: reused.requestSpans(entries), fresh: false };
    reused.stop();
  }
  const sources = await runtimeSources();
  const dir = mkdtempSync(join(tmpdir(), 'gatecheck-sandbox-'));
  const childFile = join(dir, 'child.cjs');
  writeFileSync(childFile, sources.child);
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const data: SupervisorData = {
    control,
    typescriptPath: packageRequire.resolve('typescript'),
    cacheDir: fileURLToPath(new URL('../node_modules/.cache/gatecheck-sandbox', import.meta.url)),
  };
  const supervisor = new Worker(sources.supervisor, { eval: true, workerData: data });
  // A sandbox someone forgot to dispose must not keep the process alive; the child exits with its pipes.
  supervisor.unref();
  let link: ChildLink;
  try {
    link = new ChildLink({ dir, childFile, isolatedVmPath: packageRequire.resolve('isolated-vm'), harness: sources.harness, limits, supervisor, control });
    // Spawn first: the child boots while this thread bundles and the worker parses entry files.
    link.spawn();
  } catch (error) {
    void supervisor.terminate();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const runtime = new Runtime(link, supervisor, dir);
  const spans = runtime.requestSpans(entries);
  live.add(runtime);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const r of [...live]) r.stop();
    });
  }
  return { runtime, spans, fresh: true };
}

class IsolateSandbox implements Sandbox {
  /** Functions that timed out or ran out of memory answer the same at once from then on. */
  private readonly dead = new Map<string, 'timeout' | 'memory'>();
  private disposed = false;
  private broken: string | undefined;

  constructor(
    readonly builds: ReadonlyMap<string, ExerciseBuild>,
    readonly timings: SandboxTimings,
    private readonly limits: ChildLimits,
    private readonly runtime: Runtime | undefined,
  ) {}

  /** The outcome every call of `fn` gets without running, if any (disposed, not built, dead, broken). */
  private refusal(exerciseId: string, fn: string): CallOutcome | undefined {
    if (this.disposed) return { kind: 'unavailable', message: 'the sandbox was disposed' };
    const build = this.builds.get(exerciseId);
    if (!build) return { kind: 'unavailable', message: `exercise ${exerciseId} is not part of this sandbox` };
    if (build.status === 'not-submitted') return { kind: 'unavailable', message: `${exerciseId} was not submitted (no ${exerciseId}/${build.entry})` };
    if (build.status === 'build-error') return { kind: 'unavailable', message: build.message };
    const dead = this.dead.get(`${exerciseId}\u0000${fn}`);
    if (dead === 'timeout') return { kind: 'timeout', limitMs: this.limits.timeoutMs };
    if (dead === 'memory') return { kind: 'memory', limitMb: this.limits.memoryMb };
    if (this.broken !== undefined || !this.runtime) return { kind: 'unavailable', message: this.broken ?? 'the sandbox is not running' };
    try {
      this.runtime.link.ensureConnected();
    } catch (error) {
      this.broken = `the sandbox could not restart: ${error instanceof Error ? error.message : String(error)}`;
      return { kind: 'unavailable', message: this.broken };
    }
    return undefined;
  }

  /** A decoded result as the contract's outcome; a timeout marks `fn` dead. */
  private outcomeOf(exerciseId: string, fn: string, args: unknown[], result: DecodedResult): CallOutcome {
    switch (result.kind) {
      case 'ok':
        return encodedOutcome(result.encoded, result.durationMs, result.argsAfter === 'unchanged' ? args : result.argsAfter);
      case 'threw':
        return NOT_IMPLEMENTED.test(result.message) ? { kind: 'not-implemented', message: result.message } : result;
      case 'missing-export':
        return { kind: 'missing-export', message: `${exerciseId}/${this.builds.get(exerciseId)!.entry} ${result.message}` };
      case 'timeout':
        this.dead.set(`${exerciseId}\u0000${fn}`, 'timeout');
        return { kind: 'timeout', limitMs: this.limits.timeoutMs };
    }
  }

  /** No reply at all: the watchdog killed the child, or it died (memory V8 could not stop). Only `fn` pays. */
  private lostChild(exerciseId: string, fn: string, reason: 'killed' | 'crashed'): CallOutcome {
    const kind = reason === 'killed' ? 'timeout' : 'memory';
    this.dead.set(`${exerciseId}\u0000${fn}`, kind);
    return kind === 'timeout' ? { kind, limitMs: this.limits.timeoutMs } : { kind, limitMb: this.limits.memoryMb };
  }

  call(exerciseId: string, fn: string, args: unknown[]): CallOutcome {
    const outcomes = this.runMany(exerciseId, fn, [args], 0, () => {});
    return outcomes[0]!;
  }

  callMany(exerciseId: string, fn: string, argsList: unknown[][], whileWaiting?: () => void): CallOutcome[] {
    // The caller's work runs exactly once, whatever happens here; its error is rethrown after the isolate answered.
    let pending = whileWaiting;
    let workError: { error: unknown } | undefined;
    const work = (): void => {
      const w = pending;
      pending = undefined;
      try {
        w?.();
      } catch (error) {
        workError = { error };
      }
    };
    const outcomes = argsList.length === 0 ? [] : this.runMany(exerciseId, fn, argsList, BATCH_BUDGET_MS, work);
    work();
    if (workError) throw workError.error;
    return outcomes;
  }

  /**
   * Runs `argsList` in batches of whatever fits `budgetMs` (one call with 0) until all ran or an outcome other
   * than `ok`/`threw` ends it. When the child or its isolate dies mid-batch, taking the finished results along,
   * the batch runs again one call at a time, so the outcome lands on the call that caused it.
   */
  private runMany(exerciseId: string, fn: string, argsList: unknown[][], budgetMs: number, work: () => void): CallOutcome[] {
    const outcomes: CallOutcome[] = [];
    const isFinal = (o: CallOutcome): boolean => o.kind !== 'ok' && o.kind !== 'threw';
    while (outcomes.length < argsList.length) {
      const refused = this.refusal(exerciseId, fn);
      if (refused) return [...outcomes, refused];
      const rest = outcomes.length === 0 ? argsList : argsList.slice(outcomes.length);
      let batch: Float64Array;
      try {
        batch = encodeBatch(rest);
      } catch (error) {
        throw new TypeError(`sandbox.call(${exerciseId}, ${fn}): the arguments must be plain data (${error instanceof Error ? error.message : String(error)})`);
      }
      const link = this.runtime!.link;
      let exchange: Exchange<CallManyReply>;
      try {
        exchange = link.callMany(exerciseId, fn, batch, budgetMs, work);
      } catch (error) {
        // The pipes failed in a way student code cannot cause; start afresh on the next call.
        link.closePipes();
        return [...outcomes, { kind: 'unavailable', message: `the sandbox failed to run the call: ${error instanceof Error ? error.message : String(error)}` }];
      }
      if (!exchange.ok || exchange.reply.kind === 'crashed') {
        const reason = exchange.ok ? 'crashed' : exchange.reason;
        if (rest.length === 1) return [...outcomes, this.lostChild(exerciseId, fn, reason)];
        for (const args of rest) {
          const outcome = this.call(exerciseId, fn, args);
          outcomes.push(outcome);
          if (isFinal(outcome)) break;
        }
        return outcomes;
      }
      const reply = exchange.reply;
      if (reply.kind === 'unavailable') return [...outcomes, reply];
      const results = decodeResults(reply.results);
      // A timeout after every call finished: a microtask the calls queued never ended. It counts against the last.
      if (results.length > rest.length) results.splice(rest.length - 1, results.length - rest.length + 1, { kind: 'timeout' });
      if (results.length === 0) return [...outcomes, { kind: 'unavailable', message: 'the sandbox answered a batch of calls with no result' }];
      for (let k = 0; k < results.length; k++) {
        const outcome = this.outcomeOf(exerciseId, fn, rest[k]!, results[k]!);
        outcomes.push(outcome);
        if (isFinal(outcome)) return outcomes;
      }
    }
    return outcomes;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.runtime?.release();
  }
}

/** Not decoded yet (a value no decoding gives). */
const NOT_DECODED = Symbol('not decoded');

/**
 * An `ok` outcome whose value is decoded from the wire format when first read. `value` is an own enumerable
 * getter, so the outcome still looks like plain data (`toEqual`, spreading, `Object.keys`), and it is the same
 * function for every outcome: an object literal with a getter of its own, or a WeakMap from outcomes to their
 * words, cost over a microsecond per outcome (more than decoding a small result); this costs about 0.3 µs.
 */
class EncodedOk {
  readonly kind = 'ok' as const;
  declare readonly value: unknown;
  readonly #encoded: EncodedValue;
  #value: unknown = NOT_DECODED;

  constructor(encoded: EncodedValue, readonly argsAfter: unknown[], readonly durationMs: number) {
    Object.defineProperty(this, 'value', VALUE);
    this.#encoded = encoded;
  }

  static valueOf(outcome: EncodedOk): unknown {
    if (outcome.#value === NOT_DECODED) outcome.#value = decodeValue(outcome.#encoded);
    return outcome.#value;
  }

  static encodedOf(outcome: object): EncodedValue | undefined {
    return #encoded in outcome ? outcome.#encoded : undefined;
  }
}

const VALUE: PropertyDescriptor = {
  get(this: EncodedOk): unknown {
    return EncodedOk.valueOf(this);
  },
  enumerable: true,
  configurable: true,
};

/**
 * An `ok` outcome whose value stays in the wire format until `value` is read (the sandbox's own outcomes are made
 * so; another `Sandbox`, e.g. a test's, may make its own so too). A grader that compares values on the words
 * (`encodedValueOf`) never reads most of them: a passing result is not turned into arrays and objects at all.
 */
export function encodedOutcome(encoded: EncodedValue, durationMs: number, argsAfter: unknown[]): CallOutcome {
  return new EncodedOk(encoded, argsAfter, durationMs);
}

/**
 * The value of an outcome made by `encodedOutcome` (every `ok` outcome of this sandbox) as the wire format's words
 * (runtime/codec.ts), for judging it without decoding it; `undefined` for any other outcome. Do not change the words.
 */
export function encodedValueOf(outcome: CallOutcome): EncodedValue | undefined {
  return EncodedOk.encodedOf(outcome);
}

/**
 * Bundles each exercise of the submission in `submissionDir` and loads it into an isolate in a separate
 * process. Exercises whose folder or entry file is missing are `not-submitted`; refused imports, syntax
 * errors and modules that fail while loading are `build-error`s. Throws only when the sandbox itself cannot
 * start (e.g. no named pipes on this system) or for invalid `limits`.
 */
export async function createSandbox(submissionDir: string, exercises: ExerciseEntry[], limits: SandboxLimits = {}): Promise<Sandbox> {
  const resolved = resolveLimits(limits);
  const started = performance.now();
  let root: string | undefined;
  try {
    root = realpathSync(submissionDir);
    if (!statSync(root).isDirectory()) root = undefined;
  } catch {
    root = undefined;
  }
  const located = exercises.map((exercise) => locate(root, exercise));
  const found = located.filter((l): l is Extract<Located, { kind: 'found' }> => l.kind === 'found');

  const begun = found.length > 0
    ? await startRuntime(resolved, found.map((f) => ({ exerciseId: f.exercise.id, path: f.path })))
    : undefined;
  const runtime = begun?.runtime;
  try {
    const bundleStarted = performance.now();
    const bundles = new Map<string, BundleResult>();
    await Promise.all(found.map(async (f) => bundles.set(f.exercise.id, await bundleExercise(root!, f.path))));
    const bundleMs = performance.now() - bundleStarted;

    const builds = new Map<string, ExerciseBuild>();
    const loaded: { exercise: ExerciseEntry; exports: { name: string; type: string }[]; bytes: number }[] = [];
    if (runtime && begun.fresh && [...bundles.values()].some((b) => b.ok)) {
      // Wait for the child's boot without blocking the event loop: the caller may have work queued meanwhile.
      await runtime.link.whenStarted();
      runtime.link.connect();
    }
    for (const item of located) {
      if (item.kind === 'done') {
        builds.set(item.build.exerciseId, item.build);
        continue;
      }
      const { exercise, shown } = item;
      const bundle = bundles.get(exercise.id)!;
      if (!bundle.ok) {
        builds.set(exercise.id, { status: 'build-error', exerciseId: exercise.id, entry: exercise.entry, message: bundle.message });
        continue;
      }
      runtime!.link.ensureConnected();
      const reply = runtime!.link.load(exercise.id, bundle.code, `submission:///${shown}`);
      const failure = describeLoadFailure(reply, resolved);
      if (failure !== undefined || !reply.ok || reply.reply.kind !== 'loaded') {
        builds.set(exercise.id, { status: 'build-error', exerciseId: exercise.id, entry: exercise.entry, message: `${shown}: ${failure}` });
        continue;
      }
      loaded.push({ exercise, exports: reply.reply.exports, bytes: bundle.bytes });
    }

    const spans = loaded.length > 0 ? await begun!.spans : {};
    for (const { exercise, exports, bytes } of loaded) {
      const found = spans[exercise.id];
      const fileSpans: EntrySpans = found && 'byName' in found ? found : { byName: {}, star: null };
      const functions: Record<string, { startLine: number; endLine: number }> = {};
      for (const { name, type } of exports) {
        const span = Object.hasOwn(fileSpans.byName, name) ? fileSpans.byName[name] : fileSpans.star;
        if (type === 'function' && span) functions[name] = span;
      }
      builds.set(exercise.id, {
        status: 'loaded', exerciseId: exercise.id, entry: exercise.entry, exports: exports.map((e) => e.name), functions, bundleBytes: bytes,
      });
    }
    // Keep the caller's order of exercises.
    const ordered = new Map(exercises.map((e) => [e.id, builds.get(e.id)!] as const));
    if (loaded.length === 0) runtime?.release();
    const startMs = performance.now() - started - bundleMs;
    return new IsolateSandbox(ordered, { bundleMs, startMs, isolateKept: runtime?.link.isolateKept ?? false }, resolved, loaded.length > 0 ? runtime : undefined);
  } catch (error) {
    runtime?.stop();
    throw error;
  }
}

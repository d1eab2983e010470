// The child process that runs student code. It exists so that the few ways student code can bring down a
// whole V8 process (e.g. `new Array(1e9).fill(0)` exhausts the heap inside a C++ builtin, which isolated-vm's
// memory limit cannot interrupt) end this process, not the grader's. Inside it, every exercise runs in its
// own context of one isolate (isolated-vm) under the time and memory limits; the harness lives in a context
// of its own in the same isolate, which the process keeps from one submission to the next (see `init`).
//
// Protocol: argv = [requests pipe, responses pipe, path of isolated-vm]. Requests and replies are frames
// (frame-io.ts), strictly one reply per request, read and written with blocking I/O: the host waits for each
// reply synchronously.
import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import type IsolatedVm from 'isolated-vm';
import { encodeFrame, FrameReader, writeFrame } from './frame-io.js';
import type { CallManyReply, ChildLimits, ChildRequest, HarnessLoadResult, HarnessScripts, InitReply, LoadReply } from './protocol.js';
import { RESULT } from './wire-tags.js';

const [requestsPath, responsesPath, isolatedVmPath] = process.argv.slice(2) as [string, string, string];
const ivm = createRequire(isolatedVmPath)(isolatedVmPath) as typeof IsolatedVm;

const TIMED_OUT = 'Script execution timed out.';

/** One exercise's context (its realm), as the harness holds it. */
interface LoadedContext {
  context: IsolatedVm.Context;
  /** The harness's record of this realm (harness.ts's Handle). */
  handle: IsolatedVm.Reference<unknown>;
  /** The realm's trampoline (realm-setup.ts's `enter`), through which every entry that runs student code goes. */
  enter: IsolatedVm.Reference<(...args: unknown[]) => unknown>;
}

/** An isolate with the harness installed in its own context, kept for the submissions this process grades in turn. */
interface Runtime {
  isolate: IsolatedVm.Isolate;
  harnessContext: IsolatedVm.Context;
  open: IsolatedVm.Reference<(realm: unknown) => unknown>;
  load: IsolatedVm.Reference<(handle: unknown, bundle: unknown) => HarnessLoadResult>;
  callMany: IsolatedVm.Reference<(handle: unknown, name: string, budgetMs: number, timeoutMs: number, batch: Float64Array) => Float64Array>;
  takePartial: IsolatedVm.Reference<() => Float64Array>;
  realmSetup: IsolatedVm.Script;
}

let scripts: HarnessScripts = { harness: '', realm: '' };
let limits: ChildLimits = { timeoutMs: 500, memoryMb: 128, loadTimeoutMs: 1000 };
let runtime: Runtime | undefined;
/**
 * Set when student code was interrupted (a time limit) or the isolate failed in an unexpected way: the isolate
 * may then hold what that code left running or half-done, so the next submission gets a fresh one.
 */
let tainted = false;
const bundles = new Map<string, { code: string; filename: string }>();
const contexts = new Map<string, LoadedContext>();

function currentRuntime(): Runtime {
  if (runtime && !runtime.isolate.isDisposed) return runtime;
  // A new isolate (first use, after running out of memory, or after a tainted one): every context has to be
  // rebuilt lazily.
  contexts.clear();
  runtime = undefined;
  tainted = false;
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  const harnessContext = isolate.createContextSync();
  const api = harnessContext.evalSync(scripts.harness, { reference: true, filename: 'gatecheck:harness' }) as IsolatedVm.Reference<Record<string, unknown>>;
  runtime = {
    isolate, harnessContext,
    open: api.getSync('open', { reference: true }) as Runtime['open'],
    load: api.getSync('load', { reference: true }) as Runtime['load'],
    callMany: api.getSync('callMany', { reference: true }) as Runtime['callMany'],
    takePartial: api.getSync('takePartial', { reference: true }) as Runtime['takePartial'],
    realmSetup: isolate.compileScriptSync(scripts.realm, { filename: 'gatecheck:realm' }),
  };
  api.release();
  return runtime;
}

/** Lets the isolate collect an exercise's context: nothing of the harness keeps it once these are released. */
function drop(loaded: Partial<LoadedContext> | undefined): void {
  try {
    loaded?.handle?.release();
    loaded?.enter?.release();
    loaded?.context?.release();
  } catch {
    // Already gone with its isolate.
  }
}

function dropAll(): void {
  for (const loaded of contexts.values()) drop(loaded);
  contexts.clear();
}

/** Whether the isolate can serve the next submission, which asks for `next` limits and scripts. */
function reusable(nextScripts: HarnessScripts, nextLimits: ChildLimits): boolean {
  if (!runtime || runtime.isolate.isDisposed || tainted) return false;
  if (nextScripts.harness !== scripts.harness || nextScripts.realm !== scripts.realm || nextLimits.memoryMb !== limits.memoryMb) return false;
  // The last submission's contexts are garbage now, but not necessarily collected: V8 collects them before it
  // would report the next student out of memory, but a large heap of them would make the next student's calls
  // pay for that collection. Students who leave more than a quarter of the limit behind hand on a fresh isolate.
  try {
    return runtime.isolate.getHeapStatisticsSync().used_heap_size < (limits.memoryMb * 1024 * 1024) / 4;
  } catch {
    return false;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates the exercise's context, sets its realm up (realm-setup.ts) before anything else runs there, hands the
 * realm to the harness, then evaluates the student's bundle in it.
 */
function loadContext(exerciseId: string): LoadReply {
  const bundle = bundles.get(exerciseId);
  if (!bundle) return { kind: 'failed', message: `no bundle for ${exerciseId}` };
  const current = currentRuntime();
  const target = current.isolate;
  let context: IsolatedVm.Context | undefined;
  let handle: IsolatedVm.Reference<unknown> | undefined;
  let enter: LoadedContext['enter'] | undefined;
  try {
    context = target.createContextSync();
    const realm = current.realmSetup.runSync(context, { reference: true }) as IsolatedVm.Reference<Record<string, unknown>>;
    enter = realm.getSync('enter', { reference: true }) as LoadedContext['enter'];
    handle = current.open.applySync(undefined, [realm.derefInto()], { result: { reference: true } }) as IsolatedVm.Reference<unknown>;
    realm.release();
    // Wrapping the CommonJS bundle in a function keeps `module` local: nothing lands on the global object.
    const wrapped = `(function (module, exports) { 'use strict';\n${bundle.code}\n})`;
    const moduleFunction = target.compileScriptSync(wrapped, { filename: bundle.filename }).runSync(context, { reference: true });
    const result = enter.applySync(undefined, [current.load.derefInto(), handle.derefInto(), moduleFunction.derefInto()], {
      result: { copy: true }, timeout: limits.loadTimeoutMs,
    }) as HarnessLoadResult;
    moduleFunction.release();
    const loaded = { context, handle, enter };
    if (result.kind === 'threw') {
      drop(loaded);
      return result;
    }
    contexts.set(exerciseId, loaded);
    return { kind: 'loaded', exports: result.exports };
  } catch (error) {
    if (target.isDisposed) return { kind: 'memory' };
    drop({ context, handle, enter });
    tainted = true;
    if (errorMessage(error) === TIMED_OUT) return { kind: 'timeout' };
    // What V8 refuses to compile although esbuild accepted it, or any other failure to set the context up.
    return { kind: 'failed', message: errorMessage(error) };
  }
}

/** The exercise's context, loaded again after an earlier failure disposed the isolate; or why it cannot be. */
function contextFor(exerciseId: string): LoadedContext | CallManyReply {
  const loaded = contexts.get(exerciseId);
  if (loaded && runtime !== undefined && !runtime.isolate.isDisposed) return loaded;
  const reply = loadContext(exerciseId);
  if (reply.kind === 'loaded') return contexts.get(exerciseId)!;
  const reason = reply.kind === 'threw' ? `threw ${reply.name}: ${reply.message}`
    : reply.kind === 'timeout' ? `did not finish within ${limits.loadTimeoutMs} ms`
    : reply.kind === 'memory' ? `ran out of memory (limit ${limits.memoryMb} MiB)`
    : reply.kind === 'failed' ? `failed: ${reply.message}` : 'failed';
  return { kind: 'unavailable', message: `reloading the module after an earlier failure ${reason}` };
}

/**
 * Many calls in one entry into the isolate: the per-entry cost (locking, copying, switching context) is paid
 * once, and the arguments and results cross as one Float64Array each (codec.ts). The harness decodes each
 * call's arguments into fresh arrays, so calls share no objects and one call's writes into its arguments
 * cannot reach another's. The isolate's limit for the whole batch is `budgetMs + timeoutMs`; the harness starts
 * no call after `budgetMs`, so a call it interrupts ran for at least `timeoutMs`.
 */
function callMany(exerciseId: string, fn: string, batch: Float64Array, budgetMs: number): CallManyReply {
  const loaded = contextFor(exerciseId);
  if (!('context' in loaded)) return loaded;
  const current = runtime!;
  const target = current.isolate;
  try {
    const results = loaded.enter.applySync(undefined, [
      current.callMany.derefInto(), loaded.handle.derefInto(), fn, budgetMs, limits.timeoutMs,
      new ivm.ExternalCopy(batch).copyInto({ release: true }),
    ], { result: { copy: true }, timeout: budgetMs + limits.timeoutMs }) as Float64Array;
    return { kind: 'results', results };
  } catch (error) {
    if (target.isDisposed) return { kind: 'crashed' };
    tainted = true;
    if (errorMessage(error) !== TIMED_OUT) return { kind: 'unavailable', message: `the sandbox failed to run the call: ${errorMessage(error)}` };
  }
  // Interrupted: the calls that finished, then a timeout for the one that was running.
  let finished: Float64Array;
  try {
    finished = current.takePartial.applySync(undefined, [], { result: { copy: true }, timeout: limits.timeoutMs }) as Float64Array;
  } catch {
    if (target.isDisposed) return { kind: 'crashed' };
    finished = new Float64Array(0);
  }
  const results = new Float64Array(finished.length + 1);
  results.set(finished);
  results[finished.length] = RESULT.TIMEOUT;
  return { kind: 'results', results };
}

function handle(request: ChildRequest): InitReply | LoadReply | CallManyReply {
  switch (request.op) {
    case 'init': {
      // Also how a host reuses this process for the next submission. Every context and bundle of the last one
      // is dropped; the isolate, with the harness compiled and warm in its own context, is kept when nothing
      // was interrupted in it and the limits are the same, and replaced by a fresh one otherwise. What the
      // last submission's code did lives in its own contexts, which are gone: it never ran in the harness's.
      const keep = reusable(request.harness, request.limits);
      scripts = request.harness;
      limits = request.limits;
      bundles.clear();
      dropAll();
      if (!keep) {
        if (runtime && !runtime.isolate.isDisposed) runtime.isolate.dispose();
        runtime = undefined;
      }
      try {
        currentRuntime();
        return { kind: 'ready', isolate: keep ? 'kept' : 'new' };
      } catch (error) {
        return { kind: 'failed', message: errorMessage(error) };
      }
    }
    case 'load':
      bundles.set(request.exerciseId, { code: request.code, filename: request.filename });
      drop(contexts.get(request.exerciseId));
      contexts.delete(request.exerciseId);
      return request.eager ? loadContext(request.exerciseId) : { kind: 'registered' };
    case 'callMany':
      return callMany(request.exerciseId, request.fn, request.batch, request.budgetMs);
  }
}

// Responses first, opened read-write so this open never waits; the host's non-blocking open of the requests
// pipe succeeds once this process waits on it, which tells the host the responses pipe is ready too.
const responses = openSync(responsesPath, 'r+');
const requests = new FrameReader(openSync(requestsPath, 'r'));
for (;;) {
  const request = requests.read() as ChildRequest | undefined;
  // The host closed its end (disposed, or exited): nothing more to do.
  if (request === undefined) process.exit(0);
  let reply: InitReply | LoadReply | CallManyReply;
  try {
    reply = handle(request);
  } catch (error) {
    reply = { kind: 'unavailable', message: `the sandbox process failed: ${errorMessage(error)}` };
  }
  let frame: Buffer;
  try {
    frame = encodeFrame(reply);
  } catch (error) {
    frame = encodeFrame({ kind: 'unavailable', message: `the sandbox could not send its answer: ${errorMessage(error)}` });
  }
  writeFrame(responses, frame);
}

// The child process that runs student code. It exists so that the few ways student code can bring down a
// whole V8 process (e.g. `new Array(1e9).fill(0)` exhausts the heap inside a C++ builtin, which isolated-vm's
// memory limit cannot interrupt) end this process, not the grader's. Inside it, every exercise runs in its
// own context of one isolate (isolated-vm) under the time and memory limits.
//
// Protocol: argv = [requests pipe, responses pipe, path of isolated-vm]. Requests and replies are frames
// (frame-io.ts), strictly one reply per request, read and written with blocking I/O: the host waits for each
// reply synchronously.
import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import type IsolatedVm from 'isolated-vm';
import { encodeFrame, FrameReader, writeFrame } from './frame-io.js';
import type { CallManyReply, ChildLimits, ChildRequest, HarnessLoadResult, InitReply, LoadReply } from './protocol.js';
import { RESULT } from './wire-tags.js';

const [requestsPath, responsesPath, isolatedVmPath] = process.argv.slice(2) as [string, string, string];
const ivm = createRequire(isolatedVmPath)(isolatedVmPath) as typeof IsolatedVm;

const TIMED_OUT = 'Script execution timed out.';

interface LoadedContext {
  context: IsolatedVm.Context;
  callMany: IsolatedVm.Reference<(name: string, budgetMs: number, timeoutMs: number, batch: Float64Array) => Float64Array>;
  takePartial: IsolatedVm.Reference<() => Float64Array>;
}

let harnessSource = '';
let limits: ChildLimits = { timeoutMs: 500, memoryMb: 128, loadTimeoutMs: 1000 };
let isolate: IsolatedVm.Isolate | undefined;
const bundles = new Map<string, { code: string; filename: string }>();
const contexts = new Map<string, LoadedContext>();

function currentIsolate(): IsolatedVm.Isolate {
  if (!isolate || isolate.isDisposed) {
    // A new isolate (first use, or after running out of memory): every context has to be rebuilt lazily.
    contexts.clear();
    isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  }
  return isolate;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates the exercise's context with the harness installed, then evaluates the student's bundle in it. */
function loadContext(exerciseId: string): LoadReply {
  const bundle = bundles.get(exerciseId);
  if (!bundle) return { kind: 'failed', message: `no bundle for ${exerciseId}` };
  const target = currentIsolate();
  let context: IsolatedVm.Context | undefined;
  try {
    context = target.createContextSync();
    const harness = context.evalSync(harnessSource, { reference: true, filename: 'gatecheck:harness' }) as IsolatedVm.Reference<Record<string, unknown>>;
    const load = harness.getSync('load', { reference: true }) as IsolatedVm.Reference<(bundle: unknown) => HarnessLoadResult>;
    const callMany = harness.getSync('callMany', { reference: true }) as LoadedContext['callMany'];
    const takePartial = harness.getSync('takePartial', { reference: true }) as LoadedContext['takePartial'];
    // Wrapping the CommonJS bundle in a function keeps `module` local: nothing lands on the global object.
    const wrapped = `(function (module, exports) { 'use strict';\n${bundle.code}\n})`;
    const moduleFunction = target.compileScriptSync(wrapped, { filename: bundle.filename }).runSync(context, { reference: true });
    const result = load.applySync(undefined, [moduleFunction.derefInto()], { result: { copy: true }, timeout: limits.loadTimeoutMs }) as HarnessLoadResult;
    if (result.kind === 'threw') {
      context.release();
      return result;
    }
    contexts.set(exerciseId, { context, callMany, takePartial });
    return { kind: 'loaded', exports: result.exports };
  } catch (error) {
    if (target.isDisposed) return { kind: 'memory' };
    try {
      context?.release();
    } catch {
      // Already gone with its isolate.
    }
    if (errorMessage(error) === TIMED_OUT) return { kind: 'timeout' };
    // What V8 refuses to compile although esbuild accepted it, or any other failure to set the context up.
    return { kind: 'failed', message: errorMessage(error) };
  }
}

/** The exercise's context, loaded again after an earlier failure disposed the isolate; or why it cannot be. */
function contextFor(exerciseId: string): LoadedContext | CallManyReply {
  const loaded = contexts.get(exerciseId);
  if (loaded && isolate !== undefined && !isolate.isDisposed) return loaded;
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
  const target = isolate!;
  try {
    const results = loaded.callMany.applySync(undefined, [fn, budgetMs, limits.timeoutMs, new ivm.ExternalCopy(batch).copyInto({ release: true })], {
      result: { copy: true }, timeout: budgetMs + limits.timeoutMs,
    }) as Float64Array;
    return { kind: 'results', results };
  } catch (error) {
    if (target.isDisposed) return { kind: 'crashed' };
    if (errorMessage(error) !== TIMED_OUT) return { kind: 'unavailable', message: `the sandbox failed to run the call: ${errorMessage(error)}` };
  }
  // Interrupted: the calls that finished, then a timeout for the one that was running.
  let finished: Float64Array;
  try {
    finished = loaded.takePartial.applySync(undefined, [], { result: { copy: true }, timeout: limits.timeoutMs }) as Float64Array;
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
    case 'init':
      // Also how a host reuses this process for the next submission: nothing of the last one survives, since
      // every context, bundle and the isolate itself are dropped and a fresh isolate is made.
      harnessSource = request.harness;
      limits = request.limits;
      bundles.clear();
      contexts.clear();
      if (isolate && !isolate.isDisposed) isolate.dispose();
      isolate = undefined;
      try {
        currentIsolate();
        return { kind: 'ready' };
      } catch (error) {
        return { kind: 'failed', message: errorMessage(error) };
      }
    case 'load':
      bundles.set(request.exerciseId, { code: request.code, filename: request.filename });
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

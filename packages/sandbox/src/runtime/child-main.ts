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
import { decodePlain } from './decode-plain.js';
import { encodeFrame, FrameReader, writeFrame } from './frame-io.js';
import { plainEqual } from './plain-equal.js';
import type {
  CallReply, ChildLimits, ChildRequest, HarnessCallResult, HarnessLoadResult, InitReply, LoadReply,
} from './protocol.js';

const [requestsPath, responsesPath, isolatedVmPath] = process.argv.slice(2) as [string, string, string];
const ivm = createRequire(isolatedVmPath)(isolatedVmPath) as typeof IsolatedVm;

const TIMED_OUT = 'Script execution timed out.';

interface LoadedContext {
  context: IsolatedVm.Context;
  call: IsolatedVm.Reference<(name: string, args: unknown[]) => HarnessCallResult>;
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
    const harness = context.evalSync(harnessSource, { reference: true, filename: 'gatecheck:harness' }) as IsolatedVm.Reference<{
      load: (bundle: unknown) => HarnessLoadResult; call: (name: string, args: unknown[]) => HarnessCallResult;
    }>;
    const load = harness.getSync('load', { reference: true }) as IsolatedVm.Reference<(bundle: unknown) => HarnessLoadResult>;
    const call = harness.getSync('call', { reference: true }) as IsolatedVm.Reference<(name: string, args: unknown[]) => HarnessCallResult>;
    // Wrapping the CommonJS bundle in a function keeps `module` local: nothing lands on the global object.
    const wrapped = `(function (module, exports) { 'use strict';\n${bundle.code}\n})`;
    const moduleFunction = target.compileScriptSync(wrapped, { filename: bundle.filename }).runSync(context, { reference: true });
    const result = load.applySync(undefined, [moduleFunction.derefInto()], { result: { copy: true }, timeout: limits.loadTimeoutMs }) as HarnessLoadResult;
    if (result.kind === 'threw') {
      context.release();
      return result;
    }
    contexts.set(exerciseId, { context, call });
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

function call(exerciseId: string, fn: string, args: unknown[]): CallReply {
  let loaded = contexts.get(exerciseId);
  if (!loaded || isolate === undefined || isolate.isDisposed) {
    const reply = loadContext(exerciseId);
    if (reply.kind !== 'loaded') {
      const reason = reply.kind === 'threw' ? `threw ${reply.name}: ${reply.message}`
        : reply.kind === 'timeout' ? `did not finish within ${limits.loadTimeoutMs} ms`
        : reply.kind === 'memory' ? `ran out of memory (limit ${limits.memoryMb} MiB)`
        : reply.kind === 'failed' ? `failed: ${reply.message}` : 'failed';
      return { kind: 'unavailable', message: `reloading the module after an earlier failure ${reason}` };
    }
    loaded = contexts.get(exerciseId)!;
  }
  const target = isolate!;
  const started = performance.now();
  try {
    const result = loaded.call.applySync(undefined, [fn, args], {
      arguments: { copy: true }, result: { copy: true }, timeout: limits.timeoutMs,
    }) as HarnessCallResult;
    const durationMs = performance.now() - started;
    if (result.kind !== 'ok') return result;
    const argsAfter = decodePlain(result.argsAfter) as unknown[];
    return { kind: 'ok', value: decodePlain(result.value), argsAfter: plainEqual(argsAfter, args) ? 'unchanged' : argsAfter, durationMs };
  } catch (error) {
    if (target.isDisposed) return { kind: 'memory' };
    if (errorMessage(error) === TIMED_OUT) return { kind: 'timeout' };
    return { kind: 'unavailable', message: `the sandbox failed to run the call: ${errorMessage(error)}` };
  }
}

function handle(request: ChildRequest): InitReply | LoadReply | CallReply {
  switch (request.op) {
    case 'init':
      harnessSource = request.harness;
      limits = request.limits;
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
    case 'call':
      return call(request.exerciseId, request.fn, request.args);
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
  let reply: InitReply | LoadReply | CallReply;
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

// A worker thread of the host. The host's main thread blocks while it waits for the child's reply, so this
// thread does what needs an event loop meanwhile: it owns the child process (spawns it, sees it exit), kills
// it when a request overruns its deadline (a backstop behind isolated-vm's own time limit), and parses entry
// files with the TypeScript compiler for function line spans, in parallel with bundling and loading.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { findExportSpans } from '../function-spans.js';
import { loadTypeScript, type LoadedTypeScript } from './load-typescript.js';
import {
  F64_DEADLINE, SLOT_BUSY, SLOT_EXITED, SLOT_GENERATION, SLOT_KILLED, type EntrySpans, type SpansReply,
  type SupervisorData, type SupervisorRequest,
} from './protocol.js';

const WATCH_INTERVAL_MS = 25;

const data = workerData as SupervisorData;
const slots = new Int32Array(data.control);
const deadlines = new Float64Array(data.control);
let child: ChildProcess | undefined;
let generation = 0;

function signal(slot: number, value: number): void {
  Atomics.store(slots, slot, value);
  Atomics.notify(slots, slot);
}

/** V8 settings of the grader's process that its sandbox process takes on. */
const INHERITED_V8_FLAGS = /^--(single-threaded-gc|interrupt-budget=\d+)$/;

function spawnChild(request: Extract<SupervisorRequest, { op: 'spawn' }>): void {
  child?.kill('SIGKILL');
  const current = ++generation;
  let stderr: number | undefined;
  try {
    stderr = openSync(request.stderrFile, 'w');
    // --no-node-snapshot: isolated-vm crashes on Node 20+ when isolates are created next to Node's snapshot.
    // The child tunes V8 as its grader does: batch workers run with --single-threaded-gc and a larger
    // --interrupt-budget (see the batch package's worker pool); a single grading keeps V8's defaults.
    const inherited = process.execArgv.filter((flag) => INHERITED_V8_FLAGS.test(flag));
    // An empty environment: nothing of the grader's (tokens, NODE_OPTIONS loaders) reaches the child.
    const started = spawn(process.execPath, ['--no-node-snapshot', ...inherited, request.childFile, ...request.args], {
      stdio: ['ignore', 'ignore', stderr], env: {}, cwd: request.cwd, windowsHide: true,
    });
    child = started;
    started.on('exit', () => signal(SLOT_EXITED, current));
    started.on('error', () => signal(SLOT_EXITED, current));
  } catch {
    signal(SLOT_EXITED, current);
  } finally {
    if (stderr !== undefined) closeSync(stderr);
  }
  signal(SLOT_GENERATION, current);
}

let typescript: LoadedTypeScript | undefined;

function spans(id: number, files: { exerciseId: string; path: string }[]): SpansReply {
  const reply: SpansReply = { op: 'spans', id, spans: {} };
  for (const file of files) {
    try {
      typescript ??= loadTypeScript(data.typescriptPath, data.cacheDir);
      const found: EntrySpans = findExportSpans(typescript.ts, readFileSync(file.path, 'utf8'), file.path);
      reply.spans[file.exerciseId] = found;
    } catch (error) {
      reply.spans[file.exerciseId] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return reply;
}

const watchdog = setInterval(() => {
  const busy = Atomics.load(slots, SLOT_BUSY);
  if (busy !== 0 && busy === generation && Date.now() > deadlines[F64_DEADLINE]!) {
    Atomics.store(slots, SLOT_KILLED, busy);
    child?.kill('SIGKILL');
  }
}, WATCH_INTERVAL_MS);

parentPort!.on('message', (request: SupervisorRequest) => {
  switch (request.op) {
    case 'spawn':
      spawnChild(request);
      break;
    case 'spans':
      parentPort!.postMessage(spans(request.id, request.files));
      typescript?.saveCache();
      break;
    case 'stop':
      clearInterval(watchdog);
      child?.kill('SIGKILL');
      parentPort!.close();
      break;
  }
});

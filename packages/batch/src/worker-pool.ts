// A pool of grading child processes, each grading one submission at a time. A worker that dies or runs past the
// per-submission limit is killed and replaced; its submission is recorded as crashed or timed out and the batch
// goes on with the rest.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GradingReport } from '@gatecheck/grading';
import type { WorkerRequest, WorkerResponse } from './grade-worker.js';
import type { GradeOptions, StudentStatus } from './types.js';

export interface PoolTask {
  student: string;
  dir: string;
  options: GradeOptions;
}

export type PoolOutcome =
  | { status: 'graded'; report: GradingReport; durationMs: number }
  | { status: Exclude<StudentStatus, 'graded'>; message: string; durationMs: number };

export interface PoolOptions {
  /** Number of worker processes (each grades one submission at a time). */
  workers: number;
  /** URL or path of the module whose `grade` export the workers call. */
  graderModule: string;
  /** Wall-clock limit for one whole submission, in milliseconds; past it the worker is killed. */
  submissionTimeoutMs: number;
  /** Environment given to the workers (student code runs inside them, so the default passes little). */
  env?: NodeJS.ProcessEnv;
}

const here = dirname(fileURLToPath(import.meta.url));
const workerFile = join(here, existsSync(join(here, 'grade-worker.ts')) ? 'grade-worker.ts' : 'grade-worker.js');

/** The repository's TypeScript loader, found by walking up from this package, so workers can run `.ts` sources. */
function tsLoaderArgs(): string[] {
  if (!workerFile.endsWith('.ts')) return [];
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'scripts', 'register-ts.mjs');
    if (existsSync(candidate)) return ['--import', pathToFileURL(candidate).href];
  }
  return [...process.execArgv];
}

/** Only what Node and the grader need: no tokens, secrets or CI credentials reach a process running student code. */
export function workerEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT'];
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (keep.includes(name) || name.startsWith('GATECHECK_'))) out[name] = value;
  }
  return out;
}

interface Worker {
  child: ChildProcess;
  stderrTail: string;
  ready: Promise<void>;
}

const STDERR_TAIL = 4000;

/**
 * V8 settings of a worker, which its sandbox process takes on too. Workers and their sandbox processes keep every
 * core busy, so whatever V8 does on helper threads takes a core from one of them:
 * - `--single-threaded-gc`: the collector's parallel and concurrent threads only competed with the other busy
 *   processes. A class of 50, 2 workers, 3 alternating runs: 52.4 s of CPU against 56.7 s.
 * - `--interrupt-budget=528000` (V8's default is 67584): a function must run about eight times longer before the
 *   optimising compiler takes it, so the many functions of each student's code that run only a few hundred times
 *   are no longer compiled for the little they would gain; the hot ones still are. A class of 50, 2 workers,
 *   3 alternating runs: 33.8 s of CPU against 41.4 s, the same grades.
 */
export const WORKER_V8_FLAGS: readonly string[] = ['--single-threaded-gc', '--interrupt-budget=528000'];

function spawnWorker(options: PoolOptions): Worker {
  const moduleUrl = /^[a-z]+:/i.test(options.graderModule) ? options.graderModule : pathToFileURL(options.graderModule).href;
  const child = fork(workerFile, [moduleUrl], {
    execArgv: ['--no-warnings', ...WORKER_V8_FLAGS, ...tsLoaderArgs()],
    env: options.env ?? workerEnvironment(),
    // Whatever the grader or student code prints must not mix into the batch's own output.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const worker: Worker = { child, stderrTail: '', ready: Promise.resolve() };
  // A send to a worker that just died reports an 'error' event; its 'exit' is what records the student.
  child.on('error', () => {});
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    worker.stderrTail = (worker.stderrTail + chunk).slice(-STDERR_TAIL);
  });
  worker.ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: WorkerResponse) => {
      if (message.type !== 'ready') return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      child.off('message', onMessage);
      reject(new Error(`a grading worker failed to start (${signal ?? `exit ${code}`}): ${lastLine(worker.stderrTail) || 'no output'}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  return worker;
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  // V8's out-of-memory report ends with a native stack; its first FATAL line says what happened.
  return lines.find((l) => /FATAL ERROR|out of memory/i.test(l)) ?? lines.at(-1) ?? '';
}

function runTask(worker: Worker, task: PoolTask, taskId: number, timeoutMs: number): Promise<PoolOutcome> {
  const { child } = worker;
  const started = performance.now();
  return new Promise<PoolOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PoolOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (message: WorkerResponse) => {
      if (message.type === 'result' && message.taskId === taskId) {
        finish({ status: 'graded', report: message.report as GradingReport, durationMs: message.durationMs });
      } else if (message.type === 'error' && message.taskId === taskId) {
        finish({ status: 'error', message: `grader error: ${message.message}`, durationMs: message.durationMs });
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      // Let the last stderr chunk arrive before quoting it.
      setImmediate(() => {
        const reason = lastLine(worker.stderrTail);
        finish({
          status: 'crashed',
          message: `grading process died (${signal ?? `exit code ${code}`})${reason ? `: ${reason}` : ''}`,
          durationMs: performance.now() - started,
        });
      });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ status: 'timeout', message: `grading took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`, durationMs: performance.now() - started });
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    const request: WorkerRequest = { type: 'grade', taskId, dir: task.dir, options: task.options };
    try {
      child.send(request);
    } catch {
      // The channel closed under us: the 'exit' handler above records the crash.
    }
  });
}

/**
 * Grades `tasks` on `options.workers` child processes and calls `onOutcome` as each finishes (in completion
 * order). Resolves when every task has an outcome. Rejects only when a worker cannot even start, which means
 * the grader itself is broken rather than any one submission.
 */
export async function gradeInPool(
  tasks: PoolTask[],
  options: PoolOptions,
  onOutcome: (task: PoolTask, outcome: PoolOutcome) => void | Promise<void>,
): Promise<void> {
  let next = 0;
  let taskIds = 0;
  let aborted = false;
  const live = new Set<ChildProcess>();
  const lane = async (): Promise<void> => {
    let worker: Worker | null = null;
    try {
      while (next < tasks.length && !aborted) {
        const task = tasks[next++]!;
        if (worker === null || worker.child.exitCode !== null || worker.child.signalCode !== null) {
          worker = spawnWorker(options);
          live.add(worker.child);
          try {
            await worker.ready;
          } catch (error) {
            aborted = true;
            throw error;
          }
        }
        const outcome = await runTask(worker, task, taskIds++, options.submissionTimeoutMs);
        if (outcome.status === 'crashed' || outcome.status === 'timeout') {
          worker.child.kill('SIGKILL');
          live.delete(worker.child);
          worker = null;
        }
        await onOutcome(task, outcome);
      }
    } finally {
      if (worker) {
        if (worker.child.connected) worker.child.disconnect();
        live.delete(worker.child);
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(options.workers, tasks.length)) }, lane);
  try {
    await Promise.all(lanes);
  } finally {
    for (const child of live) child.kill('SIGKILL');
  }
}

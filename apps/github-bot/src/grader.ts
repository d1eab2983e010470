// Grading runs in a child process, never on the server's event loop: it is CPU-heavy for seconds, and the
// child inherits none of the bot's environment (it gets only TMPDIR), so student code that escaped its sandbox
// would still find no token, key or secret (bot.md #9). Each process grades one submission and exits. The next one is started ahead of
// time and loads the graders while the current grading runs, so a queue of pushes does not wait for start-up.
// A newer push kills the child of the commit it replaces.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradingReport } from '@gatecheck/grading';

export interface GradeRequest {
  /** The submission folder, shaped like `exercises/`. */
  dir: string;
  /** How the report names the submission; `exercises` makes its replay commands work from a clone's root. */
  submissionLabel: string;
  /** Generated cases per check; null keeps the course configuration's value. */
  numRuns: number | null;
}

/** Whatever turns a submission folder into a report. The bot uses `childProcessGrader`; tests may inject others. */
export interface SubmissionGrader {
  grade(request: GradeRequest, signal: AbortSignal): Promise<GradingReport>;
  /** Releases what the grader holds (a process started ahead of time). */
  close?(): void;
}

export class GradingAbortedError extends Error {
  override name = 'GradingAbortedError';
}

export class GradingFailedError extends Error {
  override name = 'GradingFailedError';
}

export interface ChildProcessGraderOptions {
  /** Module exporting `gradeSubmission(dir, options)`, as an import specifier or file URL (default `@gatecheck/course`). */
  module?: string;
  /** A grading that takes longer is killed and counted as failed (default 10 minutes). */
  timeoutMs?: number;
  /** Working directory of the grading process (default: the root of this installation). */
  cwd?: string;
  /** Heap limit of the grading process in MiB (default 1024). */
  maxHeapMb?: number;
  /** Start the next grading process ahead of time (default true). */
  prewarm?: boolean;
  /**
   * Scheduling priority of grading processes (default 10, lower priority than the server): when the cores are
   * busy grading, the server still gets them first and acknowledges deliveries at once.
   */
  niceness?: number;
}

/** The root of the bot's own (trusted) installation: apps/github-bot/src → repository root. */
export const INSTALLATION_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD_SCRIPT = fileURLToPath(new URL('./grade-child.ts', import.meta.url));
const TS_LOADER = new URL('../../../scripts/register-ts.mjs', import.meta.url).href;

/** Messages from grade-child.ts. */
export type ChildMessage = { kind: 'ready' } | { kind: 'report'; report: GradingReport } | { kind: 'failed'; error: string };

interface Worker {
  child: ChildProcess;
  stderr: { text: string };
  /** The child's messages so far are replayed to whoever takes the worker. */
  early: ChildMessage[];
  /** Its TMPDIR, removed when it exits (or, for a spare, when the grader closes). */
  scratch: string;
}

function startWorker(options: ChildProcessGraderOptions): Worker {
  // A scratch folder per process, removed when it exits, even when it was killed before cleaning up (a spare's also
  // when the grader closes).
  const scratch = mkdtempSync(join(tmpdir(), 'gatecheck-grading-'));
  const child = fork(CHILD_SCRIPT, [options.module ?? '@gatecheck/course'], {
    cwd: options.cwd ?? INSTALLATION_ROOT,
    // Nothing of the bot's environment (no token, key, secret, not even PATH): only where to put temporary files.
    env: { TMPDIR: scratch },
    execArgv: ['--no-warnings', '--no-node-snapshot', `--max-old-space-size=${options.maxHeapMb ?? 1024}`, '--import', TS_LOADER],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
    // Its own process group, so ending a grading also ends the sandbox processes it started.
    detached: true,
  });
  try {
    if (child.pid !== undefined) setPriority(child.pid, options.niceness ?? 10);
  } catch {
    // Not permitted on this system: grading then runs at the server's priority.
  }
  const worker: Worker = { child, stderr: { text: '' }, early: [], scratch };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    worker.stderr.text = (worker.stderr.text + chunk).slice(-4000);
  });
  child.on('message', (m: ChildMessage) => worker.early.push(m));
  // A spare that is never used must not keep the bot alive (and exits when the bot does: see grade-child.ts).
  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  child.on('error', () => {});
  child.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  return worker;
}

/** Ends a grading process and everything it started (its process group). */
function killTree(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

const alive = (w: Worker | null): w is Worker => w !== null && w.child.exitCode === null && w.child.signalCode === null && w.child.connected;

export function childProcessGrader(options: ChildProcessGraderOptions = {}): SubmissionGrader {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  let spare: Worker | null = null;
  let closed = false;
  const take = (): Worker => {
    const worker = alive(spare) ? spare : startWorker(options);
    spare = options.prewarm === false || closed ? null : startWorker(options);
    return worker;
  };
  return {
    close() {
      closed = true;
      if (spare) {
        if (alive(spare)) killTree(spare.child);
        // Its 'exit' handler would remove the folder, but a bot closes its grader to exit, often before that event
        // arrives: each restart left one folder behind.
        rmSync(spare.scratch, { recursive: true, force: true });
      }
      spare = null;
    },
    grade(request, signal) {
      return new Promise<GradingReport>((resolve, reject) => {
        if (signal.aborted) return reject(new GradingAbortedError('superseded before grading started'));
        const { child, stderr, early } = take();
        let settled = false;
        /** `clean`: the child answered and exits by itself once its sandbox is disposed; otherwise it is killed now. */
        const finish = (fn: () => void, clean = false) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          child.off('message', onMessage);
          if (clean) setTimeout(() => killTree(child), 10_000).unref();
          else killTree(child);
          fn();
        };
        const onAbort = () => finish(() => reject(new GradingAbortedError('superseded by a newer push')));
        const onMessage = (message: ChildMessage) => {
          if (message.kind === 'report') finish(() => resolve(message.report), true);
          else if (message.kind === 'failed') finish(() => reject(new GradingFailedError(message.error)), true);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const timer = setTimeout(() => finish(() => reject(new GradingFailedError(`grading took longer than ${Math.round(timeoutMs / 1000)} s`))), timeoutMs);
        child.ref();
        child.channel?.ref();
        (child.stderr as { ref?: () => void } | null)?.ref?.();
        child.on('message', onMessage);
        early.forEach(onMessage);
        // 'close', not 'exit': 'exit' can arrive before the report still in the IPC pipe has been read.
        child.once('close', (code, sig) => finish(() => reject(new GradingFailedError(
          `grading process ended (${sig ?? `exit ${code}`}) without a report${stderr.text ? `: ${lastLine(stderr.text)}` : ''}`))));
        child.send({ dir: request.dir, options: {
          submissionLabel: request.submissionLabel,
          ...(request.numRuns !== null ? { numRuns: request.numRuns } : {}),
        } }, (error) => {
          if (error) finish(() => reject(new GradingFailedError(`grading process: ${error.message}`)));
        });
      });
    },
  };
}

const lastLine = (text: string) => text.trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0] ?? '';

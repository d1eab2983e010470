// Grading runs in a child process, never on the server's event loop: it is CPU-heavy for seconds, and the
// child starts with an empty environment, so student code that escaped its sandbox would still find no token,
// key or secret (bot.md #9). A newer push kills the child of the commit it replaces.
import { fork } from 'node:child_process';
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
  /** Working directory of the grading process (default: the root of this installation, where the course configuration lives). */
  cwd?: string;
  /** Heap limit of the grading process in MiB (default 1024). */
  maxHeapMb?: number;
}

/** The root of the bot's own (trusted) installation: apps/github-bot/src → repository root. */
export const INSTALLATION_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD_SCRIPT = fileURLToPath(new URL('./grade-child.ts', import.meta.url));
const TS_LOADER = new URL('../../../scripts/register-ts.mjs', import.meta.url).href;

interface ChildMessage { ok: true; report: GradingReport }
interface ChildFailure { ok: false; error: string }

export function childProcessGrader(options: ChildProcessGraderOptions = {}): SubmissionGrader {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  return {
    grade(request, signal) {
      return new Promise<GradingReport>((resolve, reject) => {
        if (signal.aborted) return reject(new GradingAbortedError('superseded before grading started'));
        const child = fork(CHILD_SCRIPT, [], {
          cwd: options.cwd ?? INSTALLATION_ROOT,
          // Nothing of the bot's environment: no token, key, secret, not even PATH.
          env: {},
          execArgv: ['--no-warnings', '--no-node-snapshot', `--max-old-space-size=${options.maxHeapMb ?? 1024}`, '--import', TS_LOADER],
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          serialization: 'advanced',
        });
        let stderr = '';
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
          stderr = (stderr + chunk).slice(-4000);
        });
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          fn();
        };
        const onAbort = () => finish(() => reject(new GradingAbortedError('superseded by a newer push')));
        signal.addEventListener('abort', onAbort, { once: true });
        const timer = setTimeout(() => finish(() => reject(new GradingFailedError(`grading took longer than ${Math.round(timeoutMs / 1000)} s`))), timeoutMs);
        child.on('message', (message: ChildMessage | ChildFailure) => {
          if (message.ok) finish(() => resolve(message.report));
          else finish(() => reject(new GradingFailedError(message.error)));
        });
        child.on('error', (error) => finish(() => reject(new GradingFailedError(`grading process: ${error.message}`))));
        child.on('exit', (code, sig) => finish(() => reject(new GradingFailedError(
          `grading process ended (${sig ?? `exit ${code}`}) without a report${stderr ? `: ${lastLine(stderr)}` : ''}`))));
        child.send({ module: options.module ?? '@gatecheck/course', dir: request.dir, options: {
          submissionLabel: request.submissionLabel,
          ...(request.numRuns !== null ? { numRuns: request.numRuns } : {}),
        } });
      });
    },
  };
}

const lastLine = (text: string) => text.trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0] ?? '';

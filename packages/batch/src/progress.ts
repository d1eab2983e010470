// Batch progress for a person: a redrawn bar on a terminal, one plain line per student elsewhere (CI logs and
// pipes, where carriage returns would pile up into one unreadable line).
import type { BatchProgress } from './run-batch.js';

export interface ProgressReporterOptions {
  /** Where progress goes (default: standard error, so standard output stays clean for pipes). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Force the bar on or off; default: on when the stream is a terminal and `CI` is not set. */
  bar?: boolean;
  /** Clock, for tests. */
  now?: () => number;
}

export interface ProgressReporter {
  update(event: BatchProgress): void;
  /** Ends the bar's line (no-op for plain lines). */
  finish(): void;
}

const fmtScore = (n: number): string => String(Math.round(n * 1000) / 1000);

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function createProgressReporter(options: ProgressReporterOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const bar = options.bar ?? (Boolean(stream.isTTY) && !process.env.CI);
  const now = options.now ?? (() => performance.now());
  let total = 0, done = 0, failed = 0, cached = 0, gradedSinceStart = 0;
  let startedAt = now();
  let drawn = false;

  const draw = (current: string) => {
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    const filled = total ? Math.round((done / total) * width) : width;
    const elapsed = (now() - startedAt) / 1000;
    const remaining = total - done;
    const eta = gradedSinceStart > 0 && remaining > 0 ? ` ETA ${clock((elapsed / gradedSinceStart) * remaining)}` : '';
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}` +
      ` · ${failed} failed · ${cached} cached${eta} · ${current}`;
    const max = (stream.columns ?? 100) - 1;
    stream.write(`\r${line.length > max ? line.slice(0, max) : line}\x1b[K`);
    drawn = true;
  };

  return {
    update(event) {
      if (event.kind === 'start') {
        total = event.total;
        startedAt = now();
        const fresh = total - event.cached;
        const head = `grading ${total} submission${total === 1 ? '' : 's'}: ${event.cached} unchanged (cached), ${fresh} to grade on ${event.workers} worker${event.workers === 1 ? '' : 's'}`;
        stream.write(`${head}\n`);
        if (bar) draw('starting');
        return;
      }
      const { result } = event;
      done = event.done;
      if (result.cached) cached++;
      else gradedSinceStart++;
      if (result.status !== 'graded') failed++;
      if (bar) {
        // Failures stay visible above the bar; successes only move it.
        if (result.status !== 'graded') {
          stream.write(`\r\x1b[K${result.student}: ${result.status}: ${result.message ?? ''}\n`);
        }
        draw(result.student);
        return;
      }
      if (result.cached) return;
      const what = result.status === 'graded'
        ? `${fmtScore(result.report.score)}/${fmtScore(result.report.maxScore)}`
        : `${result.status}: ${result.message ?? ''}`;
      stream.write(`[${done}/${total}] ${result.student} ${what} (${(result.durationMs / 1000).toFixed(2)} s)\n`);
    },
    finish() {
      if (bar && drawn) stream.write('\n');
    },
  };
}

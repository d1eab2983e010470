import { describe, expect, it } from 'vitest';
import { sampleReport } from './__test-helpers__/sample-report.js';
import { createProgressReporter } from './progress.js';
import type { StudentResult } from './types.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 100, write: (s: string) => { chunks.push(s); return true; } } as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}

const result = (student: string, status: StudentResult['status'], cached = false): StudentResult => ({
  student, status, message: status === 'graded' ? null : 'grading process died (SIGKILL)', report: sampleReport(student, { fraction: 0.5 }), durationMs: 1234, cached,
});

function drive(bar: boolean) {
  const { chunks, stream } = sink(bar);
  let t = 0;
  const reporter = createProgressReporter({ stream, bar, now: () => (t += 1000) });
  reporter.update({ kind: 'start', total: 3, cached: 1, workers: 2 });
  reporter.update({ kind: 'student', result: result('ann', 'graded', true), done: 1, total: 3 });
  reporter.update({ kind: 'student', result: result('ben', 'graded'), done: 2, total: 3 });
  reporter.update({ kind: 'student', result: result('cat', 'crashed'), done: 3, total: 3 });
  reporter.finish();
  return chunks.join('');
}

describe('progress', () => {
  it('should print one plain line per graded student when not on a terminal', () => {
    expect(drive(false)).toBe(
      'grading 3 submissions: 1 unchanged (cached), 2 to grade on 2 workers\n' +
      '[2/3] ben 8/16 (1.23 s)\n' +
      '[3/3] cat crashed: grading process died (SIGKILL) (1.23 s)\n',
    );
  });

  it('should redraw one bar line on a terminal, keeping failures visible above it', () => {
    const out = drive(true);
    const frames = out.split('\r').filter((f) => f.startsWith('['));
    expect(frames.at(-1)).toMatch(/^\[█+\] 3\/3 · 1 failed · 1 cached · cat\x1b\[K\n$/);
    expect(out).toContain('\x1b[Kcat: crashed: grading process died (SIGKILL)\n');
    // What stays on screen is the last frame of each line: a success only moves the bar.
    const visible = out.split('\n').map((l) => l.split('\r').at(-1)!);
    expect(visible.filter((l) => l.includes('ben'))).toHaveLength(0);
    expect(visible.filter((l) => l.includes('cat: crashed'))).toHaveLength(1);
  });
});

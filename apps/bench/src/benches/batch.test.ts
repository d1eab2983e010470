import { describe, expect, it } from 'vitest';
import { summarize, type BatchRun } from './batch.js';

const run = (workers: number, wallS: number, extra: Partial<BatchRun> = {}): BatchRun => ({
  workers, wallMs: wallS * 1000, cpuMs: wallS * 1900, loadAtEnd: 1, graded: 200, failed: 0,
  medianStudentMs: 500, maxStudentMs: 4000, exitCode: 0, spuriousTimeouts: 0, ...extra,
});

describe('summarize', () => {
  it('gives each worker count the median and range of its runs, and the speed-up of the medians', () => {
    const { table, order } = summarize([run(1, 120), run(2, 64), run(1, 110), run(2, 58), run(1, 130), run(2, 59)], 200);
    expect(table).toHaveLength(2);
    expect(table[0]).toMatch(/^\| 1 \| 3 \| 120\.0 s \[110\.0–130\.0\] \| 228\.0 s \[209\.0–247\.0\] \| 1\.00× \|/);
    expect(table[1]).toMatch(/^\| 2 \| 3 \| 59\.0 s \[58\.0–64\.0\] \| .* \| 2\.03× \| 200 \/ 0 \|/);
    expect(order).toBe('1 worker 120.0 s, 2 workers 64.0 s, 1 worker 110.0 s, 2 workers 58.0 s, 1 worker 130.0 s, 2 workers 59.0 s');
  });

  it('judges the goal on the median with 2 workers and says how many runs were within it', () => {
    expect(summarize([run(2, 58), run(2, 61), run(2, 59)], 200).goal).toBe(
      'Goal: 200 submissions in 60 s or less on 2 cores — met by the median (59.0 s with 2 workers; 2 of 3 runs within 60 s).');
    expect(summarize([run(1, 50), run(2, 61), run(2, 70)], 200).goal).toMatch(/NOT met by the median \(65\.5 s with 2 workers; 0 of 2 runs/);
    expect(summarize([run(1, 50)], 100).goal).toMatch(/^Goal: 100 submissions \(goal is stated for 200\).* met by the median \(50\.0 s with 1 worker; 1 of 1 run within/);
  });

  it('shows a single run without a range, and every distinct count, exit code, worst student and timeout', () => {
    const [row] = summarize([run(2, 58)], 200).table;
    expect(row).toMatch(/^\| 2 \| 1 \| 58\.0 s \| 110\.2 s \| – \|/);
    const [mixed] = summarize([run(2, 58), run(2, 60, { graded: 199, failed: 1, exitCode: 1, maxStudentMs: 9000, spuriousTimeouts: 2, loadAtEnd: 3.4 })], 200).table;
    expect(mixed).toContain('| 200 / 0, 199 / 1 |');
    expect(mixed).toMatch(/\| 9\.0 s \| 2 \| 3\.4 \| 0, 1 \|$/);
  });
});

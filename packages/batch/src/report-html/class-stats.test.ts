import { describe, expect, it } from 'vitest';
import { sampleReport } from '../__test-helpers__/sample-report.js';
import type { StudentResult } from '../types.js';
import { classStats, scoreBins } from './class-stats.js';

const result = (student: string, fraction: number, status: StudentResult['status'] = 'graded'): StudentResult => ({
  student, status, message: status === 'graded' ? null : 'died', report: sampleReport(student, { fraction }),
  durationMs: 100, cached: false,
});

describe('classStats', () => {
  it('should put each percentage in its ten-percent bin and 100 % in the last', () => {
    expect(scoreBins([0, 9.99, 10, 55, 100]).map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('should count a function as passed only when all its checks passed, among students who submitted it', () => {
    const stats = classStats([result('a', 1), result('b', 0.25), result('c', 0), result('d', 1, 'crashed')]);
    expect(stats.graded).toBe(3);
    expect(stats.failed).toBe(1);
    const sigmoid = stats.passRates.find((r) => r.function === 'sigmoid')!;
    expect(sigmoid).toEqual({ exercise: '01-activations', function: 'sigmoid', passed: 2, attempted: 3 });
    const hidden = stats.passRates.find((r) => r.function === 'hiddenState')!;
    expect(hidden).toMatchObject({ passed: 1, attempted: 3 });
    expect(stats.meanPercent).toBeCloseTo((100 + 25 + 0) / 3);
    expect(stats.medianPercent).toBe(25);
  });

  it('should count each misconception once per student and exercise, with the first student as example', () => {
    const stats = classStats([result('zoe', 0), result('amy', 0.25), result('bea', 1)]);
    const gates = stats.misconceptions.find((m) => m.exercise === '02-lstm-gates')!;
    expect(gates.items).toEqual([{ id: 'concat-order', count: 2, example: 'zoe', functions: expect.arrayContaining(['forgetGate', 'hiddenState']) }]);
    const act = stats.misconceptions.find((m) => m.exercise === '01-activations')!;
    expect(act.items.map((i) => [i.id, i.count])).toEqual([['concat-order', 1], ['naive-exp-overflow', 1]]);
  });
});

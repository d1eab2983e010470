import { describe, expect, it } from 'vitest';
import type { CheckReport, GradingReport } from '../report.js';
import { formatGradescope } from './gradescope.js';

const check = (id: string, status: CheckReport['status'], score: number, feedback: string, diagnosis: string | null = null): CheckReport => {
  const [, fn, kind] = id.split('/');
  return { id, function: fn!, kind: kind!, status, score, maxScore: 2, feedback, diagnosis,
    counterexample: status === 'failed' ? { input: { x: 800 }, expected: 1, actual: null, replay: 'pnpm gatecheck grade --seed 42' } : null };
};

const report: GradingReport = {
  schemaVersion: 1, submission: 'exercises', seed: 42, score: 3.5, maxScore: 8, graderVersion: '0.1.0',
  timings: { bundleMs: 50, sandboxStartMs: 20, checksMs: 2300, totalMs: 2370 },
  exercises: [
    { id: '01-activations', status: 'graded', message: null, score: 3.5, maxScore: 4, checks: [
      check('01-activations/sigmoid/correctness', 'passed', 2, 'All 100 generated cases matched.'),
      check('01-activations/tanh/robustness', 'failed', 1.5, 'tanh(800) returned NaN where 1 was expected.', 'naive-exp-overflow'),
    ] },
    { id: '03-lstm-cell', status: 'build-error', message: '03-lstm-cell/src/lstm-cell.ts:1:21: importing "node:fs" is not allowed', score: 0, maxScore: 4, checks: [
      check('03-lstm-cell/lstmCell/correctness', 'error', 0, 'could not be built'),
      check('03-lstm-cell/lstmForward/correctness', 'error', 0, 'could not be built'),
    ] },
  ],
};

const VISIBILITY = ['hidden', 'after_due_date', 'after_published', 'visible'];
const FORMATS = ['text', 'html', 'simple_format', 'md', 'ansi'];

describe('formatGradescope', () => {
  const results = JSON.parse(formatGradescope(report)) as Record<string, unknown> & { tests: Record<string, unknown>[] };

  it('should hold the documented top-level fields with the documented types', () => {
    expect(results.score).toBe(3.5);
    expect(typeof results.output).toBe('string');
    expect(results.output).toContain('3.5/8');
    expect(results.output).toContain('node:fs');
    expect(FORMATS).toContain(results.output_format);
    expect(VISIBILITY).toContain(results.visibility);
    expect(VISIBILITY).toContain(results.stdout_visibility);
    expect(results.execution_time).toBe(2);
    expect(Number.isInteger(results.execution_time)).toBe(true);
    expect(results.extra_data).toMatchObject({ maxScore: 8, seed: 42 });
    const documented = ['score', 'execution_time', 'output', 'output_format', 'test_output_format', 'test_name_format', 'visibility', 'stdout_visibility', 'extra_data', 'tests', 'leaderboard'];
    for (const key of Object.keys(results)) expect(documented).toContain(key);
  });

  it('should give each check a test with name, score, max_score, status, output and visibility', () => {
    expect(results.tests).toHaveLength(4);
    const documented = ['score', 'max_score', 'status', 'name', 'name_format', 'number', 'output', 'output_format', 'tags', 'visibility', 'extra_data'];
    for (const test of results.tests) {
      for (const key of Object.keys(test)) expect(documented).toContain(key);
      expect(typeof test.name).toBe('string');
      expect(typeof test.score).toBe('number');
      expect(typeof test.max_score).toBe('number');
      expect(['passed', 'failed']).toContain(test.status);
      expect(typeof test.output).toBe('string');
      expect(VISIBILITY).toContain(test.visibility);
      expect(Array.isArray(test.tags)).toBe(true);
    }
    expect(results.tests.map((t) => [t.name, t.number, t.score, t.max_score, t.status])).toEqual([
      ['01-activations › sigmoid (correctness)', '1.1', 2, 2, 'passed'],
      ['01-activations › tanh (robustness)', '1.2', 1.5, 2, 'failed'],
      ['03-lstm-cell › lstmCell (correctness)', '2.1', 0, 2, 'failed'],
      ['03-lstm-cell › lstmForward (correctness)', '2.2', 0, 2, 'failed'],
    ]);
    const tanh = results.tests[1]!;
    expect(tanh.output).toContain('tanh(800) returned NaN');
    expect(tanh.output).toContain('Likely misconception: naive-exp-overflow');
    expect(tanh.output).toContain('Replay: pnpm gatecheck grade --seed 42');
  });

  it('should make the tests add up to the total score', () => {
    expect(results.tests.reduce((s, t) => s + (t.score as number), 0)).toBe(results.score);
  });

  it('should leave out execution_time when the report has no timings', () => {
    const { timings: _, ...rest } = report;
    expect(JSON.parse(formatGradescope(rest))).not.toHaveProperty('execution_time');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckDefinition, ExerciseDefinition, Mistake } from './definition.js';
import { gradeWithSandbox } from './grade.js';
import { fakeSandbox } from './__test-helpers__/fake-sandbox.js';

// `stats(v, k)` returns two parts, `{ sum, scaled: { v } }`, each judged by its own check on shared inputs.
type Args = [v: number[], k: number];
interface Stats { sum: number; scaled: { v: number[] } }
const stats = (v: number[], k: number): Stats => ({ sum: v.reduce((a, b) => a + b, 0), scaled: { v: v.map((x) => x * k) } });
const args: fc.Arbitrary<Args> = fc.tuple(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 2, max: 9 }));

const sumOffByOne = (v: number[], k: number): Stats => ({ ...stats(v, k), sum: stats(v, k).sum + 1 });
const scaledPlusOne = (v: number[], k: number): Stats => ({ ...stats(v, k), scaled: { v: v.map((x) => x * k + 1) } });
const both = (v: number[], k: number): Stats => ({ sum: 2 * stats(v, k).sum, scaled: scaledPlusOne(v, k).scaled });
// Catalogue order matters: `scaled-plus-one` comes before `both`, which corrupts `scaled` the same way.
const mistakes: Mistake<Args>[] = [
  { id: 'sum-off-by-one', compute: sumOffByOne, explanation: 'The sum starts at 1.' },
  { id: 'scaled-plus-one', compute: scaledPlusOne, explanation: 'Every scaled entry gets 1 added.' },
  { id: 'both', compute: both, explanation: 'The sum is doubled and every scaled entry gets 1 added.' },
];
const common = { argNames: ['v', 'k'], arbitrary: args, expected: stats, mistakes };
const check = (c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;
const definition: ExerciseDefinition = {
  id: '01-parts', entry: 'src/parts.ts', title: 'parts',
  functions: [{ name: 'stats', checks: [
    check({ ...common, kind: 'correctness-sum', part: 'sum', points: 1, description: 'stats returns the sum' }),
    check({ ...common, kind: 'correctness-scaled.v', part: 'scaled.v', points: 2, sameInputsAs: 'correctness-sum', description: 'stats returns k * v' }),
  ] }],
};
const grade = (fn: (v: number[], k: number) => unknown) => {
  const sandbox = fakeSandbox({ '01-parts': { stats: fn } });
  const report = gradeWithSandbox([definition], sandbox, { seed: 7 });
  const byId = (kind: string) => report.exercises[0]!.checks.find((c) => c.id === `01-parts/stats/${kind}`)!;
  return { report, sandbox, sum: byId('correctness-sum'), scaled: byId('correctness-scaled.v') };
};

describe('checks of one part of a result', () => {
  it('should pass every part of a correct result, calling the function once per input', () => {
    const { report, sandbox, sum } = grade(stats);
    expect(report.score).toBe(3);
    // The second check draws the first one's inputs, so the memo answers all of its calls.
    expect(sandbox.calls).toBeLessThanOrEqual(sum.numRuns!);
  });

  it('should fail only the wrong part and name it in the feedback, the worst entry and the counterexample', () => {
    const { report, sum, scaled } = grade(scaledPlusOne);
    expect(sum.status).toBe('passed');
    expect(scaled).toMatchObject({ status: 'failed', score: 0, diagnosis: 'scaled-plus-one' });
    expect(report.score).toBe(1);
    const ce = scaled.counterexample!;
    expect(ce.part).toBe('scaled.v');
    expect(ce.worst!.path).toMatch(/^scaled\.v\[\d\]$/);
    const input = ce.input as { v: number[]; k: number };
    expect(ce.expected).toEqual(stats(input.v, input.k).scaled.v);
    expect(ce.actual).toEqual(scaledPlusOne(input.v, input.k).scaled.v);
    expect(scaled.feedback).toMatch(/stats returned wrong values in scaled\.v \(\d of \d entries outside the tolerance\)/);
    expect(scaled.feedback).toMatch(/\nexpected {2}scaled\.v = \[.*\]\ngot {7}scaled\.v = \[.*\]\nThe largest error is at scaled\.v\[\d\]/);
  });

  it('should diagnose from the whole result first, where mistakes that agree on one part differ on another', () => {
    // On `scaled` alone, `scaled-plus-one` (listed first) fits too; the wrong sum shows it is `both`.
    const { sum, scaled } = grade(both);
    expect(sum.diagnosis).toBe('both');
    expect(scaled.diagnosis).toBe('both');
  });

  it('should diagnose each part on its own when two mistakes together match nothing whole', () => {
    const { sum, scaled } = grade((v: number[], k: number) => ({ sum: sumOffByOne(v, k).sum, scaled: scaledPlusOne(v, k).scaled }));
    expect(sum.diagnosis).toBe('sum-off-by-one');
    expect(scaled.diagnosis).toBe('scaled-plus-one');
  });

  it('should name a missing or misshapen part', () => {
    const missing = grade((v: number[]) => ({ sum: v.reduce((a, b) => a + b, 0) })).scaled;
    expect(missing.status).toBe('failed');
    expect(missing.feedback).toMatch(/stats returned scaled\.v of the wrong shape: expected array\(\d\), got undefined/);
    const nested = grade((v: number[], k: number) => ({ ...stats(v, k), scaled: { v: v.map((x) => [x * k]) } })).scaled;
    expect(nested.feedback).toMatch(/stats returned scaled\.v of the wrong shape: expected array\(1\), got array\(1\) of array\(1\)/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { gradeWithSandbox } from './grade.js';
import { drawInputs, InputBank } from './rounds.js';
import { shrinkRoot } from './shrink-tree.js';
import { sizedInput, symmetric } from './sized-input.js';
import { fakeSandbox } from './__test-helpers__/fake-sandbox.js';
import { toyDefinition } from './__test-helpers__/toy-exercise.js';

const arbitrary = sizedInput({ n: [1, 4] }, ({ n }, d): unknown[] => [d.vector('v', n!, symmetric(10, 2)), d.number('k', symmetric(10, 2))]);

describe('shrinkRoot', () => {
  it('should offer exactly fast-check\'s candidates, in order, frozen, drawing each level once', () => {
    const { args, values } = drawInputs(arbitrary, 5, 10);
    const root = shrinkRoot(args, 3, () => values[3]!, arbitrary);
    const expected = [...arbitrary.shrink(values[3]!.value_, values[3]!.context)].map((v) => v.value);
    const got: unknown[] = [];
    for (let i = 0; root.child(i) !== undefined; i++) got.push(root.child(i)!.args);
    expect(got).toEqual(expected);
    expect(got.every((a) => Object.isFrozen(a) && Object.isFrozen((a as unknown[])[0]))).toBe(true);

    const shrink = vi.spyOn(arbitrary, 'shrink');
    try {
      const again = shrinkRoot(args, 3, () => values[3]!, arbitrary);
      expect(again).toBe(root);
      expect(again.child(0)).toBe(root.child(0));
      expect(again.child(expected.length)).toBeUndefined();
      expect(shrink).not.toHaveBeenCalled();
    } finally {
      shrink.mockRestore();
    }
  });

  it('should keep one tree per arbitrary: checks sharing a round shrink with their own', () => {
    const { args, values } = drawInputs(arbitrary, 8, 5);
    const twin = sizedInput({ n: [1, 4] }, ({ n }, d): unknown[] => [d.vector('v', n!, symmetric(10, 2)), d.number('k', symmetric(10, 2))]);
    const mine = shrinkRoot(args, 1, () => values[1]!, arbitrary);
    expect(shrinkRoot(args, 1, () => values[1]!, twin)).not.toBe(mine);
    // A kept root does not ask for the input's Value (drawing it again costs a whole round).
    expect(shrinkRoot(args, 1, () => { throw new Error('asked for a kept root\'s Value'); }, arbitrary)).toBe(mine);
  });

  it('should compute the reference once per candidate and reference', () => {
    const { args, values } = drawInputs(arbitrary, 6, 5);
    const reference = vi.fn((v: number[], k: number) => v.map((x) => x * k));
    const node = shrinkRoot(args, 0, () => values[0]!, arbitrary).child(0)!;
    const first = node.expected(reference as never);
    expect(node.expected(reference as never)).toBe(first);
    expect(reference).toHaveBeenCalledTimes(1);
  });
});

describe('shrinking with kept trees', () => {
  it('should shrink a second submission exactly as the first, without drawing candidates again', () => {
    const scale = (v: number[], k: number) => v.map((x) => x * k);
    const functions = {
      scale: (v: number[], k: number) => v.map((x) => x + k),
      scaleTwice: (v: number[], k: number) => scale(scale(v, k), k),
      sumAll: (v: number[]) => v.reduce((a, b) => a + b, 0),
    };
    // One bank, as in a batch worker: the rounds (and so their trees) are the same objects for both gradings.
    const bank = new InputBank();
    const grade = () => gradeWithSandbox([toyDefinition], fakeSandbox({ '01-toy': functions as never }), { seed: 1234, bank });
    const correctness = toyDefinition.functions[0]!.checks[0]!.arbitrary;
    const shrink = vi.spyOn(correctness, 'shrink');
    try {
      const first = grade();
      const drawnThen = shrink.mock.calls.length;
      expect(drawnThen).toBeGreaterThan(0);
      const second = grade();
      expect(shrink.mock.calls.length).toBe(drawnThen);
      const strip = (r: typeof first) => r.exercises[0]!.checks.map(({ durationMs: _, ...c }) => c);
      expect(strip(second)).toEqual(strip(first));
      expect(first.exercises[0]!.checks[0]!.counterexample!.path).toBeDefined();
    } finally {
      shrink.mockRestore();
    }
  });
});

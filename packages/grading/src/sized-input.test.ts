import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openUnit, sizedInput, symmetric } from './sized-input.js';

const gateLike = sizedInput({ hidden: [1, 8], input: [1, 8] }, ({ hidden, input }, d) => {
  const Wh = d.matrix('Wh', hidden!, hidden!, symmetric(1));
  const Wx = d.matrix('Wx', hidden!, input!, symmetric(1));
  return { W: Wh.map((row, r) => [...row, ...Wx[r]!]), b: d.vector('b', hidden!, symmetric(500)), g: d.vector('g', hidden!, openUnit), x: d.vector('x', input!, symmetric(2)) };
});

describe('sizedInput', () => {
  it('should draw sizes in range and numbers on the grid', () => {
    fc.assert(fc.property(gateLike, (v) => {
      const hidden = v.b.length;
      expect(hidden).toBeGreaterThanOrEqual(1);
      expect(hidden).toBeLessThanOrEqual(8);
      expect(v.W.every((row) => row.length === hidden + v.x.length)).toBe(true);
      expect(v.b.every((n) => Math.abs(n) <= 500 && Math.abs(Math.round(n * 1000) - n * 1000) < 1e-6)).toBe(true);
      expect(v.g.every((n) => n > 0 && n < 1)).toBe(true);
    }));
  });

  it('should draw numbers uniformly, not mostly near zero', () => {
    const b = fc.sample(gateLike, { numRuns: 300, seed: 3 }).flatMap((v) => v.b);
    expect(b.filter((n) => Math.abs(n) > 250).length / b.length).toBeGreaterThan(0.35);
  });

  it('should shrink to the smallest sizes and simplest numbers that still fail', () => {
    const details = fc.check(fc.property(gateLike, (v) => !v.b.some((n) => n > 100)), { seed: 11 });
    expect(details.failed).toBe(true);
    const v = details.counterexample![0];
    expect(v.b.length).toBe(1);
    expect(v.x.length).toBe(1);
    expect(v.W).toEqual([[0, 0]]);
    expect(v.g).toEqual([0.5]);
    expect(v.b[0]).toBeGreaterThan(100);
    expect(Number.isInteger(v.b[0])).toBe(true);
  });

  it('should replay a counterexample from its path', () => {
    const prop = fc.property(gateLike, (v) => v.W.flat().reduce((a, b) => a + b, 0) < 3);
    const first = fc.check(prop, { seed: 5 });
    const replay = fc.check(prop, { seed: 5, path: first.counterexamplePath! });
    expect(replay.counterexample).toEqual(first.counterexample);
  });
});

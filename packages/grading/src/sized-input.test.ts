import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coarse, coarseUnit, openUnit, sizedInput, symmetric, type Grid } from './sized-input.js';

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

  // Exercise 04's gates: W as an h-block and an x-block on a coarse grid; the failure needs one x-column.
  const coarseGate = (grid: Grid) => sizedInput({ hidden: [1, 8], input: [1, 8] }, ({ hidden, input }, d) => ({
    Wh: d.matrix('Wh', hidden!, hidden!, grid), Wx: d.matrix('Wx', hidden!, input!, grid),
    h: d.vector('h', hidden!, grid), x: d.vector('x', input!, grid),
  }));

  it('should draw whole multiples of a step, spread over the range', () => {
    const values = fc.sample(coarseGate(coarse(6)), { numRuns: 200, seed: 4 }).flatMap((v) => [...v.Wh.flat(), ...v.x]);
    expect(values.every((n) => Number.isInteger(n / 0.75) && Math.abs(n) <= 6)).toBe(true);
    expect(new Set(values).size).toBe(17);
    const units = fc.sample(sizedInput({ n: [1, 8] }, ({ n }, d) => d.vector('u', n!, coarseUnit)), { numRuns: 100, seed: 4 }).flat();
    expect(new Set(units)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => k / 8)));
  });

  it('should shrink a failure held by one inner column to sizes 1 and one simple number each', () => {
    // Fails when any x-column's product with x is large: with x's entry at an inner index, only removing the
    // indices before it (not cutting sizes from the end) reaches input 1, and likewise for the row it sits in.
    const prop = fc.property(coarseGate(coarse(1)), (v) => !v.Wx.some((row) => row.some((w, c) => w * v.x[c]! >= 0.25)));
    for (let seed = 1; seed <= 30; seed++) {
      const details = fc.check(prop, { seed });
      expect(details.failed).toBe(true);
      const v = details.counterexample![0];
      expect({ seed, hidden: v.h.length, input: v.x.length, Wh: v.Wh, h: v.h }).toEqual({ seed, hidden: 1, input: 1, Wh: [[0]], h: [0] });
      expect(Math.abs(v.Wx[0]![0]! * v.x[0]!)).toBeGreaterThanOrEqual(0.25);
      // Shrunk toward 0 in steps of 1/8 as far as the failure allows: |w * x| is just above the threshold.
      expect(Math.abs(v.Wx[0]![0]! * v.x[0]!)).toBeLessThanOrEqual(0.5);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allClose, compareValues, deepEqualExact, describeShape, sameShape } from './allclose.js';
import { VALUE_TOLERANCE } from './definition.js';
import { comparedPair, tolerance } from './__test-helpers__/compared-values.js';

describe('compareValues', () => {
  it('should follow numpy allclose: |a - e| <= atol + rtol * |e|', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (e, t) => {
      const allowed = VALUE_TOLERANCE.atol + VALUE_TOLERANCE.rtol * Math.abs(e);
      const a = e + t * allowed * 0.999;
      fc.pre(Math.abs(a - e) <= allowed);
      expect(compareValues([e], [a], VALUE_TOLERANCE).ok).toBe(true);
      expect(compareValues([e], [e + 2 * allowed + 1e-300], VALUE_TOLERANCE).ok).toBe(false);
    }));
  });

  it('should never pass NaN or Infinity where a finite value is expected, and say where', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const c = compareValues({ h: [1, 2], c: [0.5] }, { h: [1, bad], c: [0.5] }, VALUE_TOLERANCE);
      expect(c).toMatchObject({ ok: false, reason: 'values', nonFinite: ['h[1]'], worst: { path: 'h[1]' } });
    }
  });

  it('should report the entry furthest outside its tolerance, with absolute and relative errors', () => {
    const c = compareValues([[1, 100], [0.001, 5]], [[1.5, 100.5], [0.001, 5]], VALUE_TOLERANCE);
    expect(c).toMatchObject({ ok: false, reason: 'values', mismatches: 2, total: 4, maxAbsError: 0.5, maxRelError: 0.5,
      worst: { path: '[0][0]', expected: 1, actual: 1.5, absError: 0.5, relError: 0.5 } });
  });

  it('should compare shapes first and describe both', () => {
    expect(compareValues([1, 2], [1, 2, 3], VALUE_TOLERANCE)).toMatchObject({ ok: false, reason: 'shape', expectedShape: 'array(2)', actualShape: 'array(3)' });
    expect(compareValues({ hs: [[1]], h: [1] }, { hs: [1], h: [1] }, VALUE_TOLERANCE))
      .toMatchObject({ ok: false, reason: 'shape', path: 'hs[0]', expectedShape: 'array(1)', actualShape: 'number' });
    expect(compareValues([1], { 0: 1 }, VALUE_TOLERANCE)).toMatchObject({ ok: false, reason: 'shape' });
    expect(compareValues({ h: [1] }, { h: [1], extra: 2 }, VALUE_TOLERANCE)).toMatchObject({ ok: false, reason: 'shape' });
    expect(sameShape([[1, 2]], [[7, 8]])).toEqual({ ok: true });
    expect(describeShape({ h: [1, 2], hs: [[1], [2]] })).toBe('{ h: array(2), hs: array(2) of array(1) }');
  });

  it('should let NaN match NaN only when asked (for recomputed mistakes)', () => {
    expect(compareValues([NaN], [NaN], VALUE_TOLERANCE).ok).toBe(false);
    expect(compareValues([NaN, Infinity], [NaN, Infinity], VALUE_TOLERANCE, { equalNaN: true }).ok).toBe(true);
    expect(compareValues([Infinity], [-Infinity], VALUE_TOLERANCE, { equalNaN: true }).ok).toBe(false);
  });
});

describe('allClose', () => {
  it('should answer exactly what compareValues says, with and without equalNaN', () => {
    fc.assert(fc.property(comparedPair, tolerance, fc.boolean(), ({ expected, actual }, tol, equalNaN) => {
      expect(allClose(expected, actual, tol, equalNaN)).toBe(compareValues(expected, actual, tol, { equalNaN }).ok);
    }), { numRuns: 2000 });
  });

  it('should tell keys apart by name, not only by count', () => {
    expect(allClose({ h: [1], c: [2] }, { h: [1], W: [2] }, VALUE_TOLERANCE)).toBe(false);
    // A field that is undefined in both: only the names tell these apart.
    expect(allClose({ h: [1], c: undefined }, { h: [1], W: undefined }, VALUE_TOLERANCE)).toBe(false);
    expect(allClose({ h: [1], c: [2] }, { c: [2], h: [1] }, VALUE_TOLERANCE)).toBe(true);
  });
});

describe('deepEqualExact', () => {
  it('should find the first changed entry and tell -0 from 0', () => {
    expect(deepEqualExact({ p: { W: [[1]] }, x: [1, 2] }, { p: { W: [[1]] }, x: [1, 3] })).toEqual({ equal: false, path: 'x[1]' });
    expect(deepEqualExact([0], [-0])).toEqual({ equal: false, path: '[0]' });
    expect(deepEqualExact([NaN], [NaN])).toEqual({ equal: true });
  });
});

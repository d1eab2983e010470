import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allClose, compareValues, deepEqualExact, describeShape, sameShape } from './allclose.js';
import { VALUE_TOLERANCE } from './definition.js';

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
  const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0);
  const number = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), special);
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      number, fc.array(number, { maxLength: 4 }), fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('h', 'c', 'W', 'b'), tie('value'), { maxKeys: 3 }),
      fc.constantFrom(null, undefined, 'x')),
  }));
  /** A value like `v`: numbers nudged (within or beyond the tolerance) or made special, lengths and keys changed now and then. */
  const nearby = (v: unknown, r: () => number): unknown => {
    if (typeof v === 'number') {
      const roll = r();
      return roll < 0.5 ? v : roll < 0.7 ? v + (r() - 0.5) * 2e-8 : roll < 0.85 ? v + (r() - 0.5) * 1e-3 : [NaN, Infinity, -0, 0][Math.floor(r() * 4)];
    }
    if (Array.isArray(v)) {
      const out = v.map((x) => nearby(x, r));
      const roll = r();
      if (roll < 0.05) out.push(0);
      else if (roll < 0.1) out.pop();
      else if (roll < 0.13 && out.length > 0) out[0] = [out[0]];
      return out;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = nearby(x, r);
      const roll = r();
      const first = Object.keys(out)[0];
      if (roll < 0.05) out.extra = 1;
      else if (roll < 0.1 && first !== undefined) delete out[first];
      else if (roll < 0.15 && first !== undefined && !('x' in out)) {
        // Renamed: as many keys, not the same ones.
        out.x = out[first];
        delete out[first];
      }
      return out;
    }
    return r() < 0.1 ? 0 : v;
  };
  const tolerance = fc.constantFrom(VALUE_TOLERANCE, { rtol: 1e-5, atol: 1e-4 }, { rtol: Infinity, atol: Infinity });

  it('should answer exactly what compareValues says, with and without equalNaN', () => {
    fc.assert(fc.property(value, fc.integer(), tolerance, fc.boolean(), (expected, seed, tol, equalNaN) => {
      // mulberry32: the nudges follow from the drawn seed, so a failure replays.
      let state = seed | 0;
      const r = (): number => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const actual = nearby(expected, r);
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

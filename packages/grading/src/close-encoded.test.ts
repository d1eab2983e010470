import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePlain, encodePlain } from '@gatecheck/sandbox';
import { allClose, SHAPE_ONLY } from './allclose.js';
import { closeEncoded } from './close-encoded.js';
import { VALUE_TOLERANCE } from './definition.js';
import { comparedPair, tolerance } from './__test-helpers__/compared-values.js';

const at0 = (value: unknown) => ({ words: encodePlain(value), at: 0 });

/** True when every object of `actual` lists its keys in the order of `expected`'s object at the same place. */
function sameKeyOrder(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return !Array.isArray(actual) || expected.every((e, k) => sameKeyOrder(e, actual[k]));
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object') return true;
  const keys = Object.keys(expected);
  return keys.join('\u0000') === Object.keys(actual).join('\u0000') &&
    keys.every((k) => sameKeyOrder((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
}

describe('closeEncoded', () => {
  it('should pass only what allClose passes on the decoded value, and all of it when keys come in the same order', () => {
    let shown = 0;
    fc.assert(fc.property(comparedPair, tolerance, fc.boolean(), ({ expected, actual }, tol, equalNaN) => {
      const encoded = at0(actual);
      const onWords = closeEncoded(expected, encoded, tol, equalNaN);
      const decoded = allClose(expected, decodePlain(encoded.words), tol, equalNaN);
      if (onWords) shown++;
      // Never a pass the decoded value would fail; a pass left unshown only when the key order differs.
      expect(onWords && !decoded).toBe(false);
      if (decoded && sameKeyOrder(expected, actual)) expect(onWords).toBe(true);
    }), { numRuns: 3000 });
    expect(shown).toBeGreaterThan(300);
  });

  it('should read a part of the result by its path, as a check\'s `part` reads it', () => {
    fc.assert(fc.property(comparedPair, ({ expected, actual }) => {
      const wrapped = at0({ loss: 1, d: { x: [0.5], W: actual, note: 'w' }, tail: [[1]] });
      expect(closeEncoded(expected, wrapped, VALUE_TOLERANCE, false, ['d', 'W'])).toBe(
        closeEncoded(expected, at0(actual), VALUE_TOLERANCE));
    }));
    const result = at0({ dx: [1, 2], dh: [3] });
    expect(closeEncoded([3], result, VALUE_TOLERANCE, false, ['dh'])).toBe(true);
    expect(closeEncoded([3], result, VALUE_TOLERANCE, false, ['dc'])).toBe(false);
    expect(closeEncoded([3], result, VALUE_TOLERANCE, false, ['dh', 'x'])).toBe(false);
  });

  it('should pass same shapes under sameShape\'s tolerances, NaN against NaN included', () => {
    expect(closeEncoded([[1, NaN]], at0([[5, NaN]]), SHAPE_ONLY, true)).toBe(true);
    expect(closeEncoded([[1, 2]], at0([[5, 6, 7]]), SHAPE_ONLY, true)).toBe(false);
    expect(closeEncoded({ h: [1] }, at0({ h: 1 }), SHAPE_ONLY, true)).toBe(false);
  });
});

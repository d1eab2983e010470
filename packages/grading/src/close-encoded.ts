// `allClose` read off a result still in the sandbox's wire format (its words, see @gatecheck/sandbox's codec), so a
// passing result is never decoded into arrays and objects. Decoding and then comparing every result was about a
// sixth of a batch worker's time, most of it for results that pass.
import { TAG, type EncodedValue } from '@gatecheck/sandbox';
import { closeNumbers } from './allclose.js';
import type { Tolerance } from './definition.js';

/** Returned by `closeAt` when the words do not show the value close: too far, another shape, or not sure. */
const NOT_SHOWN = -1;

/**
 * True only when `allClose(expected, decoded, tol, equalNaN)` is true for the value `actual` decodes to (at the
 * object path `keys`, as a check's `part` reads it). False means "not shown here": the caller decides on the decoded
 * value. That is also the answer for the rare encodings whose comparison needs it, e.g. an object whose keys come
 * in another order than the reference's, or a part path through an array.
 */
export function closeEncoded(expected: unknown, actual: EncodedValue, tol: Tolerance, equalNaN = false,
  keys?: readonly string[]): boolean {
  let at = actual.at;
  if (keys !== undefined) {
    for (const key of keys) {
      at = fieldAt(actual.words, at, key);
      if (at < 0) return false;
    }
  }
  return closeAt(expected, actual.words, at, tol, equalNaN) >= 0;
}

/** True when the string encoded at `at` is `s`. */
function isString(w: Float64Array, at: number, s: string): boolean {
  if (w[at] !== TAG.STRING || w[at + 1] !== s.length) return false;
  for (let c = 0; c < s.length; c++) if (w[at + 2 + c] !== s.charCodeAt(c)) return false;
  return true;
}

/** Where the value of the object field `key` starts, for an object encoded at `at`; NOT_SHOWN otherwise. */
function fieldAt(w: Float64Array, at: number, key: string): number {
  if (w[at] !== TAG.OBJECT) return NOT_SHOWN;
  const count = w[at + 1]!;
  let p = at + 2;
  for (let i = 0; i < count; i++) {
    const keyLength = w[p + 1]!;
    const value = p + 2 + keyLength;
    if (isString(w, p, key)) return value;
    p = skip(w, value);
  }
  return NOT_SHOWN;
}

/** The end of the value encoded at `at` (the results were checked by the sandbox when they arrived). */
function skip(w: Float64Array, at: number): number {
  const tag = w[at]!;
  switch (tag) {
    case TAG.NUMBER: return at + 2;
    case TAG.STRING: case TAG.NUMBERS: return at + 2 + w[at + 1]!;
    case TAG.ARRAY: {
      let p = at + 2;
      for (let i = w[at + 1]!; i > 0; i--) p = w[p] === TAG.HOLE ? p + 1 : skip(w, p);
      return p;
    }
    case TAG.OBJECT: {
      let p = at + 2;
      for (let i = w[at + 1]!; i > 0; i--) p = skip(w, p + 2 + w[p + 1]!);
      return p;
    }
    default: return at + 1;
  }
}

/**
 * Where the value encoded at `p` ends when it is close to `expected` by `closeWalk`'s rules (allclose.ts), else
 * NOT_SHOWN. The walk follows `expected`, so it goes no deeper than the reference's value.
 */
function closeAt(expected: unknown, w: Float64Array, p: number, tol: Tolerance, equalNaN: boolean): number {
  const tag = w[p];
  if (typeof expected === 'number') return tag === TAG.NUMBER && closeNumbers(expected, w[p + 1]!, tol, equalNaN) ? p + 2 : NOT_SHOWN;
  if (Array.isArray(expected)) {
    const n = expected.length;
    if (w[p + 1] !== n) return NOT_SHOWN;
    if (tag === TAG.NUMBERS) {
      const base = p + 2;
      for (let k = 0; k < n; k++) {
        const e: unknown = expected[k];
        if (typeof e !== 'number' || !closeNumbers(e, w[base + k]!, tol, equalNaN)) return NOT_SHOWN;
      }
      return base + n;
    }
    if (tag !== TAG.ARRAY) return NOT_SHOWN;
    let q = p + 2;
    for (let k = 0; k < n; k++) {
      const e: unknown = expected[k];
      // A hole reads as undefined, which is close only to an expected undefined.
      q = w[q] === TAG.HOLE ? (e === undefined ? q + 1 : NOT_SHOWN) : closeAt(e, w, q, tol, equalNaN);
      if (q < 0) return NOT_SHOWN;
    }
    return q;
  }
  if (expected !== null && typeof expected === 'object') {
    // The same keys in the same order (the usual case: a student builds `{ h, c }` as the reference does). Any
    // other order is left to the decoded value, where `sameKeys` sees the keys as a set.
    const keys = Object.keys(expected);
    if (tag !== TAG.OBJECT || w[p + 1] !== keys.length) return NOT_SHOWN;
    let q = p + 2;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!isString(w, q, key)) return NOT_SHOWN;
      q = closeAt((expected as Record<string, unknown>)[key], w, q + 2 + key.length, tol, equalNaN);
      if (q < 0) return NOT_SHOWN;
    }
    return q;
  }
  switch (expected) {
    case undefined: return tag === TAG.UNDEFINED ? p + 1 : NOT_SHOWN;
    case null: return tag === TAG.NULL ? p + 1 : NOT_SHOWN;
    case true: return tag === TAG.TRUE ? p + 1 : NOT_SHOWN;
    case false: return tag === TAG.FALSE ? p + 1 : NOT_SHOWN;
  }
  if (typeof expected === 'string') return isString(w, p, expected) ? p + 2 + expected.length : NOT_SHOWN;
  return NOT_SHOWN;
}

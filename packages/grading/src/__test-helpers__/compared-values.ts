// Pairs of values to compare, for the property tests of allClose (allclose.test.ts) and of its reading on encoded
// words (close-encoded.test.ts): an expected value and one like it, nudged within or beyond the tolerances.
import fc from 'fast-check';
import { VALUE_TOLERANCE } from '../definition.js';

const special = fc.constantFrom(NaN, Infinity, -Infinity, 0, -0);
const number = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), special);

/** Plain values shaped like results: numbers, arrays of them, nested arrays, objects with a few keys. */
export const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    number, fc.array(number, { maxLength: 4 }), fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('h', 'c', 'W', 'b'), tie('value'), { maxKeys: 3 }),
    fc.constantFrom(null, undefined, 'x', true)),
}));

/**
 * A value like `v`: numbers nudged (within or beyond the tolerance) or made special, lengths, keys and key order
 * changed now and then, holes punched into arrays.
 */
function nearby(v: unknown, r: () => number): unknown {
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
    else if (roll < 0.16 && out.length > 0) delete out[out.length - 1];
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]): [string, unknown] => [k, nearby(x, r)]);
    // The same keys in another order.
    if (r() < 0.15) entries.reverse();
    const out: Record<string, unknown> = Object.fromEntries(entries);
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
  const roll = r();
  return roll < 0.1 ? 0 : roll < 0.15 ? 'y' : roll < 0.2 ? undefined : v;
}

/** An expected value and an actual one like it; the nudges follow from a drawn seed, so a failure replays. */
export const comparedPair = fc.tuple(value, fc.integer()).map(([expected, seed]) => {
  // mulberry32
  let state = seed | 0;
  const r = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { expected, actual: nearby(expected, r) };
});

export const tolerance = fc.constantFrom(VALUE_TOLERANCE, { rtol: 1e-5, atol: 1e-4 }, { rtol: Infinity, atol: Infinity });

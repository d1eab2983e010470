// Number generators for graders. fast-check's `fc.double({ min, max })` is uniform over the *representations*
// of doubles, so about 90% of its draws in [-1000, 1000] are below 0.001 in size: inputs would be mostly zeros
// and large pre-activations rare. These draw uniformly over a grid instead, and shrink toward 0 and round numbers.
import fc from 'fast-check';

/**
 * A number in [-max, max] drawn uniformly with `decimals` decimals (default 3): shrinks toward 0, then toward
 * numbers with fewer digits, so a counterexample reads like `x = 710.5` rather than `x = 710.5000000000001`.
 */
export function simpleNumber(max: number, decimals = 3): fc.Arbitrary<number> {
  const scale = 10 ** decimals;
  const n = Math.round(max * scale);
  return fc.integer({ min: -n, max: n }).map((k) => k / scale + 0);
}

/** A number in the open interval (0, 1) with `decimals` decimals (a gate's value). */
export function unitNumber(decimals = 3): fc.Arbitrary<number> {
  const scale = 10 ** decimals;
  return fc.integer({ min: 1, max: scale - 1 }).map((k) => k / scale);
}

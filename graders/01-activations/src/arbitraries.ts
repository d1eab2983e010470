// Generated inputs of exercise 01. Values are rounded to three decimals so a shrunk counterexample reads
// like something a person would type (`x = 710.5`), and shrink toward 0.
import fc from 'fast-check';

/** A number in [-max, max] with at most three decimals (never -0). */
export const simpleNumber = (max: number): fc.Arbitrary<number> =>
  fc.double({ min: -max, max, noNaN: true }).map((v) => Math.round(v * 1000) / 1000 + 0);

/** Ordinary inputs, where neither function is near overflow. */
export const ordinary = fc.tuple(simpleNumber(10));

/** Extreme inputs up to |x| = 1000 (exp overflows past 709, exp(2x) past 355). */
export const extreme = fc.tuple(simpleNumber(1000));

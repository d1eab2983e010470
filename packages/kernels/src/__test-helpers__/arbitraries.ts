// fast-check arbitraries for small, well-conditioned kernel inputs.
import fc from 'fast-check';
import type { Gate, Matrix, Vector } from '../lecture-arrays.js';

/** Values in [-range, range], never NaN: pre-activations stay where finite differences are meaningful. */
export const value = (range = 1.5) => fc.double({ min: -range, max: range, noNaN: true, noDefaultInfinity: true });
export const vector = (n: number, range?: number): fc.Arbitrary<Vector> => fc.array(value(range), { minLength: n, maxLength: n });
export const matrix = (rows: number, cols: number, range?: number): fc.Arbitrary<Matrix> =>
  fc.array(vector(cols, range), { minLength: rows, maxLength: rows });
export const gate = (hidden: number, input: number, range?: number): fc.Arbitrary<Gate> =>
  fc.record({ W: matrix(hidden, hidden + input, range), b: vector(hidden, range) });
/** A Float64Array of n values. */
export const buffer = (n: number, range?: number): fc.Arbitrary<Float64Array> =>
  fc.array(value(range), { minLength: n, maxLength: n }).map((v) => Float64Array.from(v));

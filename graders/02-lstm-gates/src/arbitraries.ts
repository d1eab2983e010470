// Generated inputs of exercise 02. Sizes run 1–8 and shrink toward 1; values have at most three decimals and
// shrink toward 0, so a failure is shown on the smallest, simplest input that still has it.
import fc from 'fast-check';
import { simpleNumber, unitNumber } from '@gatecheck/grading';
import type { Gate, Vector } from '@gatecheck/kernels';

/** Value ranges of one family of gate inputs. */
export interface Magnitudes {
  /** Largest |W[r][c]|. */
  weight: number;
  /** Largest |b[r]|. */
  bias: number;
  /** Largest |h_{t-1}[k]|. */
  state: number;
  /** Largest |x_t[k]|. */
  input: number;
}

/** With at most 16 columns, |pre-activation| stays below ~40 and mostly below 5: sigmoid and tanh are far from flat. */
export const ORDINARY: Magnitudes = { weight: 1, bias: 1, state: 1, input: 2 };

/**
 * |W·[h, x]| <= 16 * 10 = 160 and |b| <= 840: pre-activations stay within |a| <= 1000 and pass 355 (where exp(2a)
 * overflows) and 709 (where exp(a) does) in a good share of cases.
 */
export const EXTREME: Magnitudes = { weight: 10, bias: 840, state: 1, input: 1 };

/** A number in [-max, max] with at most three decimals, uniform over that grid. */
export const simple = (max: number): fc.Arbitrary<number> => simpleNumber(max);
/** A number in (0, 1) — a gate's value — with at most three decimals. */
export const unit = (): fc.Arbitrary<number> => unitNumber();

export const vector = (n: number, value: fc.Arbitrary<number>): fc.Arbitrary<Vector> => fc.array(value, { minLength: n, maxLength: n });

/** Largest hidden and input size. */
export const MAX_SIZE = 8;
const size = fc.integer({ min: 1, max: MAX_SIZE });

// Inputs are drawn at the largest size and then cut to the drawn sizes, so shrinking a size keeps every other
// value in place (fast-check then shrinks sizes and values independently, down to 1x1 inputs and simple numbers).
const pool = (value: fc.Arbitrary<number>): fc.Arbitrary<Vector> => vector(MAX_SIZE, value);
const matrixPool = (value: fc.Arbitrary<number>): fc.Arbitrary<Vector[]> =>
  fc.array(pool(value), { minLength: MAX_SIZE, maxLength: MAX_SIZE });

export type GateArgs = [p: Gate, hPrev: Vector, x: Vector];

/** A gate of `hidden` rows whose first `hidden` columns come from the h-block and the rest from the x-block. */
export const cutGate = (Wh: Vector[], Wx: Vector[], b: Vector, hidden: number, input: number): Gate => ({
  W: Wh.slice(0, hidden).map((row, r) => [...row.slice(0, hidden), ...Wx[r]!.slice(0, input)]),
  b: b.slice(0, hidden),
});

/** `(p, hPrev, x)` for forgetGate, inputGate, candidateCell, outputGate; hidden and input sizes 1–8. */
export const gateArgs = (m: Magnitudes): fc.Arbitrary<GateArgs> =>
  fc.record({ hidden: size, input: size, Wh: matrixPool(simple(m.weight)), Wx: matrixPool(simple(m.weight)), b: pool(simple(m.bias)),
    h: pool(simple(m.state)), x: pool(simple(m.input)) })
    .map(({ hidden, input, Wh, Wx, b, h, x }): GateArgs => [cutGate(Wh, Wx, b, hidden, input), h.slice(0, hidden), x.slice(0, input)]);

export type CellStateArgs = [f: Vector, cPrev: Vector, i: Vector, cTilde: Vector];
/** `(f, cPrev, i, cTilde)`: gates in (0, 1), a cell state up to ±3, a candidate in (-1, 1); sizes 1–8. */
export const cellStateArgs: fc.Arbitrary<CellStateArgs> =
  fc.tuple(size, pool(unit()), pool(simple(3)), pool(unit()), pool(simple(0.999)))
    .map(([n, f, c, i, t]): CellStateArgs => [f.slice(0, n), c.slice(0, n), i.slice(0, n), t.slice(0, n)]);

export type HiddenStateArgs = [o: Vector, c: Vector];
/** `(o, c)` with |c| up to `cellMax` (3 ordinarily; 1000 for robustness, where tanh must not overflow); sizes 1–8. */
export const hiddenStateArgs = (cellMax: number): fc.Arbitrary<HiddenStateArgs> =>
  fc.tuple(size, pool(unit()), pool(simple(cellMax))).map(([n, o, c]): HiddenStateArgs => [o.slice(0, n), c.slice(0, n)]);

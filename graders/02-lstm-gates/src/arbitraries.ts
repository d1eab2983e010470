// Generated inputs of exercise 02. Sizes run 1–8 and shrink toward 1; values are uniform over three-decimal
// numbers and shrink toward 0 (gate values toward 0.5), so a failure is shown on the smallest, simplest input.
import fc from 'fast-check';
import { openUnit, sizedInput, symmetric, type Draw } from '@gatecheck/grading';
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

/** Largest hidden and input size. */
export const MAX_SIZE = 8;
const SIZE = [1, MAX_SIZE] as const;

/** A gate's W (as an h-block and an x-block, so each keeps its numbers when a size shrinks) and b. */
export function drawGate(d: Draw, name: string, hidden: number, input: number, m: Magnitudes): Gate {
  const Wh = d.matrix(`${name}.Wh`, hidden, hidden, symmetric(m.weight));
  const Wx = d.matrix(`${name}.Wx`, hidden, input, symmetric(m.weight));
  return { W: Wh.map((row, r) => [...row, ...Wx[r]!]), b: d.vector(`${name}.b`, hidden, symmetric(m.bias)) };
}

export type GateArgs = [p: Gate, hPrev: Vector, x: Vector];
/** `(p, hPrev, x)` for forgetGate, inputGate, candidateCell, outputGate; hidden and input sizes 1–8. */
export const gateArgs = (m: Magnitudes): fc.Arbitrary<GateArgs> =>
  sizedInput({ hidden: SIZE, input: SIZE }, ({ hidden, input }, d): GateArgs =>
    [drawGate(d, 'p', hidden!, input!, m), d.vector('hPrev', hidden!, symmetric(m.state)), d.vector('x', input!, symmetric(m.input))]);

export type CellStateArgs = [f: Vector, cPrev: Vector, i: Vector, cTilde: Vector];
/** `(f, cPrev, i, cTilde)`: gates in (0, 1), a cell state up to ±3, a candidate in (-1, 1); sizes 1–8. */
export const cellStateArgs: fc.Arbitrary<CellStateArgs> = sizedInput({ n: SIZE }, ({ n }, d): CellStateArgs =>
  [d.vector('f', n!, openUnit), d.vector('cPrev', n!, symmetric(3)), d.vector('i', n!, openUnit), d.vector('cTilde', n!, symmetric(0.999))]);

export type HiddenStateArgs = [o: Vector, c: Vector];
/** `(o, c)` with |c| up to `cellMax` (3 ordinarily; 1000 for robustness, where tanh must not overflow); sizes 1–8. */
export const hiddenStateArgs = (cellMax: number): fc.Arbitrary<HiddenStateArgs> =>
  sizedInput({ n: SIZE }, ({ n }, d): HiddenStateArgs => [d.vector('o', n!, openUnit), d.vector('c', n!, symmetric(cellMax))]);

// Generated inputs of exercise 03 (see sizedInput): shrinking a size keeps the other values in place, so failures
// shrink to 1x1 states, short sequences and simple numbers. Values are uniform over three-decimal numbers.
import fc from 'fast-check';
import { sizedInput, symmetric, type Draw } from '@gatecheck/grading';
import type { Gate, LstmParams, Vector } from '@gatecheck/kernels';

/** Value ranges of one family of inputs. */
export interface Magnitudes {
  /** Largest |W[r][c]|. */
  weight: number;
  /** Largest |b[r]|. */
  bias: number;
  /** Largest |h_{t-1}[k]|. */
  state: number;
  /** Largest |C_{t-1}[k]|. */
  cell: number;
  /** Largest |x_t[k]|. */
  input: number;
}

/** Pre-activations mostly below 5 in size, so every mistake changes the output visibly. */
export const ORDINARY: Magnitudes = { weight: 1, bias: 1, state: 1, cell: 2, input: 2 };

/** |W·[h, x]| <= 16 * 10 and |b| <= 840: pre-activations up to |a| = 1000; the cell up to 1000 too. */
export const EXTREME: Magnitudes = { weight: 10, bias: 840, state: 1, cell: 1000, input: 1 };

export const MAX_SIZE = 8;
/** Longest generated sequence (sequences may be empty). */
export const MAX_STEPS = 5;
const SIZE = [1, MAX_SIZE] as const;

/** A gate's W (as an h-block and an x-block, so each keeps its numbers when a size shrinks) and b. */
function drawGate(d: Draw, name: string, hidden: number, input: number, m: Magnitudes): Gate {
  const Wh = d.matrix(`${name}.Wh`, hidden, hidden, symmetric(m.weight));
  const Wx = d.matrix(`${name}.Wx`, hidden, input, symmetric(m.weight));
  return { W: Wh.map((row, r) => [...row, ...Wx[r]!]), b: d.vector(`${name}.b`, hidden, symmetric(m.bias)) };
}

const drawParams = (d: Draw, hidden: number, input: number, m: Magnitudes): LstmParams => ({
  f: drawGate(d, 'p.f', hidden, input, m), i: drawGate(d, 'p.i', hidden, input, m),
  c: drawGate(d, 'p.c', hidden, input, m), o: drawGate(d, 'p.o', hidden, input, m),
});

export type CellArgs = [p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector];
/** `(p, hPrev, cPrev, x)` for lstmCell; hidden and input sizes 1–8. */
export const cellArgs = (m: Magnitudes): fc.Arbitrary<CellArgs> =>
  sizedInput({ hidden: SIZE, input: SIZE }, ({ hidden, input }, d): CellArgs => [drawParams(d, hidden!, input!, m),
    d.vector('hPrev', hidden!, symmetric(m.state)), d.vector('cPrev', hidden!, symmetric(m.cell)), d.vector('x', input!, symmetric(m.input))]);

export type ForwardArgs = [p: LstmParams, xs: Vector[], h0: Vector, c0: Vector];
/** `(p, xs, h0, c0)` for lstmForward: sequences of 0–5 steps, sizes 1–8. */
export const forwardArgs = (m: Magnitudes): fc.Arbitrary<ForwardArgs> =>
  sizedInput({ steps: [0, MAX_STEPS], hidden: SIZE, input: SIZE }, ({ steps, hidden, input }, d): ForwardArgs => [
    drawParams(d, hidden!, input!, m), d.matrix('xs', steps!, input!, symmetric(m.input)),
    d.vector('h0', hidden!, symmetric(m.state)), d.vector('c0', hidden!, symmetric(m.cell))]);

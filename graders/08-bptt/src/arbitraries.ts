// Generated inputs for the backward checks: one step's parameters, state, input and upstream gradients.
// Sizes run 1–8 and values are three-decimal numbers drawn uniformly (see sizedInput in @gatecheck/grading);
// shrinking a size keeps the other values in place and only the numbers the input uses are shrunk, so a wrong
// gradient is shown on the smallest, simplest input that still has it.
import type fc from 'fast-check';
import { sizedInput, symmetric, type Draw } from '@gatecheck/grading';
import type { Gate, GruParams, LstmParams, Vector } from '@gatecheck/kernels';

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
  /** Largest |dh[k]| and |dc[k]|. */
  upstream: number;
  /**
   * Every other unit (k = 1, 3, ...) gets an ordinary bias (|b| <= 1) instead of `bias`. Saturated units have
   * derivatives of 0, so a wrong gradient formula can only show in units that are not saturated; with uniform
   * biases up to 900 those are rare enough that some seeds drew none in 100 inputs.
   */
  unsaturatedOddUnits?: boolean;
}

/** Ordinary magnitudes: pre-activations mostly below 5, where every derivative is far from zero and every mistake shows. */
export const ORDINARY: Magnitudes = { weight: 1, bias: 1, state: 1, cell: 2, input: 2, upstream: 1 };

/**
 * Saturating magnitudes for robustness: |b| <= 900 and |W . [h, x]| <= 16 * 6 = 96, so pre-activations reach
 * ±996, where the true derivatives underflow to 0 and an exp-based formula overflows to NaN; the odd units keep
 * ordinary biases, so the gradients must also be right next to saturated ones.
 */
export const EXTREME: Magnitudes = { weight: 6, bias: 900, state: 1, cell: 2, input: 1, upstream: 1, unsaturatedOddUnits: true };

const MAX = 8;
const SIZE = [1, MAX] as const;

/** A gate's W (an h-block and an x-block, so each keeps its numbers when a size shrinks) and b. */
function drawGate(d: Draw, name: string, hidden: number, input: number, m: Magnitudes): Gate {
  const Wh = d.matrix(`${name}.Wh`, hidden, hidden, symmetric(m.weight));
  const Wx = d.matrix(`${name}.Wx`, hidden, input, symmetric(m.weight));
  const b = d.vector(`${name}.b`, hidden, symmetric(m.bias));
  if (m.unsaturatedOddUnits) for (let k = 1; k < hidden; k += 2) b[k] = d.number(`${name}.bOrdinary[${k}]`, symmetric(1));
  return { W: Wh.map((row, r) => [...row, ...Wx[r]!]), b };
}

export type LstmBackwardArgs = [p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector];
export type GruBackwardArgs = [p: GruParams, hPrev: Vector, x: Vector, dh: Vector];

/** (p, hPrev, cPrev, x, dh, dc) for lstmCellBackward; hidden and input sizes 1–8. */
export const lstmArgs = (m: Magnitudes): fc.Arbitrary<LstmBackwardArgs> =>
  sizedInput({ hidden: SIZE, input: SIZE }, ({ hidden, input }, d): LstmBackwardArgs => [
    { f: drawGate(d, 'p.f', hidden!, input!, m), i: drawGate(d, 'p.i', hidden!, input!, m),
      c: drawGate(d, 'p.c', hidden!, input!, m), o: drawGate(d, 'p.o', hidden!, input!, m) },
    d.vector('hPrev', hidden!, symmetric(m.state)), d.vector('cPrev', hidden!, symmetric(m.cell)), d.vector('x', input!, symmetric(m.input)),
    d.vector('dh', hidden!, symmetric(m.upstream)), d.vector('dc', hidden!, symmetric(m.upstream)),
  ]);

/** (p, hPrev, x, dh) for gruCellBackward; hidden and input sizes 1–8. */
export const gruArgs = (m: Magnitudes): fc.Arbitrary<GruBackwardArgs> =>
  sizedInput({ hidden: SIZE, input: SIZE }, ({ hidden, input }, d): GruBackwardArgs => [
    { z: drawGate(d, 'p.z', hidden!, input!, m), r: drawGate(d, 'p.r', hidden!, input!, m), h: drawGate(d, 'p.h', hidden!, input!, m) },
    d.vector('hPrev', hidden!, symmetric(m.state)), d.vector('x', input!, symmetric(m.input)), d.vector('dh', hidden!, symmetric(m.upstream)),
  ]);

// Generated inputs for the GRU gate checks. Sizes run 1–8 and values sit on a grid; both shrink toward the
// small and simple, so a failure is reported on the smallest input that still shows it.
import type fc from 'fast-check';
import { coarse, coarseUnit, sizedInput, type Draw, type Grid } from '@gatecheck/grading';
import type { Gate, Vector } from '@gatecheck/kernels';

/** Value ranges of one family of inputs. */
export interface Magnitudes {
  /** Largest |W[r][c]|. */
  weight: number;
  /** Largest |b[r]|; biases are all zero in about a third of the cases (the slides have none). */
  bias: number;
  /** Largest |h_{t-1}[k]| (also |h~_t[k]| for gruHidden). */
  state: number;
  /** Largest |x_t[k]|. */
  input: number;
}

/**
 * Ordinary magnitudes: with at most 16 columns, |pre-activation| stays below ~40 and mostly below 5, where
 * sigmoid and tanh are far from saturating, so every mistake changes the output visibly.
 */
export const ORDINARY: Magnitudes = { weight: 1, bias: 1, state: 1, input: 2 };

/**
 * Extreme magnitudes for robustness: |b| <= 900 and |W . [h, x]| <= 16 * 6 = 96, so pre-activations reach
 * ±996 and often pass 355 (where exp(2a) overflows) and 710 (where exp(a) does).
 */
export const EXTREME: Magnitudes = { weight: 6, bias: 900, state: 1, input: 1 };

/** Largest hidden and input size. */
const SIZE = [1, 8] as const;

/** 0 in a third of the cases, shrinking toward 0: a counterexample keeps a bias only when the failure needs one. */
const biasSwitch: Grid = { min: 0, max: 2, step: 1 };

/**
 * A gate acting on [h, x]: W as an h-block and an x-block, so each keeps its numbers when a size shrinks or an
 * inner index is removed, and b (all zero in about a third of the cases; the slides have none).
 */
export function drawGate(d: Draw, name: string, hidden: number, input: number, m: Magnitudes): Gate {
  const Wh = d.matrix(`${name}.Wh`, hidden, hidden, coarse(m.weight));
  const Wx = d.matrix(`${name}.Wx`, hidden, input, coarse(m.weight));
  const zeroBias = d.number(`${name}.zeroBias`, biasSwitch) === 0;
  return {
    W: Wh.map((row, r) => [...row, ...Wx[r]!]),
    b: zeroBias ? new Array<number>(hidden).fill(0) : d.vector(`${name}.b`, hidden, coarse(m.bias)),
  };
}

/** (p, hPrev, x) for updateGate and resetGate. */
export const gateArgs = (m: Magnitudes): fc.Arbitrary<[Gate, Vector, Vector]> =>
  sizedInput({ hidden: SIZE, input: SIZE }, ({ hidden, input }, d): [Gate, Vector, Vector] =>
    [drawGate(d, 'p', hidden!, input!, m), d.vector('hPrev', hidden!, coarse(m.state)), d.vector('x', input!, coarse(m.input))]);

/** (p, r, hPrev, x) for candidateHidden; r is a reset gate's output, in [0, 1]. */
export const candidateArgs = (m: Magnitudes): fc.Arbitrary<[Gate, Vector, Vector, Vector]> =>
  sizedInput({ hidden: SIZE, input: SIZE }, ({ hidden, input }, d): [Gate, Vector, Vector, Vector] =>
    [drawGate(d, 'p', hidden!, input!, m), d.vector('r', hidden!, coarseUnit), d.vector('hPrev', hidden!, coarse(m.state)),
      d.vector('x', input!, coarse(m.input))]);

/** (z, hPrev, hTilde) for gruHidden; z in [0, 1], h~ in [-1, 1] as a tanh's output. */
export const interpolationArgs = (m: Magnitudes): fc.Arbitrary<[Vector, Vector, Vector]> =>
  sizedInput({ hidden: SIZE }, ({ hidden }, d): [Vector, Vector, Vector] =>
    [d.vector('z', hidden!, coarseUnit), d.vector('hPrev', hidden!, coarse(m.state)), d.vector('hTilde', hidden!, coarse(1))]);

// Generated inputs for the backward checks: one step's parameters, state, input and upstream gradients.
// Sizes run 1–8 and values sit on a grid; both shrink toward the small and simple, so a wrong gradient is
// shown on the smallest input that still has it.
import fc from 'fast-check';
import type { Gate, GruParams, LstmParams, Vector } from '@gatecheck/kernels';

/** Value ranges of one family of inputs. */
export interface Magnitudes {
  /** Largest |W[r][c]|. */
  weight: number;
  /** Largest |b[r]|; a gate's biases are all zero in about a third of the cases. */
  bias: number;
  /** Largest |h_{t-1}[k]|. */
  state: number;
  /** Largest |C_{t-1}[k]|. */
  cell: number;
  /** Largest |x_t[k]|. */
  input: number;
  /** Largest |dh[k]| and |dc[k]|. */
  upstream: number;
}

/** Ordinary magnitudes: pre-activations mostly below 5, where every derivative is far from zero and every mistake shows. */
export const ORDINARY: Magnitudes = { weight: 1, bias: 1, state: 1, cell: 2, input: 2, upstream: 1 };

/**
 * Saturating magnitudes for robustness: |b| <= 900 and |W . [h, x]| <= 16 * 6 = 96, so pre-activations reach
 * ±996, where the true derivatives underflow to 0 and an exp-based formula overflows to NaN.
 */
export const EXTREME: Magnitudes = { weight: 6, bias: 900, state: 1, cell: 2, input: 1, upstream: 1 };

const MAX = 8;

/**
 * A number in [-max, max] on a grid of max/8, shrinking toward 0. Not fc.double: that draws uniformly over
 * the representable doubles, so nine draws in ten would be below 1e-20 and every gradient would vanish. The
 * coarse grid keeps counterexamples readable and their errors visible.
 */
const value = (max: number) => fc.integer({ min: -8, max: 8 }).map((k) => (k * max) / 8);
const pool = <T>(item: fc.Arbitrary<T>, n: number) => fc.array(item, { minLength: n, maxLength: n });
const size = fc.integer({ min: 1, max: MAX });
const vectorPool = (max: number) => pool(value(max), MAX);

// Full-size pools are generated once and cut to the drawn sizes, so sizes and values shrink independently
// (fc.chain would regenerate the values whenever a size shrinks, and rarely shrink the size at all).
type GatePool = { W: number[][]; b: number[]; zeroBias: boolean };
const gatePool = (m: Magnitudes): fc.Arbitrary<GatePool> => fc.record({
  W: pool(pool(value(m.weight), 2 * MAX), MAX),
  b: vectorPool(m.bias),
  // Shrinks toward true: a counterexample keeps a bias only when the failure needs one.
  zeroBias: fc.integer({ min: 0, max: 2 }).map((k) => k === 0),
});

/** Cuts a pooled gate to hidden x (hidden + input): h-columns from the first half, x-columns from the second. */
function cutGate(g: GatePool, hidden: number, input: number): Gate {
  return {
    W: g.W.slice(0, hidden).map((row) => [...row.slice(0, hidden), ...row.slice(MAX, MAX + input)]),
    b: g.zeroBias ? new Array<number>(hidden).fill(0) : g.b.slice(0, hidden),
  };
}

export type LstmBackwardArgs = [p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector];
export type GruBackwardArgs = [p: GruParams, hPrev: Vector, x: Vector, dh: Vector];

/** (p, hPrev, cPrev, x, dh, dc) for lstmCellBackward. */
export const lstmArgs = (m: Magnitudes): fc.Arbitrary<LstmBackwardArgs> =>
  fc.tuple(size, size, fc.record({ f: gatePool(m), i: gatePool(m), c: gatePool(m), o: gatePool(m) }),
    fc.record({ h: vectorPool(m.state), c: vectorPool(m.cell), x: vectorPool(m.input), dh: vectorPool(m.upstream), dc: vectorPool(m.upstream) }))
    .map(([hidden, input, p, v]) => [
      { f: cutGate(p.f, hidden, input), i: cutGate(p.i, hidden, input), c: cutGate(p.c, hidden, input), o: cutGate(p.o, hidden, input) },
      v.h.slice(0, hidden), v.c.slice(0, hidden), v.x.slice(0, input), v.dh.slice(0, hidden), v.dc.slice(0, hidden),
    ]);

/** (p, hPrev, x, dh) for gruCellBackward. */
export const gruArgs = (m: Magnitudes): fc.Arbitrary<GruBackwardArgs> =>
  fc.tuple(size, size, fc.record({ z: gatePool(m), r: gatePool(m), h: gatePool(m) }),
    fc.record({ h: vectorPool(m.state), x: vectorPool(m.input), dh: vectorPool(m.upstream) }))
    .map(([hidden, input, p, v]) => [
      { z: cutGate(p.z, hidden, input), r: cutGate(p.r, hidden, input), h: cutGate(p.h, hidden, input) },
      v.h.slice(0, hidden), v.x.slice(0, input), v.dh.slice(0, hidden),
    ]);

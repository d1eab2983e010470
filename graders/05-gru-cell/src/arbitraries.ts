// Generated inputs for the GRU cell and sequence checks. Sizes run 1–8 (sequences 0–6 steps) and values sit on
// a grid; both shrink toward the small and simple, so a failure is reported on the smallest input showing it.
import fc from 'fast-check';
import type { Gate, GruParams, Vector } from '@gatecheck/kernels';

/** Value ranges of one family of inputs. */
export interface Magnitudes {
  /** Largest |W[r][c]|. */
  weight: number;
  /** Largest |b[r]|; a gate's biases are all zero in about a third of the cases (the slides have none). */
  bias: number;
  /** Largest |h_{t-1}[k]|. */
  state: number;
  /** Largest |x_t[k]|. */
  input: number;
}

/** Ordinary magnitudes: |pre-activation| mostly below 5, where no activation saturates and every mistake shows. */
export const ORDINARY: Magnitudes = { weight: 1, bias: 1, state: 1, input: 2 };

/**
 * Extreme magnitudes for robustness: |b| <= 900 and |W . [h, x]| <= 16 * 6 = 96, so pre-activations reach
 * ±996 and often pass 355 (where exp(2a) overflows) and 710 (where exp(a) does).
 */
export const EXTREME: Magnitudes = { weight: 6, bias: 900, state: 1, input: 1 };

/** Largest hidden and input size, and longest sequence. */
const MAX = 8;
const MAX_STEPS = 6;

/**
 * A number in [-max, max] on a grid of max/8, shrinking toward 0. Not fc.double: that draws uniformly over
 * the representable doubles, so nine draws in ten would be below 1e-20 and every gate would see zeros. The
 * coarse grid keeps counterexamples readable and their errors visible.
 */
const value = (max: number) => fc.integer({ min: -8, max: 8 }).map((k) => (k * max) / 8);
const pool = <T>(item: fc.Arbitrary<T>, n: number) => fc.array(item, { minLength: n, maxLength: n });
const size = fc.integer({ min: 1, max: MAX });

// Full-size pools are generated once and cut to the drawn sizes, so sizes and values shrink independently
// (fc.chain would regenerate the values whenever a size shrinks, and rarely shrink the size at all).
const gatePool = (m: Magnitudes) => fc.record({
  W: pool(pool(value(m.weight), 2 * MAX), MAX),
  b: pool(value(m.bias), MAX),
  // Shrinks toward true: a counterexample keeps a bias only when the failure needs one.
  zeroBias: fc.integer({ min: 0, max: 2 }).map((k) => k === 0),
});
type GatePool = { W: number[][]; b: number[]; zeroBias: boolean };
const paramsPool = (m: Magnitudes) => fc.record({ z: gatePool(m), r: gatePool(m), h: gatePool(m) });

/** Cuts a pooled gate to hidden x (hidden + input): h-columns from the first half, x-columns from the second. */
function cutGate(g: GatePool, hidden: number, input: number): Gate {
  return {
    W: g.W.slice(0, hidden).map((row) => [...row.slice(0, hidden), ...row.slice(MAX, MAX + input)]),
    b: g.zeroBias ? new Array<number>(hidden).fill(0) : g.b.slice(0, hidden),
  };
}

const cutParams = (p: { z: GatePool; r: GatePool; h: GatePool }, hidden: number, input: number): GruParams =>
  ({ z: cutGate(p.z, hidden, input), r: cutGate(p.r, hidden, input), h: cutGate(p.h, hidden, input) });

/** (p, hPrev, x) for gruCell. */
export const cellArgs = (m: Magnitudes): fc.Arbitrary<[GruParams, Vector, Vector]> =>
  fc.tuple(size, size, paramsPool(m), pool(value(m.state), MAX), pool(value(m.input), MAX))
    .map(([hidden, input, p, h, x]) => [cutParams(p, hidden, input), h.slice(0, hidden), x.slice(0, input)]);

/** (p, xs, h0) for gruForward: 0–6 steps, shrinking toward short sequences. */
export const forwardArgs = (m: Magnitudes): fc.Arbitrary<[GruParams, Vector[], Vector]> =>
  fc.tuple(size, size, fc.integer({ min: 0, max: MAX_STEPS }), paramsPool(m),
    pool(pool(value(m.input), MAX), MAX_STEPS), pool(value(m.state), MAX))
    .map(([hidden, input, steps, p, xs, h0]) =>
      [cutParams(p, hidden, input), xs.slice(0, steps).map((x) => x.slice(0, input)), h0.slice(0, hidden)]);

// Generated inputs for the GRU gate checks. Sizes run 1–8 and values sit on a grid; both shrink toward the
// small and simple, so a failure is reported on the smallest input that still shows it.
import fc from 'fast-check';
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
const MAX = 8;

/**
 * A number in [-max, max] on a grid of max/8, shrinking toward 0. Not fc.double: that draws uniformly over
 * the representable doubles, so nine draws in ten would be below 1e-20 and every gate would see zeros. The
 * coarse grid keeps counterexamples readable and their errors visible: shrinking stops at values like 0.125,
 * exact in binary, instead of at 0.001 where a wrong formula is off by less than 1e-5.
 */
const value = (max: number) => fc.integer({ min: -8, max: 8 }).map((k) => (k * max) / 8);
const fraction = fc.integer({ min: 0, max: 8 }).map((k) => k / 8);
const pool = <T>(item: fc.Arbitrary<T>, n: number) => fc.array(item, { minLength: n, maxLength: n });
const size = fc.integer({ min: 1, max: MAX });

/**
 * Full-size pools are generated once and cut to the drawn sizes, so sizes and values shrink independently
 * (fc.chain would regenerate the values whenever a size shrinks, and rarely shrink the size at all).
 */
const gatePool = (m: Magnitudes) => fc.record({
  W: pool(pool(value(m.weight), 2 * MAX), MAX),
  b: pool(value(m.bias), MAX),
  // Shrinks toward true: a counterexample keeps a bias only when the failure needs one.
  zeroBias: fc.integer({ min: 0, max: 2 }).map((k) => k === 0),
});

/** Cuts a pooled gate to hidden x (hidden + input): h-columns from the first half, x-columns from the second. */
function cutGate(g: { W: number[][]; b: number[]; zeroBias: boolean }, hidden: number, input: number): Gate {
  return {
    W: g.W.slice(0, hidden).map((row) => [...row.slice(0, hidden), ...row.slice(MAX, MAX + input)]),
    b: g.zeroBias ? new Array<number>(hidden).fill(0) : g.b.slice(0, hidden),
  };
}

/** (p, hPrev, x) for updateGate and resetGate. */
export const gateArgs = (m: Magnitudes): fc.Arbitrary<[Gate, Vector, Vector]> =>
  fc.tuple(size, size, gatePool(m), pool(value(m.state), MAX), pool(value(m.input), MAX))
    .map(([hidden, input, g, h, x]) => [cutGate(g, hidden, input), h.slice(0, hidden), x.slice(0, input)]);

/** (p, r, hPrev, x) for candidateHidden; r is a reset gate's output, in [0, 1]. */
export const candidateArgs = (m: Magnitudes): fc.Arbitrary<[Gate, Vector, Vector, Vector]> =>
  fc.tuple(size, size, gatePool(m), pool(fraction, MAX), pool(value(m.state), MAX), pool(value(m.input), MAX))
    .map(([hidden, input, g, r, h, x]) => [cutGate(g, hidden, input), r.slice(0, hidden), h.slice(0, hidden), x.slice(0, input)]);

/** (z, hPrev, hTilde) for gruHidden; z in [0, 1], h~ in [-1, 1] as a tanh's output. */
export const interpolationArgs = (m: Magnitudes): fc.Arbitrary<[Vector, Vector, Vector]> =>
  fc.tuple(size, pool(fraction, MAX), pool(value(m.state), MAX), pool(value(1), MAX))
    .map(([hidden, z, h, ht]) => [z.slice(0, hidden), h.slice(0, hidden), ht.slice(0, hidden)]);

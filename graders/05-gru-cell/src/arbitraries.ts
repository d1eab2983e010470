// Generated inputs for the GRU cell and sequence checks. Sizes run 1–8 (sequences 0–6 steps) and values sit on
// a grid; both shrink toward the small and simple, so a failure is reported on the smallest input showing it.
// Gates and magnitudes are exercise 04's, so both exercises draw the same kinds of numbers.
import type fc from 'fast-check';
import { coarse, sizedInput, type Draw } from '@gatecheck/grading';
import { drawGate, type Magnitudes } from '@gatecheck/grader-04-gru-gates/arbitraries';
import type { GruParams, Vector } from '@gatecheck/kernels';

export { EXTREME, ORDINARY, type Magnitudes } from '@gatecheck/grader-04-gru-gates/arbitraries';

/** Largest hidden and input size, and the longest sequence (shrinking toward short ones). */
const SIZE = [1, 8] as const;
const STEPS = [0, 6] as const;

const drawParams = (d: Draw, hidden: number, input: number, m: Magnitudes): GruParams =>
  ({ z: drawGate(d, 'p.z', hidden, input, m), r: drawGate(d, 'p.r', hidden, input, m), h: drawGate(d, 'p.h', hidden, input, m) });

/** (p, hPrev, x) for gruCell. */
export const cellArgs = (m: Magnitudes): fc.Arbitrary<[GruParams, Vector, Vector]> =>
  sizedInput({ hidden: SIZE, input: SIZE }, ({ hidden, input }, d): [GruParams, Vector, Vector] =>
    [drawParams(d, hidden!, input!, m), d.vector('hPrev', hidden!, coarse(m.state)), d.vector('x', input!, coarse(m.input))]);

/** (p, xs, h0) for gruForward: 0–6 steps. */
export const forwardArgs = (m: Magnitudes): fc.Arbitrary<[GruParams, Vector[], Vector]> =>
  sizedInput({ hidden: SIZE, input: SIZE, steps: STEPS }, ({ hidden, input, steps }, d): [GruParams, Vector[], Vector] =>
    [drawParams(d, hidden!, input!, m), d.matrix('xs', steps!, input!, coarse(m.input)), d.vector('h0', hidden!, coarse(m.state))]);

// Reshuffles of state_dicts and sequences that known mistakes amount to: reading gate blocks in another order,
// dropping a bias, flipping time. Applied to the trusted kernel's inputs or outputs, they reproduce a mistaken
// submission exactly without a second GRU implementation.
import type { StateDict, Tensor } from './cases.js';

/** Is `input` unbatched, `(L, H_in)`? */
export function isUnbatched(input: Tensor): boolean {
  const first = Array.isArray(input) ? input[0] : undefined;
  return !Array.isArray(first) || !Array.isArray(first[0]);
}

/**
 * `params` with each gate-stacked entry's blocks rearranged: block `j` of the result is block `from[j]` of the
 * original (`weight_hr_*`, which is not gate-stacked, is kept).
 */
export function permuteGateBlocks(params: StateDict, from: readonly number[]): StateDict {
  const gates = from.length;
  return Object.fromEntries(Object.entries(params).map(([key, value]) => {
    if (!/^(weight|bias)_(ih|hh)_/.test(key)) return [key, value];
    const H = value.length / gates;
    const rows = value as unknown[];
    return [key, from.flatMap((block) => rows.slice(block * H, (block + 1) * H)) as number[][] | number[]];
  }));
}

/** `params` with every `bias_<which>_*` set to zeros (the key stays). */
export function zeroBias(params: StateDict, which: 'ih' | 'hh'): StateDict {
  return Object.fromEntries(Object.entries(params).map(([key, value]) =>
    [key, key.startsWith(`bias_${which}_`) ? (value as number[]).map(() => 0) : value]));
}

/** Where time and batch sit in a sequence tensor: `(L, N, F)`, `(N, L, F)` or unbatched `(L, F)`. */
export type Layout = 'time-major' | 'batch-first' | 'unbatched';

/** The layout of `input` (and of `output`): batchFirst does not apply to unbatched input. */
export function layoutOf(batchFirst: boolean | undefined, input: Tensor): Layout {
  if (isUnbatched(input)) return 'unbatched';
  return batchFirst ? 'batch-first' : 'time-major';
}

/** The sequence as `seqs[n][t]` feature vectors. */
export function toSequences(t: Tensor, layout: Layout): number[][][] {
  if (layout === 'unbatched') return [t as number[][]];
  if (layout === 'batch-first') return t as number[][][];
  const steps = t as number[][][];
  return (steps[0] ?? []).map((_, n) => steps.map((atT) => atT[n]!));
}

/** Inverse of `toSequences`. */
export function fromSequences(seqs: number[][][], layout: Layout): Tensor {
  if (layout === 'unbatched') return seqs[0]!;
  if (layout === 'batch-first') return seqs;
  const L = seqs[0]?.length ?? 0;
  return Array.from({ length: L }, (_, t) => seqs.map((seq) => seq[t]!));
}

/** The sequence with its steps in reverse order. */
export function reverseTime(t: Tensor, layout: Layout): Tensor {
  return fromSequences(toSequences(t, layout).map((seq) => seq.slice().reverse()), layout);
}

/**
 * A bidirectional output whose backward half at step t is the one of step L-1-t: the backward direction left
 * in the order it was computed.
 */
export function unalignBackward(output: Tensor, layout: Layout): Tensor {
  const seqs = toSequences(output, layout).map((seq) => seq.map((v, t) => {
    const half = v.length / 2;
    return [...v.slice(0, half), ...seq[seq.length - 1 - t]!.slice(half)];
  }));
  return fromSequences(seqs, layout);
}

/** An unbatched `(L, F)` output or `(S, F)` state with a batch axis of one inserted: `(L, 1, F)`, `(S, 1, F)`. */
export const withBatchOfOne = (t: Tensor): Tensor => (t as Tensor[]).map((v) => [v]);

/**
 * `params` with gate block `block` (of `gates`) negated in every weight and bias: σ(-a) = 1 - σ(a), so for
 * the GRU's z block this turns PyTorch's h' = (1 - z) * n + z * h into the lecture's h' = (1 - z) * h + z * n.
 */
export function negateGateBlock(params: StateDict, block: number, gates: number): StateDict {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => {
    if (!/^(weight|bias)_(ih|hh)_/.test(key)) return [key, value];
    const H = value.length / gates;
    const negate = (v: number[] | number, k: number) =>
      (k >= block * H && k < (block + 1) * H ? (Array.isArray(v) ? v.map((x) => -x) : -v) : v);
    return [key, (value as (number[] | number)[]).map(negate) as number[][] | number[]];
  }));
}

// Small deterministic setups for the PyTorch-form module properties: a seeded generator, random tensors, and the
// axis shuffles the properties compare (transpose, one batch entry, time reversal).
import fc from 'fast-check';
import { GRU, LSTM, RNN } from '../torch/modules.js';
import type { Float64Tensor } from '../torch/tensor.js';

/** mulberry32: a tiny seeded uniform [0, 1) source, so a fast-check seed reproduces a whole setup. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomTensor(shape: number[], random: () => number, scale = 1): Float64Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: size }, () => (2 * random() - 1) * scale) };
}

export type SequenceKind = 'LSTM' | 'GRU' | 'RNN_TANH' | 'RNN_RELU';

export interface SequenceSetup {
  kind: SequenceKind;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bias: boolean;
  batchFirst: boolean;
  bidirectional: boolean;
  projSize: number;
  seqLen: number;
  batch: number;
  /** false: unbatched 2-D input. */
  batched: boolean;
  withState: boolean;
  seed: number;
}

export const sequenceSetup = (overrides: Partial<{ [K in keyof SequenceSetup]: fc.Arbitrary<SequenceSetup[K]> }> = {}): fc.Arbitrary<SequenceSetup> =>
  fc.record({
    kind: fc.constantFrom<SequenceKind>('LSTM', 'GRU', 'RNN_TANH', 'RNN_RELU'),
    inputSize: fc.integer({ min: 1, max: 3 }),
    hiddenSize: fc.integer({ min: 2, max: 3 }),
    numLayers: fc.integer({ min: 1, max: 2 }),
    bias: fc.boolean(),
    batchFirst: fc.boolean(),
    bidirectional: fc.boolean(),
    projSize: fc.integer({ min: 0, max: 1 }),
    seqLen: fc.integer({ min: 1, max: 3 }),
    batch: fc.integer({ min: 1, max: 2 }),
    batched: fc.boolean(),
    withState: fc.boolean(),
    seed: fc.integer(),
    ...overrides,
  });

/** The module's constructor options for a setup. */
export function optionsOf(s: SequenceSetup, dropout = 0) {
  const base = { dropout, inputSize: s.inputSize, hiddenSize: s.hiddenSize, numLayers: s.numLayers, bias: s.bias, batchFirst: s.batchFirst, bidirectional: s.bidirectional };
  return s.kind === 'LSTM' ? { ...base, projSize: s.projSize } : s.kind === 'GRU' ? base : { ...base, nonlinearity: s.kind === 'RNN_RELU' ? 'relu' as const : 'tanh' as const };
}

export function makeModule(s: SequenceSetup, setup: ConstructorParameters<typeof LSTM>[1] = {}, dropout = 0) {
  const options = optionsOf(s, dropout);
  return s.kind === 'LSTM' ? new LSTM(options, setup) : s.kind === 'GRU' ? new GRU(options, setup) : new RNN(options as never, setup);
}

/** Input, states and loss weights shaped for the setup. */
export function dataOf(s: SequenceSetup, random: () => number) {
  const D = s.bidirectional ? 2 : 1;
  const hOut = s.kind === 'LSTM' && s.projSize > 0 ? s.projSize : s.hiddenSize;
  const lead = !s.batched ? [] : [s.batch];
  const inputShape = !s.batched ? [s.seqLen, s.inputSize] : s.batchFirst ? [s.batch, s.seqLen, s.inputSize] : [s.seqLen, s.batch, s.inputSize];
  const outputShape = [...inputShape.slice(0, -1), D * hOut];
  const hShape = [D * s.numLayers, ...lead, hOut];
  const cShape = [D * s.numLayers, ...lead, s.hiddenSize];
  return {
    input: randomTensor(inputShape, random),
    h0: s.withState ? randomTensor(hShape, random) : null,
    c0: s.withState && s.kind === 'LSTM' ? randomTensor(cShape, random) : null,
    wOutput: randomTensor(outputShape, random),
    wH: randomTensor(hShape, random),
    wC: s.kind === 'LSTM' ? randomTensor(cShape, random) : null,
  };
}

export const dot = (a: Float64Tensor | null, b: Float64Tensor | null): number =>
  a && b ? a.data.reduce((sum, v, k) => sum + v * b.data[k]!, 0) : 0;

/** Swaps the first two axes of a 3-D tensor ((L, N, F) <-> (N, L, F)). */
export function swapLeadingAxes(t: Float64Tensor): Float64Tensor {
  const [A, B, F] = t.shape as [number, number, number];
  const out = new Float64Array(t.data.length);
  for (let a = 0; a < A; a++) for (let b = 0; b < B; b++) for (let f = 0; f < F; f++) out[(b * A + a) * F + f] = t.data[(a * B + b) * F + f]!;
  return { shape: [B, A, F], data: out };
}

/** Entry n of axis 1 of a 3-D tensor, as a 2-D tensor. */
export function batchEntry(t: Float64Tensor, n: number): Float64Tensor {
  const [A, B, F] = t.shape as [number, number, number];
  const out = new Float64Array(A * F);
  for (let a = 0; a < A; a++) out.set(t.data.subarray((a * B + n) * F, (a * B + n) * F + F), a * F);
  return { shape: [A, F], data: out };
}

/** Reverses axis 0. */
export function reverseTime(t: Float64Tensor): Float64Tensor {
  const L = t.shape[0]!;
  const row = t.data.length / Math.max(L, 1);
  const out = new Float64Array(t.data.length);
  for (let s = 0; s < L; s++) out.set(t.data.subarray(s * row, s * row + row), (L - 1 - s) * row);
  return { shape: [...t.shape], data: out };
}

/** Runs any sequence module with optional initial states. */
export function forwardOf(m: ReturnType<typeof makeModule>, input: Float64Tensor, h0: Float64Tensor | null, c0: Float64Tensor | null) {
  return m instanceof LSTM ? m.forward(input, { h0, c0 }) : m.forward(input, h0);
}

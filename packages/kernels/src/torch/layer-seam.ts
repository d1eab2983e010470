// The seam between PyTorch-form modules (LSTM, GRU, RNN and their cells) and the kernels that run one direction of
// one layer over a whole sequence. The modules own shapes, options, stacking, bidirectional wiring, dropout and
// state-dict names; a `LayerKernels` implementation owns the arithmetic on flat Float64Array buffers. The readable
// implementation (lstm-layer.ts, gru-layer.ts, rnn-layer.ts) is the reference; src/fast/ implements the same
// interface and is property-tested equal to it, so a module can take either.
//
// Conventions every implementation follows:
// - Weights are PyTorch's, row-major: `wIh` is (G*H x inputSize), `wHh` is (G*H x H_out), `bIh`/`bHh` are (G*H)
//   or null when the module has `bias=false`, `wHr` is (projSize x H) or null. G = 4 (LSTM, gate blocks i,f,g,o),
//   3 (GRU, blocks r,z,n), 1 (RNN). H_out = projSize || H.
// - A sequence buffer is a `SequenceView`: element (t, n, k) is at `offset + t*strideT + n*strideN + k`, the feature
//   axis contiguous. Time-major, batch-first and the halves of a bidirectional output are all views of this kind,
//   so the kernels never copy or transpose.
// - `reverse: true` runs t = L-1 down to 0 and writes each y[t] at its own time index (outputs stay aligned with the
//   input, as PyTorch's do). Tapes are indexed by processing step s (s = 0 is the first step processed).
// - Per-batch states (h0, c0, hN, cN, dh0, ...) are contiguous (N x size) buffers; pass `subarray`s of a larger
//   (layers*D, N, size) tensor to avoid copies.
// - Backward accumulates: `dx` and every parameter gradient are ADDED into (the caller zeroes them once), because
//   both directions of a bidirectional layer feed the same input and a cell's parameters may be shared. `dh0`/`dc0`
//   are overwritten. `dy`, `dhN`, `dcN` may be null (zero upstream gradient).
// - Forward never writes into its inputs and backward never writes into the tape; implementations must not keep
//   references to caller buffers after returning.

/** Where a (time, batch, feature) sequence lives inside a flat buffer. */
export interface SequenceView {
  data: Float64Array;
  /** Index of element (t=0, n=0, k=0). */
  offset: number;
  /** Distance between consecutive time steps. */
  strideT: number;
  /** Distance between consecutive batch entries. */
  strideN: number;
}

/** Sizes of one direction of one layer. */
export interface LayerDims {
  /** L: time steps. */
  seqLen: number;
  /** N: batch entries (1 for unbatched input). */
  batch: number;
  /** Features of this layer's input (input_size for layer 0, D*H_out above). */
  inputSize: number;
  /** H: hidden (cell) size. */
  hiddenSize: number;
  /** LSTM projection size, 0 for none; H_out = projSize || hiddenSize. Always 0 for GRU and RNN. */
  projSize: number;
}

/** One direction of one layer's parameters, PyTorch's layouts (see the file comment). */
export interface LayerWeights {
  wIh: Float64Array;
  wHh: Float64Array;
  bIh: Float64Array | null;
  bHh: Float64Array | null;
  /** LSTM with projSize > 0 only. */
  wHr: Float64Array | null;
}

/** Gradient buffers shaped like `LayerWeights`; a null entry means "not wanted" for a non-null weight. */
export interface LayerWeightGrads {
  wIh: Float64Array | null;
  wHh: Float64Array | null;
  bIh: Float64Array | null;
  bHh: Float64Array | null;
  wHr: Float64Array | null;
}

export type RnnNonlinearity = 'tanh' | 'relu';

/** What a layer's forward reads and writes. */
export interface LayerForwardArgs {
  dims: LayerDims;
  weights: LayerWeights;
  /** Run from the last time step to the first (the backward direction of a bidirectional layer). */
  reverse: boolean;
  x: SequenceView;
  /** (N x H_out) initial hidden state. */
  h0: Float64Array;
  /** (N x H) initial cell state; LSTM only (ignored otherwise). */
  c0: Float64Array | null;
  /** Written: y[t] = h_t (H_out features per entry). */
  y: SequenceView;
  /** Written: (N x H_out) final hidden state. */
  hN: Float64Array;
  /** Written: (N x H) final cell state; LSTM only. */
  cN: Float64Array | null;
}

export interface RnnLayerForwardArgs extends LayerForwardArgs {
  nonlinearity: RnnNonlinearity;
}

/**
 * What a forward keeps for its backward, per processing step s, entry n (all (L*N*size), row (s, n)):
 * LSTM: `gates` post-activation i,f,g,o (4H), `c` the cell state after the step (H), `m` = o*tanh(c) before the
 *       projection (H; equals h when projSize = 0), `h` the hidden state after the step (H_out).
 * GRU:  `gates` post-activation r,z,n (3H), `hn` = W_hn·h_{t-1} + b_hn (H), `h` (H).
 * RNN:  `h` (H).
 * Fields a module does not use are empty arrays.
 */
export interface LayerTape {
  gates: Float64Array;
  c: Float64Array;
  m: Float64Array;
  hn: Float64Array;
  h: Float64Array;
}

/** What a layer's backward reads (upstream gradients) and writes (gradients of the loss). */
export interface LayerBackwardArgs {
  /** dL/dy per time step, or null. */
  dy: SequenceView | null;
  /** dL/dhN (N x H_out), or null. */
  dhN: Float64Array | null;
  /** dL/dcN (N x H), or null; LSTM only. */
  dcN: Float64Array | null;
  /** Added into: dL/dx, or null when not wanted (e.g. the input of a module whose input needs no gradient). */
  dx: SequenceView | null;
  /** Overwritten: dL/dh0 (N x H_out). */
  dh0: Float64Array;
  /** Overwritten: dL/dc0 (N x H); LSTM only. */
  dc0: Float64Array | null;
  /** Added into. */
  dWeights: LayerWeightGrads;
}

/** One direction of one layer, forward and backward, for each recurrent module. */
export interface LayerKernels {
  /** A short name for reports and benchmarks ("readable", "fast"). */
  name: string;
  lstmLayerForward(args: LayerForwardArgs): LayerTape;
  lstmLayerBackward(args: LayerForwardArgs, tape: LayerTape, grads: LayerBackwardArgs): void;
  gruLayerForward(args: LayerForwardArgs): LayerTape;
  gruLayerBackward(args: LayerForwardArgs, tape: LayerTape, grads: LayerBackwardArgs): void;
  rnnLayerForward(args: RnnLayerForwardArgs): LayerTape;
  rnnLayerBackward(args: RnnLayerForwardArgs, tape: LayerTape, grads: LayerBackwardArgs): void;
}

/** Time index of processing step s. */
export const timeOf = (dims: LayerDims, reverse: boolean, s: number): number => (reverse ? dims.seqLen - 1 - s : s);

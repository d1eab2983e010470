// Fast Elman RNN over one direction of one layer: the equations and tape of ../torch/rnn-layer.ts, with
// A = X·W_ihᵀ + b_ih + b_hh computed for all L*N rows at once into the tape's h, then per step
// A_s += H_{s-1}·W_hhᵀ over the whole batch and the nonlinearity applied in place. Backward keeps only
// dH_{s-1} = dA_s·W_hh in the time loop; the weight and input gradients are one product each afterwards.
import type { LayerBackwardArgs, LayerTape, RnnLayerForwardArgs } from '../torch/layer-seam.js';
import { gemmNT, gemmTN, transpose } from './gemm.js';
import { scratch } from './scratch.js';
import { addColumnSums, addRowsInto, addStep, denseRows, writeStep } from './sequence-rows.js';
import { tanhOneExp as tanh } from './tanh-one-exp.js';

const EMPTY = new Float64Array(0);

export function rnnLayerForwardFast(a: RnnLayerForwardArgs): LayerTape {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const { wIh, wHh, bIh, bHh } = a.weights;
  const relu = a.nonlinearity === 'relu';
  const rows = L * N;
  const tape: LayerTape = { gates: EMPTY, c: EMPTY, m: EMPTY, hn: EMPTY, h: new Float64Array(rows * H) };
  const { h } = tape;

  const x = denseRows(a.x, L, N, I, a.reverse, scratch('rnn.x', rows * I));
  gemmNT(rows, H, I, x.data, x.offset, I, wIh, 0, I, h, 0, H, false);
  if (bIh || bHh) {
    const bias = scratch('rnn.bias', H);
    for (let j = 0; j < H; j++) bias[j] = (bIh ? bIh[j]! : 0) + (bHh ? bHh[j]! : 0);
    for (let r = 0; r < rows; r++) {
      const row = r * H;
      for (let j = 0; j < H; j++) h[row + j]! += bias[j]!;
    }
  }

  for (let s = 0; s < L; s++) {
    const t = a.reverse ? L - 1 - s : s;
    const hPrev = s === 0 ? a.h0 : h;
    const hPrevOff = s === 0 ? 0 : (s - 1) * N * H;
    const off = s * N * H;
    gemmNT(N, H, H, hPrev, hPrevOff, H, wHh, 0, H, h, off, H, true);
    if (relu) for (let j = off; j < off + N * H; j++) h[j] = Math.max(0, h[j]!);
    else for (let j = off; j < off + N * H; j++) h[j] = tanh(h[j]!);
    writeStep(h, off, a.y, t, N, H);
  }

  if (L === 0) a.hN.set(a.h0.subarray(0, N * H));
  else a.hN.set(h.subarray((L - 1) * N * H, L * N * H));
  return tape;
}

export function rnnLayerBackwardFast(a: RnnLayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const { wIh, wHh } = a.weights;
  const relu = a.nonlinearity === 'relu';
  const dW = g.dWeights;
  const rows = L * N;
  const { h } = tape;

  const dA = scratch('rnn.dA', rows * H);
  const dhNext = scratch('rnn.dhNext', N * H);
  const wHhT = scratch('rnn.wHhT', H * H);
  transpose(H, H, wHh, 0, H, wHhT, 0, H);
  if (g.dhN) for (let j = 0; j < N * H; j++) dhNext[j] = g.dhN[j]!;
  else dhNext.fill(0, 0, N * H);

  for (let s = L - 1; s >= 0; s--) {
    const t = a.reverse ? L - 1 - s : s;
    if (g.dy) addStep(dhNext, 0, g.dy, t, N, H);
    const off = s * N * H;
    for (let j = 0; j < N * H; j++) {
      const hj = h[off + j]!;
      const d = dhNext[j]!;
      // PyTorch's relu gradient at exactly 0 is 0.
      dA[off + j] = relu ? (hj > 0 ? d : 0) : d * (1 - hj * hj);
    }
    gemmNT(N, H, H, dA, off, H, wHhT, 0, H, dhNext, 0, H, false);
  }
  for (let j = 0; j < N * H; j++) g.dh0[j] = dhNext[j]!;
  if (rows === 0) return;

  if (dW.wIh) {
    const x = denseRows(a.x, L, N, I, a.reverse, scratch('rnn.x', rows * I));
    gemmTN(H, I, rows, dA, 0, H, x.data, x.offset, I, dW.wIh, 0, I, true);
  }
  if (dW.wHh) {
    gemmTN(H, H, N, dA, 0, H, a.h0, 0, H, dW.wHh, 0, H, true);
    if (L > 1) gemmTN(H, H, rows - N, dA, N * H, H, h, 0, H, dW.wHh, 0, H, true);
  }
  if (dW.bIh) addColumnSums(dW.bIh, dA, rows, H);
  if (dW.bHh) addColumnSums(dW.bHh, dA, rows, H);
  if (g.dx) {
    const wIhT = scratch('rnn.wIhT', I * H);
    transpose(H, I, wIh, 0, I, wIhT, 0, H);
    const dX = scratch('rnn.dX', rows * I);
    gemmNT(rows, I, H, dA, 0, H, wIhT, 0, H, dX, 0, I, false);
    addRowsInto(dX, g.dx, L, N, I, a.reverse);
  }
}

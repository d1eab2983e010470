// Fast PyTorch-form GRU over one direction of one layer: the equations and tape of ../torch/gru-layer.ts (gate
// blocks r, z, n), reorganised around large matrix products:
//   forward:  A = X·W_ihᵀ + b_ih (+ b_hh for the r and z blocks) for all L*N rows at once; per step one
//             B = H_{s-1}·W_hhᵀ over the whole batch, then r, z from A + B and n = tanh(A_n + r*(B_n + b_hn)).
//             A becomes the tape's post-activation gates in place.
//   backward: per step the elementwise gradients and dH_{s-1} = dH*z + dA^h_s·W_hh; after the loop
//             dW_ih += dA^iᵀ·X, dW_hh += dA^hᵀ·H_prev and dX += dA^i·W_ih as one product each, where the input
//             side is dA^i = [da_r, da_z, da_n] and the hidden side dA^h = [da_r, da_z, da_n*r].
// Nothing is allocated inside the time loops; rows are processing-step-major (row s*N + n).
// Activations within a few ulps: the correctly rounded sigmoid/tanh would cost more than the products here.
import { sigmoidFast as sigmoid } from '../activations.js';
import type { LayerBackwardArgs, LayerForwardArgs, LayerTape } from '../torch/layer-seam.js';
import { gruRowGradients } from './gate-gradients.js';
import { gemmNT, gemmTN, transpose } from './gemm.js';
import { scratch } from './scratch.js';
import { addColumnSums, addRowsInto, addStep, denseRows, writeStep } from './sequence-rows.js';
import { tanhOneExp as tanh } from './tanh-one-exp.js';

const EMPTY = new Float64Array(0);

export function gruLayerForwardFast(a: LayerForwardArgs): LayerTape {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const G = 3 * H;
  const { wIh, wHh, bIh, bHh } = a.weights;
  const rows = L * N;
  const tape: LayerTape = {
    gates: new Float64Array(rows * G), c: EMPTY, m: EMPTY, hn: new Float64Array(rows * H), h: new Float64Array(rows * H),
  };
  const { gates, hn, h } = tape;

  const x = denseRows(a.x, L, N, I, a.reverse, scratch('gru.x', rows * I));
  gemmNT(rows, G, I, x.data, x.offset, I, wIh, 0, I, gates, 0, G, false);
  if (bIh || bHh) {
    // b_hn stays out: PyTorch applies r to (W_hn h + b_hn), so it is added to B's n block per step instead.
    const bias = scratch('gru.bias', G);
    for (let j = 0; j < G; j++) bias[j] = (bIh ? bIh[j]! : 0) + (bHh && j < 2 * H ? bHh[j]! : 0);
    for (let r = 0; r < rows; r++) {
      const row = r * G;
      for (let j = 0; j < G; j++) gates[row + j]! += bias[j]!;
    }
  }
  const hh = scratch('gru.hh', N * G);

  for (let s = 0; s < L; s++) {
    const t = a.reverse ? L - 1 - s : s;
    const hPrev = s === 0 ? a.h0 : h;
    const hPrevOff = s === 0 ? 0 : (s - 1) * N * H;
    gemmNT(N, G, H, hPrev, hPrevOff, H, wHh, 0, H, hh, 0, G, false);
    for (let n = 0; n < N; n++) {
      const gRow = (s * N + n) * G;
      const hhRow = n * G;
      const hRow = (s * N + n) * H;
      const hpRow = hPrevOff + n * H;
      for (let k = 0; k < H; k++) {
        const r = sigmoid(gates[gRow + k]! + hh[hhRow + k]!);
        const z = sigmoid(gates[gRow + H + k]! + hh[hhRow + H + k]!);
        const hnk = hh[hhRow + 2 * H + k]! + (bHh ? bHh[2 * H + k]! : 0);
        const nn = tanh(gates[gRow + 2 * H + k]! + r * hnk);
        gates[gRow + k] = r;
        gates[gRow + H + k] = z;
        gates[gRow + 2 * H + k] = nn;
        hn[hRow + k] = hnk;
        h[hRow + k] = (1 - z) * nn + z * hPrev[hpRow + k]!;
      }
    }
    writeStep(h, s * N * H, a.y, t, N, H);
  }

  if (L === 0) a.hN.set(a.h0.subarray(0, N * H));
  else a.hN.set(h.subarray((L - 1) * N * H, L * N * H));
  return tape;
}

export function gruLayerBackwardFast(a: LayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const G = 3 * H;
  const { wIh, wHh } = a.weights;
  const dW = g.dWeights;
  const rows = L * N;
  const { gates, hn, h } = tape;

  const dAi = scratch('gru.dAi', rows * G);
  const dAh = scratch('gru.dAh', rows * G);
  const dh = scratch('gru.dh', N * H);
  const dhNext = scratch('gru.dhNext', N * H);
  const wHhT = scratch('gru.wHhT', H * G);
  transpose(G, H, wHh, 0, H, wHhT, 0, G);
  if (g.dhN) for (let j = 0; j < N * H; j++) dhNext[j] = g.dhN[j]!;
  else dhNext.fill(0, 0, N * H);

  for (let s = L - 1; s >= 0; s--) {
    const t = a.reverse ? L - 1 - s : s;
    for (let j = 0; j < N * H; j++) dh[j] = dhNext[j]!;
    if (g.dy) addStep(dh, 0, g.dy, t, N, H);
    const hPrev = s === 0 ? a.h0 : h;
    const hPrevOff = s === 0 ? 0 : (s - 1) * N * H;
    for (let n = 0; n < N; n++) {
      const gRow = (s * N + n) * G;
      const hRow = (s * N + n) * H;
      const hpRow = hPrevOff + n * H;
      const nRow = n * H;
      gruRowGradients(H, dh, nRow, gates, gRow, hPrev, hpRow, hn, hRow, dAi, gRow, dAh, gRow, dhNext, nRow);
    }
    gemmNT(N, H, G, dAh, s * N * G, G, wHhT, 0, G, dhNext, 0, H, true);
  }
  for (let j = 0; j < N * H; j++) g.dh0[j] = dhNext[j]!;
  if (rows === 0) return;

  if (dW.wIh) {
    const x = denseRows(a.x, L, N, I, a.reverse, scratch('gru.x', rows * I));
    gemmTN(G, I, rows, dAi, 0, G, x.data, x.offset, I, dW.wIh, 0, I, true);
  }
  if (dW.wHh) {
    gemmTN(G, H, N, dAh, 0, G, a.h0, 0, H, dW.wHh, 0, H, true);
    if (L > 1) gemmTN(G, H, rows - N, dAh, N * G, G, h, 0, H, dW.wHh, 0, H, true);
  }
  if (dW.bIh) addColumnSums(dW.bIh, dAi, rows, G);
  if (dW.bHh) addColumnSums(dW.bHh, dAh, rows, G);
  if (g.dx) {
    const wIhT = scratch('gru.wIhT', I * G);
    transpose(G, I, wIh, 0, I, wIhT, 0, G);
    const dX = scratch('gru.dX', rows * I);
    gemmNT(rows, I, G, dAi, 0, G, wIhT, 0, G, dX, 0, I, false);
    addRowsInto(dX, g.dx, L, N, I, a.reverse);
  }
}

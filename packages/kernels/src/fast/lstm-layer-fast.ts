// Fast PyTorch-form LSTM over one direction of one layer: the same equations and tape as ../torch/lstm-layer.ts
// (gate blocks i, f, g, o), reorganised so that almost all the work is a few large matrix products:
//   forward:  A = X·W_ihᵀ + b_ih + b_hh for all L*N rows at once, then per step A_s += H_{s-1}·W_hhᵀ over the
//             whole batch, the gate nonlinearities in place (A becomes the tape's post-activation gates), and
//             H_s = M_s·W_hrᵀ with proj_size.
//   backward: per step only dM = dH·W_hr, the elementwise gate gradients and dH_{s-1} = dA_s·W_hh; after the loop
//             dW_ih += dAᵀ·X, dW_hh += dAᵀ·H_prev, dW_hr += dHᵀ·M and dX += dA·W_ih as one product each.
// Nothing is allocated inside the time loops: the tape is allocated once per forward, everything else comes from
// scratch (scratch.ts). Rows of every dense matrix are processing-step-major: row s*N + n.
// Activations within a few ulps: the correctly rounded sigmoid/tanh would cost more than the products here.
import { sigmoidFast as sigmoid } from '../activations.js';
import type { LayerBackwardArgs, LayerForwardArgs, LayerTape } from '../torch/layer-seam.js';
import { lstmRowGradients } from './gate-gradients.js';
import { gemmNT, gemmTN, transpose } from './gemm.js';
import { scratch } from './scratch.js';
import { addColumnSums, addRowsInto, addStep, denseRows, writeStep } from './sequence-rows.js';
import { tanhOneExp as tanh } from './tanh-one-exp.js';

const EMPTY = new Float64Array(0);

export function lstmLayerForwardFast(a: LayerForwardArgs): LayerTape {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: P } = a.dims;
  const Hout = P || H;
  const G = 4 * H;
  const { wIh, wHh, bIh, bHh, wHr } = a.weights;
  const c0 = a.c0!;
  const rows = L * N;
  const tape: LayerTape = {
    gates: new Float64Array(rows * G), c: new Float64Array(rows * H), m: new Float64Array(rows * H),
    hn: EMPTY, h: new Float64Array(rows * Hout),
  };
  const { gates, c, m, h } = tape;

  const x = denseRows(a.x, L, N, I, a.reverse, scratch('lstm.x', rows * I));
  gemmNT(rows, G, I, x.data, x.offset, I, wIh, 0, I, gates, 0, G, false);
  if (bIh || bHh) {
    const bias = scratch('lstm.bias', G);
    for (let j = 0; j < G; j++) bias[j] = (bIh ? bIh[j]! : 0) + (bHh ? bHh[j]! : 0);
    for (let r = 0; r < rows; r++) {
      const row = r * G;
      for (let j = 0; j < G; j++) gates[row + j]! += bias[j]!;
    }
  }

  for (let s = 0; s < L; s++) {
    const t = a.reverse ? L - 1 - s : s;
    const hPrev = s === 0 ? a.h0 : h;
    const hPrevOff = s === 0 ? 0 : (s - 1) * N * Hout;
    const cPrev = s === 0 ? c0 : c;
    const cPrevOff = s === 0 ? 0 : (s - 1) * N * H;
    gemmNT(N, G, Hout, hPrev, hPrevOff, Hout, wHh, 0, Hout, gates, s * N * G, G, true);
    for (let n = 0; n < N; n++) {
      const gRow = (s * N + n) * G;
      const cRow = (s * N + n) * H;
      const cpRow = cPrevOff + n * H;
      for (let k = 0; k < H; k++) {
        const i = sigmoid(gates[gRow + k]!);
        const f = sigmoid(gates[gRow + H + k]!);
        const g = tanh(gates[gRow + 2 * H + k]!);
        const o = sigmoid(gates[gRow + 3 * H + k]!);
        const cNew = f * cPrev[cpRow + k]! + i * g;
        gates[gRow + k] = i;
        gates[gRow + H + k] = f;
        gates[gRow + 2 * H + k] = g;
        gates[gRow + 3 * H + k] = o;
        c[cRow + k] = cNew;
        m[cRow + k] = o * tanh(cNew);
      }
    }
    if (wHr) gemmNT(N, P, H, m, s * N * H, H, wHr, 0, H, h, s * N * P, P, false);
    else for (let j = s * N * H; j < (s + 1) * N * H; j++) h[j] = m[j]!;
    writeStep(h, s * N * Hout, a.y, t, N, Hout);
  }

  if (L === 0) {
    a.hN.set(a.h0.subarray(0, N * Hout));
    a.cN!.set(c0.subarray(0, N * H));
  } else {
    a.hN.set(h.subarray((L - 1) * N * Hout, L * N * Hout));
    a.cN!.set(c.subarray((L - 1) * N * H, L * N * H));
  }
  return tape;
}

export function lstmLayerBackwardFast(a: LayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: P } = a.dims;
  const Hout = P || H;
  const G = 4 * H;
  const { wIh, wHh, wHr } = a.weights;
  const dW = g.dWeights;
  const c0 = a.c0!;
  const rows = L * N;
  const { gates, c, m, h } = tape;

  // dA: pre-activation gradients of every row; dH: dL/dh of every row (needed after the loop only for dW_hr).
  const dA = scratch('lstm.dA', rows * G);
  const dH = scratch('lstm.dH', (wHr ? rows : N) * Hout);
  const dM = wHr ? scratch('lstm.dM', N * H) : dH;
  const dhNext = scratch('lstm.dhNext', N * Hout);
  const dcNext = scratch('lstm.dcNext', N * H);
  const wHhT = scratch('lstm.wHhT', Hout * G);
  transpose(G, Hout, wHh, 0, Hout, wHhT, 0, G);
  const wHrT = wHr ? scratch('lstm.wHrT', H * P) : EMPTY;
  if (wHr) transpose(P, H, wHr, 0, H, wHrT, 0, P);
  if (g.dhN) for (let j = 0; j < N * Hout; j++) dhNext[j] = g.dhN[j]!;
  else dhNext.fill(0, 0, N * Hout);
  if (g.dcN) for (let j = 0; j < N * H; j++) dcNext[j] = g.dcN[j]!;
  else dcNext.fill(0, 0, N * H);

  for (let s = L - 1; s >= 0; s--) {
    const t = a.reverse ? L - 1 - s : s;
    const dhOff = wHr ? s * N * Hout : 0;
    for (let j = 0; j < N * Hout; j++) dH[dhOff + j] = dhNext[j]!;
    if (g.dy) addStep(dH, dhOff, g.dy, t, N, Hout);
    if (wHr) gemmNT(N, H, P, dH, dhOff, P, wHrT, 0, P, dM, 0, H, false);
    const cPrev = s === 0 ? c0 : c;
    const cPrevOff = s === 0 ? 0 : (s - 1) * N * H;
    for (let n = 0; n < N; n++) {
      const gRow = (s * N + n) * G;
      const cRow = (s * N + n) * H;
      const cpRow = cPrevOff + n * H;
      const nRow = n * H;
      lstmRowGradients(H, gates, gRow, c, cRow, cPrev, cpRow, dM, nRow, dcNext, nRow, dA, gRow);
    }
    gemmNT(N, Hout, G, dA, s * N * G, G, wHhT, 0, G, dhNext, 0, Hout, false);
  }
  for (let j = 0; j < N * Hout; j++) g.dh0[j] = dhNext[j]!;
  for (let j = 0; j < N * H; j++) g.dc0![j] = dcNext[j]!;
  if (rows === 0) return;

  if (dW.wIh || g.dx) {
    const x = denseRows(a.x, L, N, I, a.reverse, scratch('lstm.x', rows * I));
    if (dW.wIh) gemmTN(G, I, rows, dA, 0, G, x.data, x.offset, I, dW.wIh, 0, I, true);
  }
  if (dW.wHh) {
    gemmTN(G, Hout, N, dA, 0, G, a.h0, 0, Hout, dW.wHh, 0, Hout, true);
    if (L > 1) gemmTN(G, Hout, rows - N, dA, N * G, G, h, 0, Hout, dW.wHh, 0, Hout, true);
  }
  if (dW.wHr && wHr) gemmTN(P, H, rows, dH, 0, P, m, 0, H, dW.wHr, 0, H, true);
  if (dW.bIh) addColumnSums(dW.bIh, dA, rows, G);
  if (dW.bHh) addColumnSums(dW.bHh, dA, rows, G);
  if (g.dx) {
    const wIhT = scratch('lstm.wIhT', I * G);
    transpose(G, I, wIh, 0, I, wIhT, 0, G);
    const dX = scratch('lstm.dX', rows * I);
    gemmNT(rows, I, G, dA, 0, G, wIhT, 0, G, dX, 0, I, false);
    addRowsInto(dX, g.dx, L, N, I, a.reverse);
  }
}

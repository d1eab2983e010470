// The layer backwards of the fast kernels on the WebAssembly SIMD module: the plan and equations of
// ../lstm-layer-fast.ts, ../gru-layer-fast.ts and ../rnn-layer-fast.ts (per step only the elementwise gradients
// and dH_{s-1} = dA_s·W_hh; afterwards the weight and input gradients as one product each), with every operand in
// the module's memory so that all the products run as wasm gemmNT. The elementwise gradients stay JavaScript
// loops, on the memory's Float64Array view. Per call the weights, the tape, x and the states are copied in and the
// gradients out; what the seam adds into (dx, the weight gradients) is copied in, accumulated into and copied back.
// The previous hidden states are laid out as one block hAll = [h0; h_0; ...; h_{L-1}] (N rows per step), so step s
// reads h_{s-1} at row s*N and h_s at row (s+1)*N, and dW_hh += dAᵀ·hAll[0..L*N) is a single product.
// A layer too large for 32-bit offsets runs on the scalar path.
import type { LayerBackwardArgs, LayerForwardArgs, LayerTape, RnnLayerForwardArgs } from '../../torch/layer-seam.js';
import { gruLayerBackwardFast } from '../gru-layer-fast.js';
import { lstmLayerBackwardFast } from '../lstm-layer-fast.js';
import { rnnLayerBackwardFast } from '../rnn-layer-fast.js';
import { addColumnSums, addRowsInto, addStep, copyRowsIn } from '../sequence-rows.js';
import { gruRowGradients, lstmRowGradients } from '../gate-gradients.js';
import { layOut, requireSimdModule, type SimdExports } from './simd-module.js';

/** One call's products on the memory, with the scratch regions they transpose into. */
interface Products {
  fn: SimdExports;
  mem: Float64Array;
  /** Element offsets of two scratch regions big enough for any operand this call transposes. */
  aT: number;
  bT: number;
  /** dW region: big enough for any weight gradient of this call. */
  dW: number;
}

/** C (m x n at cOff) += Aᵀ·B for A (k x m) and B (k x n): both transposed into scratch, then one gemmNT. */
function gemmTN(p: Products, m: number, n: number, k: number, aOff: number, lda: number, bOff: number, ldb: number, cOff: number, ldc: number): void {
  p.fn.transpose(k, m, aOff, lda, p.aT, k);
  p.fn.transpose(k, n, bOff, ldb, p.bT, k);
  p.fn.gemmNT(m, n, k, p.aT, k, p.bT, k, cOff, ldc, 1);
}

/** dst += Aᵀ·B (a weight gradient, `rows` x `cols`), through the dW region. */
function addWeightGradient(p: Products, dst: Float64Array, rows: number, cols: number, k: number, aOff: number, lda: number, bOff: number, ldb: number): void {
  p.mem.set(dst.subarray(0, rows * cols), p.dW);
  gemmTN(p, rows, cols, k, aOff, lda, bOff, ldb, p.dW, cols);
  dst.set(p.mem.subarray(p.dW, p.dW + rows * cols));
}

/** dx += dA·W_ih (dA rows x G at dAOff, W_ih G x I): W_ih is copied in and transposed, the product added into dx. */
function addInputGradient(p: Products, a: LayerForwardArgs, g: LayerBackwardArgs, G: number, dAOff: number, at: { wIh: number; wIhT: number; dX: number }): void {
  const { seqLen: L, batch: N, inputSize: I } = a.dims;
  p.mem.set(a.weights.wIh.subarray(0, G * I), at.wIh);
  p.fn.transpose(G, I, at.wIh, I, at.wIhT, G);
  p.fn.gemmNT(L * N, I, G, dAOff, G, at.wIhT, G, at.dX, I, 0);
  addRowsInto(p.mem, g.dx!, L, N, I, a.reverse, at.dX);
}

/** Copies W (rows x cols) in and its transpose next to it. */
function weightsAndTranspose(p: Products, w: Float64Array, rows: number, cols: number, at: number, atT: number): void {
  p.mem.set(w.subarray(0, rows * cols), at);
  p.fn.transpose(rows, cols, at, cols, atT, rows);
}

/** hAll = [h0; tape.h] (see the file comment). */
function previousStates(mem: Float64Array, at: number, h0: Float64Array, h: Float64Array, rowsTimesWidth: number, stateSize: number): void {
  mem.set(h0.subarray(0, stateSize), at);
  mem.set(h.subarray(0, rowsTimesWidth), at + stateSize);
}

/**
 * After the steps: the input-side and state-side weight and bias gradients and dx, from the gates' pre-activation
 * gradients (`dAi` for the input side, `dAh` for the state side: one block except in the GRU, whose candidate
 * splits them), G columns each, with `stateWidth` the width of the states W_hh multiplies (hAll).
 */
function parameterAndInputGradients(p: Products, a: LayerForwardArgs, g: LayerBackwardArgs, G: number, stateWidth: number, dAi: number, dAh: number,
  at: { x: number; hAll: number; wIh: number; wIhT: number; dX: number }): void {
  const { seqLen: L, batch: N, inputSize: I } = a.dims;
  const rows = L * N;
  const dW = g.dWeights;
  if (dW.wIh) {
    copyRowsIn(a.x, L, N, I, a.reverse, p.mem, at.x);
    addWeightGradient(p, dW.wIh, G, I, rows, dAi, G, at.x, I);
  }
  if (dW.wHh) addWeightGradient(p, dW.wHh, G, stateWidth, rows, dAh, G, at.hAll, stateWidth);
  if (dW.bIh) addColumnSums(dW.bIh, p.mem, rows, G, dAi);
  if (dW.bHh) addColumnSums(dW.bHh, p.mem, rows, G, dAh);
  if (g.dx) addInputGradient(p, a, g, G, dAi, at);
}

const maxOf = (...sizes: number[]) => Math.max(0, ...sizes);

export function lstmLayerBackwardWasm(a: LayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const simd = requireSimdModule();
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: P } = a.dims;
  const Hout = P || H;
  const G = 4 * H;
  const rows = L * N;
  const { wHh, wHr } = a.weights;
  const dW = g.dWeights;
  const { at, total } = layOut({
    wHh: G * Hout, wHhT: Hout * G, wHr: P * H, wHrT: H * P, wIh: g.dx ? G * I : 0, wIhT: g.dx ? I * G : 0,
    gates: rows * G, c: rows * H, m: P ? rows * H : 0, hAll: (rows + N) * Hout, c0: N * H, x: dW.wIh ? rows * I : 0,
    dA: rows * G, dH: (P ? rows : N) * Hout, dM: P ? N * H : 0, dhNext: N * Hout, dcNext: N * H, dX: g.dx ? rows * I : 0,
    dW: maxOf(G * I, G * Hout, P * H), aT: rows * maxOf(G, P), bT: rows * maxOf(I, Hout, H),
  });
  const mem = simd.reserve(total);
  if (!mem) return lstmLayerBackwardFast(a, tape, g);
  const p: Products = { fn: simd.fn, mem, aT: at.aT, bT: at.bT, dW: at.dW };

  weightsAndTranspose(p, wHh, G, Hout, at.wHh, at.wHhT);
  if (wHr) weightsAndTranspose(p, wHr, P, H, at.wHr, at.wHrT);
  mem.set(tape.gates.subarray(0, rows * G), at.gates);
  mem.set(tape.c.subarray(0, rows * H), at.c);
  if (P) mem.set(tape.m.subarray(0, rows * H), at.m);
  previousStates(mem, at.hAll, a.h0, tape.h, rows * Hout, N * Hout);
  mem.set(a.c0!.subarray(0, N * H), at.c0);
  if (g.dhN) mem.set(g.dhN.subarray(0, N * Hout), at.dhNext);
  else mem.fill(0, at.dhNext, at.dhNext + N * Hout);
  if (g.dcN) mem.set(g.dcN.subarray(0, N * H), at.dcNext);
  else mem.fill(0, at.dcNext, at.dcNext + N * H);

  for (let s = L - 1; s >= 0; s--) {
    const t = a.reverse ? L - 1 - s : s;
    // dH keeps every step's rows with a projection (dW_hr needs them after the loop), one step's rows without.
    const dH = P ? at.dH + s * N * Hout : at.dH;
    mem.copyWithin(dH, at.dhNext, at.dhNext + N * Hout);
    if (g.dy) addStep(mem, dH, g.dy, t, N, Hout);
    if (P) simd.fn.gemmNT(N, H, P, dH, P, at.wHrT, P, at.dM, H, 0);
    const dM = P ? at.dM : dH;
    const cPrev = s === 0 ? at.c0 : at.c + (s - 1) * N * H;
    for (let n = 0; n < N; n++) {
      const gRow = at.gates + (s * N + n) * G;
      const aRow = at.dA + (s * N + n) * G;
      const cRow = at.c + (s * N + n) * H;
      const cpRow = cPrev + n * H;
      const mRow = dM + n * H;
      const dcRow = at.dcNext + n * H;
      lstmRowGradients(H, mem, gRow, mem, cRow, mem, cpRow, mem, mRow, mem, dcRow, mem, aRow);
    }
    simd.fn.gemmNT(N, Hout, G, at.dA + s * N * G, G, at.wHhT, G, at.dhNext, Hout, 0);
  }
  g.dh0.set(mem.subarray(at.dhNext, at.dhNext + N * Hout));
  g.dc0!.set(mem.subarray(at.dcNext, at.dcNext + N * H));
  if (rows === 0) return;

  parameterAndInputGradients(p, a, g, G, Hout, at.dA, at.dA, at);
  if (dW.wHr && P) addWeightGradient(p, dW.wHr, P, H, rows, at.dH, P, at.m, H);
}

export function gruLayerBackwardWasm(a: LayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const simd = requireSimdModule();
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const G = 3 * H;
  const rows = L * N;
  const dW = g.dWeights;
  const { at, total } = layOut({
    wHh: G * H, wHhT: H * G, wIh: g.dx ? G * I : 0, wIhT: g.dx ? I * G : 0,
    gates: rows * G, hn: rows * H, hAll: (rows + N) * H, x: dW.wIh ? rows * I : 0,
    dAi: rows * G, dAh: rows * G, dh: N * H, dhNext: N * H, dX: g.dx ? rows * I : 0,
    dW: maxOf(G * I, G * H), aT: rows * G, bT: rows * maxOf(I, H),
  });
  const mem = simd.reserve(total);
  if (!mem) return gruLayerBackwardFast(a, tape, g);
  const p: Products = { fn: simd.fn, mem, aT: at.aT, bT: at.bT, dW: at.dW };

  weightsAndTranspose(p, a.weights.wHh, G, H, at.wHh, at.wHhT);
  mem.set(tape.gates.subarray(0, rows * G), at.gates);
  mem.set(tape.hn.subarray(0, rows * H), at.hn);
  previousStates(mem, at.hAll, a.h0, tape.h, rows * H, N * H);
  if (g.dhN) mem.set(g.dhN.subarray(0, N * H), at.dhNext);
  else mem.fill(0, at.dhNext, at.dhNext + N * H);

  for (let s = L - 1; s >= 0; s--) {
    const t = a.reverse ? L - 1 - s : s;
    mem.copyWithin(at.dh, at.dhNext, at.dhNext + N * H);
    if (g.dy) addStep(mem, at.dh, g.dy, t, N, H);
    for (let n = 0; n < N; n++) {
      const gRow = at.gates + (s * N + n) * G;
      const iRow = at.dAi + (s * N + n) * G;
      const hRow = at.dAh + (s * N + n) * G;
      const hnRow = at.hn + (s * N + n) * H;
      const hpRow = at.hAll + (s * N + n) * H;
      const dRow = at.dh + n * H;
      const nextRow = at.dhNext + n * H;
      gruRowGradients(H, mem, dRow, mem, gRow, mem, hpRow, mem, hnRow, mem, iRow, mem, hRow, mem, nextRow);
    }
    simd.fn.gemmNT(N, H, G, at.dAh + s * N * G, G, at.wHhT, G, at.dhNext, H, 1);
  }
  g.dh0.set(mem.subarray(at.dhNext, at.dhNext + N * H));
  if (rows === 0) return;

  parameterAndInputGradients(p, a, g, G, H, at.dAi, at.dAh, at);
}

export function rnnLayerBackwardWasm(a: RnnLayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const simd = requireSimdModule();
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const rows = L * N;
  const relu = a.nonlinearity === 'relu';
  const dW = g.dWeights;
  const { at, total } = layOut({
    wHh: H * H, wHhT: H * H, wIh: g.dx ? H * I : 0, wIhT: g.dx ? I * H : 0,
    hAll: (rows + N) * H, x: dW.wIh ? rows * I : 0, dA: rows * H, dhNext: N * H, dX: g.dx ? rows * I : 0,
    dW: maxOf(H * I, H * H), aT: rows * H, bT: rows * maxOf(I, H),
  });
  const mem = simd.reserve(total);
  if (!mem) return rnnLayerBackwardFast(a, tape, g);
  const p: Products = { fn: simd.fn, mem, aT: at.aT, bT: at.bT, dW: at.dW };

  weightsAndTranspose(p, a.weights.wHh, H, H, at.wHh, at.wHhT);
  previousStates(mem, at.hAll, a.h0, tape.h, rows * H, N * H);
  if (g.dhN) mem.set(g.dhN.subarray(0, N * H), at.dhNext);
  else mem.fill(0, at.dhNext, at.dhNext + N * H);

  for (let s = L - 1; s >= 0; s--) {
    const t = a.reverse ? L - 1 - s : s;
    if (g.dy) addStep(mem, at.dhNext, g.dy, t, N, H);
    const dA = at.dA + s * N * H;
    const h = at.hAll + (s + 1) * N * H;
    for (let j = 0; j < N * H; j++) {
      const hj = mem[h + j]!;
      const d = mem[at.dhNext + j]!;
      // PyTorch's relu gradient at exactly 0 is 0.
      mem[dA + j] = relu ? (hj > 0 ? d : 0) : d * (1 - hj * hj);
    }
    simd.fn.gemmNT(N, H, H, dA, H, at.wHhT, H, at.dhNext, H, 0);
  }
  g.dh0.set(mem.subarray(at.dhNext, at.dhNext + N * H));
  if (rows === 0) return;

  parameterAndInputGradients(p, a, g, H, H, at.dA, at.dA, at);
}

// The layer forwards of the fast kernels on the WebAssembly SIMD module: the plan of ../lstm-layer-fast.ts,
// ../gru-layer-fast.ts and ../rnn-layer-fast.ts (one product for every input projection, then per step one
// recurrent product over the batch and the gates), with every operand in the module's memory. Per call the weights,
// x and the initial states are copied in once, the time loop runs as a few wasm calls per step, and the tape and
// outputs are copied out. The tape is the same as the scalar path's (backward-wasm.ts reads it; so could the
// scalar backward). A layer too large for 32-bit offsets runs on the scalar path.
import type { LayerForwardArgs, LayerTape, RnnLayerForwardArgs } from '../../torch/layer-seam.js';
import { gruLayerForwardFast } from '../gru-layer-fast.js';
import { lstmLayerForwardFast } from '../lstm-layer-fast.js';
import { rnnLayerForwardFast } from '../rnn-layer-fast.js';
import { copyRowsIn, writeRows } from '../sequence-rows.js';
import { layOut, requireSimdModule } from './simd-module.js';

const EMPTY = new Float64Array(0);

/** Fills `rows` rows of `width` at `at` with bias[j] (each row a copy of the first). */
function fillRows(mem: Float64Array, at: number, rows: number, width: number, bias: (j: number) => number): void {
  if (rows === 0) return;
  for (let j = 0; j < width; j++) mem[at + j] = bias(j);
  for (let r = 1; r < rows; r++) mem.copyWithin(at + r * width, at, at + width);
}

/**
 * One copy of mem[start, end) (one allocation for the whole tape), and views of it addressed by the memory offsets
 * their regions had.
 */
function copyOut(mem: Float64Array, start: number, end: number): (from: number, size: number) => Float64Array {
  const out = mem.slice(start, end);
  return (from, size) => out.subarray(from - start, from - start + size);
}

export function lstmLayerForwardWasm(a: LayerForwardArgs): LayerTape {
  const { fn, reserve } = requireSimdModule();
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: P } = a.dims;
  const Hout = P || H;
  const G = 4 * H;
  const { wIh, wHh, bIh, bHh, wHr } = a.weights;
  const rows = L * N;
  // The tape's four parts are laid out last and together, so one copy takes them all out.
  const { at, total } = layOut({
    wIh: G * I, wHh: G * Hout, wHr: P * H, x: rows * I, h0: N * Hout, c0: N * H,
    gates: rows * G, c: rows * H, m: rows * H, h: rows * Hout,
  });
  const mem = reserve(total);
  if (!mem) return lstmLayerForwardFast(a);
  // Without a projection h = m, so m's rows serve as the previous hidden state (and are copied to h at the end).
  const hAt = P ? at.h : at.m;

  mem.set(wIh.subarray(0, G * I), at.wIh);
  mem.set(wHh.subarray(0, G * Hout), at.wHh);
  if (wHr) mem.set(wHr.subarray(0, P * H), at.wHr);
  copyRowsIn(a.x, L, N, I, a.reverse, mem, at.x);
  mem.set(a.h0.subarray(0, N * Hout), at.h0);
  mem.set(a.c0!.subarray(0, N * H), at.c0);

  const bias = bIh || bHh;
  if (bias) fillRows(mem, at.gates, rows, G, (j) => (bIh ? bIh[j]! : 0) + (bHh ? bHh[j]! : 0));
  fn.gemmNT(rows, G, I, at.x, I, at.wIh, I, at.gates, G, bias ? 1 : 0);
  for (let s = 0; s < L; s++) {
    const hPrev = s === 0 ? at.h0 : hAt + (s - 1) * N * Hout;
    const cPrev = s === 0 ? at.c0 : at.c + (s - 1) * N * H;
    fn.gemmNT(N, G, Hout, hPrev, Hout, at.wHh, Hout, at.gates + s * N * G, G, 1);
    fn.lstmGates(N, H, at.gates + s * N * G, cPrev, at.c + s * N * H, at.m + s * N * H);
    if (P) fn.gemmNT(N, P, H, at.m + s * N * H, H, at.wHr, H, at.h + s * N * P, P, 0);
  }

  if (!P) mem.copyWithin(at.h, at.m, at.m + rows * H);
  const part = copyOut(mem, at.gates, total);
  const tape: LayerTape = { gates: part(at.gates, rows * G), c: part(at.c, rows * H), m: part(at.m, rows * H), hn: EMPTY, h: part(at.h, rows * Hout) };
  writeRows(tape.h, a.y, L, N, Hout, a.reverse);
  if (L === 0) {
    a.hN.set(a.h0.subarray(0, N * Hout));
    a.cN!.set(a.c0!.subarray(0, N * H));
  } else {
    a.hN.set(tape.h.subarray((L - 1) * N * Hout, L * N * Hout));
    a.cN!.set(tape.c.subarray((L - 1) * N * H, L * N * H));
  }
  return tape;
}

export function gruLayerForwardWasm(a: LayerForwardArgs): LayerTape {
  const { fn, reserve } = requireSimdModule();
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const G = 3 * H;
  const { wIh, wHh, bIh, bHh } = a.weights;
  const rows = L * N;
  const { at, total } = layOut({
    wIh: G * I, wHh: G * H, x: rows * I, h0: N * H, bhn: H, hh: N * G, gates: rows * G, hn: rows * H, h: rows * H,
  });
  const mem = reserve(total);
  if (!mem) return gruLayerForwardFast(a);

  mem.set(wIh.subarray(0, G * I), at.wIh);
  mem.set(wHh.subarray(0, G * H), at.wHh);
  copyRowsIn(a.x, L, N, I, a.reverse, mem, at.x);
  mem.set(a.h0.subarray(0, N * H), at.h0);
  // b_hn stays out of A: PyTorch applies r to (W_hn h + b_hn), so the gates add it to hh's n block per step.
  for (let k = 0; k < H; k++) mem[at.bhn + k] = bHh ? bHh[2 * H + k]! : 0;
  const bias = bIh || bHh;
  if (bias) fillRows(mem, at.gates, rows, G, (j) => (bIh ? bIh[j]! : 0) + (bHh && j < 2 * H ? bHh[j]! : 0));
  fn.gemmNT(rows, G, I, at.x, I, at.wIh, I, at.gates, G, bias ? 1 : 0);
  for (let s = 0; s < L; s++) {
    const hPrev = s === 0 ? at.h0 : at.h + (s - 1) * N * H;
    fn.gemmNT(N, G, H, hPrev, H, at.wHh, H, at.hh, G, 0);
    fn.gruGates(N, H, at.gates + s * N * G, at.hh, at.bhn, hPrev, at.hn + s * N * H, at.h + s * N * H);
  }

  const part = copyOut(mem, at.gates, total);
  const tape: LayerTape = { gates: part(at.gates, rows * G), c: EMPTY, m: EMPTY, hn: part(at.hn, rows * H), h: part(at.h, rows * H) };
  writeRows(tape.h, a.y, L, N, H, a.reverse);
  if (L === 0) a.hN.set(a.h0.subarray(0, N * H));
  else a.hN.set(tape.h.subarray((L - 1) * N * H, L * N * H));
  return tape;
}

export function rnnLayerForwardWasm(a: RnnLayerForwardArgs): LayerTape {
  const { fn, reserve } = requireSimdModule();
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const { wIh, wHh, bIh, bHh } = a.weights;
  const rows = L * N;
  const { at, total } = layOut({ wIh: H * I, wHh: H * H, x: rows * I, h0: N * H, h: rows * H });
  const mem = reserve(total);
  if (!mem) return rnnLayerForwardFast(a);

  mem.set(wIh.subarray(0, H * I), at.wIh);
  mem.set(wHh.subarray(0, H * H), at.wHh);
  copyRowsIn(a.x, L, N, I, a.reverse, mem, at.x);
  mem.set(a.h0.subarray(0, N * H), at.h0);
  const bias = bIh || bHh;
  if (bias) fillRows(mem, at.h, rows, H, (j) => (bIh ? bIh[j]! : 0) + (bHh ? bHh[j]! : 0));
  fn.gemmNT(rows, H, I, at.x, I, at.wIh, I, at.h, H, bias ? 1 : 0);
  const relu = a.nonlinearity === 'relu' ? 1 : 0;
  for (let s = 0; s < L; s++) {
    const hPrev = s === 0 ? at.h0 : at.h + (s - 1) * N * H;
    fn.gemmNT(N, H, H, hPrev, H, at.wHh, H, at.h + s * N * H, H, 1);
    fn.rnnActivation(N * H, at.h + s * N * H, relu);
  }

  const tape: LayerTape = { gates: EMPTY, c: EMPTY, m: EMPTY, hn: EMPTY, h: mem.slice(at.h, at.h + rows * H) };
  writeRows(tape.h, a.y, L, N, H, a.reverse);
  if (L === 0) a.hN.set(a.h0.subarray(0, N * H));
  else a.hN.set(tape.h.subarray((L - 1) * N * H, L * N * H));
  return tape;
}

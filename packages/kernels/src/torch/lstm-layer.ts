// Readable PyTorch-form LSTM over one direction of one layer (torch.nn.LSTM). Gate blocks are stacked i, f, g, o
// in W_ih, W_hh, b_ih, b_hh. For each step, with h, c the previous states:
//   i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
//   g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
//   c' = f*c + i*g    m = o*tanh(c')    h' = W_hr m  (with proj_size; otherwise h' = m)
// Backward (BPTT), with dh = dL/dh' (from the output and the next step) and dc the cell gradient from the next step:
//   dm = W_hrᵀ dh (dW_hr += dh ⊗ m)    dc' = dc + dm*o*(1 - tanh²c')
//   da_i = dc'*g*i(1-i)   da_f = dc'*c*f(1-f)   da_g = dc'*i*(1-g²)   da_o = dm*tanh(c')*o(1-o)
//   dc = dc'*f    dh = W_hhᵀ da    dx += W_ihᵀ da    dW_ih += da ⊗ x    dW_hh += da ⊗ h    db_ih, db_hh += da
// Buffer conventions: layer-seam.ts.
import { sigmoid, tanh } from '../activations.js';
import { addMatTVec, addMatVec, addOuter } from './linear.js';
import { timeOf, type LayerBackwardArgs, type LayerForwardArgs, type LayerTape } from './layer-seam.js';

export function lstmLayerForward(a: LayerForwardArgs): LayerTape {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: P } = a.dims;
  const Hout = P || H;
  const { wIh, wHh, bIh, bHh, wHr } = a.weights;
  const c0 = a.c0!;
  const tape: LayerTape = {
    gates: new Float64Array(L * N * 4 * H), c: new Float64Array(L * N * H), m: new Float64Array(L * N * H),
    hn: new Float64Array(0), h: new Float64Array(L * N * Hout),
  };
  const pre = new Float64Array(4 * H);
  for (let s = 0; s < L; s++) {
    const t = timeOf(a.dims, a.reverse, s);
    for (let n = 0; n < N; n++) {
      const row = s * N + n;
      const [hPrev, hOff] = s === 0 ? [a.h0, n * Hout] : [tape.h, (row - N) * Hout];
      const [cPrev, cOff] = s === 0 ? [c0, n * H] : [tape.c, (row - N) * H];
      for (let k = 0; k < 4 * H; k++) pre[k] = (bIh ? bIh[k]! : 0) + (bHh ? bHh[k]! : 0);
      addMatVec(pre, 0, wIh, 4 * H, I, a.x.data, a.x.offset + t * a.x.strideT + n * a.x.strideN);
      addMatVec(pre, 0, wHh, 4 * H, Hout, hPrev, hOff);
      const gOff = row * 4 * H;
      for (let k = 0; k < H; k++) {
        const i = sigmoid(pre[k]!);
        const f = sigmoid(pre[H + k]!);
        const g = tanh(pre[2 * H + k]!);
        const o = sigmoid(pre[3 * H + k]!);
        const c = f * cPrev[cOff + k]! + i * g;
        tape.gates[gOff + k] = i;
        tape.gates[gOff + H + k] = f;
        tape.gates[gOff + 2 * H + k] = g;
        tape.gates[gOff + 3 * H + k] = o;
        tape.c[row * H + k] = c;
        tape.m[row * H + k] = o * tanh(c);
      }
      if (wHr) addMatVec(tape.h, row * Hout, wHr, P, H, tape.m, row * H);
      else tape.h.set(tape.m.subarray(row * H, row * H + H), row * Hout);
      a.y.data.set(tape.h.subarray(row * Hout, row * Hout + Hout), a.y.offset + t * a.y.strideT + n * a.y.strideN);
    }
  }
  a.hN.set(L === 0 ? a.h0.subarray(0, N * Hout) : tape.h.subarray((L - 1) * N * Hout, L * N * Hout));
  a.cN!.set(L === 0 ? c0.subarray(0, N * H) : tape.c.subarray((L - 1) * N * H, L * N * H));
  return tape;
}

export function lstmLayerBackward(a: LayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: P } = a.dims;
  const Hout = P || H;
  const { wIh, wHh, wHr } = a.weights;
  const dW = g.dWeights;
  const c0 = a.c0!;
  // Gradients flowing into step s from step s+1 (initially from hN, cN).
  const dhNext = g.dhN ? g.dhN.slice(0, N * Hout) : new Float64Array(N * Hout);
  const dcNext = g.dcN ? g.dcN.slice(0, N * H) : new Float64Array(N * H);
  const dh = new Float64Array(Hout);
  const dm = new Float64Array(H);
  const da = new Float64Array(4 * H);
  for (let s = L - 1; s >= 0; s--) {
    const t = timeOf(a.dims, a.reverse, s);
    for (let n = 0; n < N; n++) {
      const row = s * N + n;
      const [hPrev, hOff] = s === 0 ? [a.h0, n * Hout] : [tape.h, (row - N) * Hout];
      const [cPrev, cOff] = s === 0 ? [c0, n * H] : [tape.c, (row - N) * H];
      for (let k = 0; k < Hout; k++) dh[k] = dhNext[n * Hout + k]! + (g.dy ? g.dy.data[g.dy.offset + t * g.dy.strideT + n * g.dy.strideN + k]! : 0);
      if (wHr) {
        dm.fill(0);
        addMatTVec(dm, 0, wHr, P, H, dh, 0);
        if (dW.wHr) addOuter(dW.wHr, P, H, dh, 0, tape.m, row * H);
      } else dm.set(dh);
      const gOff = row * 4 * H;
      for (let k = 0; k < H; k++) {
        const i = tape.gates[gOff + k]!;
        const f = tape.gates[gOff + H + k]!;
        const gg = tape.gates[gOff + 2 * H + k]!;
        const o = tape.gates[gOff + 3 * H + k]!;
        const tc = tanh(tape.c[row * H + k]!);
        const dc = dcNext[n * H + k]! + dm[k]! * o * (1 - tc * tc);
        da[k] = dc * gg * i * (1 - i);
        da[H + k] = dc * cPrev[cOff + k]! * f * (1 - f);
        da[2 * H + k] = dc * i * (1 - gg * gg);
        da[3 * H + k] = dm[k]! * tc * o * (1 - o);
        dcNext[n * H + k] = dc * f;
      }
      const xOff = a.x.offset + t * a.x.strideT + n * a.x.strideN;
      if (dW.wIh) addOuter(dW.wIh, 4 * H, I, da, 0, a.x.data, xOff);
      if (dW.wHh) addOuter(dW.wHh, 4 * H, Hout, da, 0, hPrev, hOff);
      if (dW.bIh) for (let k = 0; k < 4 * H; k++) dW.bIh[k]! += da[k]!;
      if (dW.bHh) for (let k = 0; k < 4 * H; k++) dW.bHh[k]! += da[k]!;
      if (g.dx) addMatTVec(g.dx.data, g.dx.offset + t * g.dx.strideT + n * g.dx.strideN, wIh, 4 * H, I, da, 0);
      dhNext.fill(0, n * Hout, n * Hout + Hout);
      addMatTVec(dhNext, n * Hout, wHh, 4 * H, Hout, da, 0);
    }
  }
  g.dh0.set(dhNext);
  g.dc0!.set(dcNext);
}

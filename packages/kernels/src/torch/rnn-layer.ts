// Readable Elman RNN over one direction of one layer (torch.nn.RNN):
//   h' = act(W_ih x + b_ih + W_hh h + b_hh),  act = tanh or relu
// Backward, with dh = dL/dh' from the output and the next step:
//   da = dh * act'(a), where tanh' = 1 - h'² and relu' = 1 if h' > 0 else 0 (PyTorch's choice at 0)
//   dx += W_ihᵀ da   dh_prev = W_hhᵀ da   dW_ih += da ⊗ x   dW_hh += da ⊗ h   db_ih, db_hh += da
// Buffer conventions: layer-seam.ts.
import { tanh } from '../activations.js';
import { addMatTVec, addMatVec, addOuter } from './linear.js';
import { timeOf, type LayerBackwardArgs, type LayerTape, type RnnLayerForwardArgs } from './layer-seam.js';

export function rnnLayerForward(a: RnnLayerForwardArgs): LayerTape {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const { wIh, wHh, bIh, bHh } = a.weights;
  const relu = a.nonlinearity === 'relu';
  const empty = new Float64Array(0);
  const tape: LayerTape = { gates: empty, c: empty, m: empty, hn: empty, h: new Float64Array(L * N * H) };
  const pre = new Float64Array(H);
  for (let s = 0; s < L; s++) {
    const t = timeOf(a.dims, a.reverse, s);
    for (let n = 0; n < N; n++) {
      const row = s * N + n;
      const [hPrev, hOff] = s === 0 ? [a.h0, n * H] : [tape.h, (row - N) * H];
      for (let k = 0; k < H; k++) pre[k] = (bIh ? bIh[k]! : 0) + (bHh ? bHh[k]! : 0);
      addMatVec(pre, 0, wIh, H, I, a.x.data, a.x.offset + t * a.x.strideT + n * a.x.strideN);
      addMatVec(pre, 0, wHh, H, H, hPrev, hOff);
      for (let k = 0; k < H; k++) tape.h[row * H + k] = relu ? Math.max(0, pre[k]!) : tanh(pre[k]!);
      a.y.data.set(tape.h.subarray(row * H, row * H + H), a.y.offset + t * a.y.strideT + n * a.y.strideN);
    }
  }
  a.hN.set(L === 0 ? a.h0.subarray(0, N * H) : tape.h.subarray((L - 1) * N * H, L * N * H));
  return tape;
}

export function rnnLayerBackward(a: RnnLayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const { wIh, wHh } = a.weights;
  const relu = a.nonlinearity === 'relu';
  const dW = g.dWeights;
  const dhNext = g.dhN ? g.dhN.slice(0, N * H) : new Float64Array(N * H);
  const da = new Float64Array(H);
  for (let s = L - 1; s >= 0; s--) {
    const t = timeOf(a.dims, a.reverse, s);
    for (let n = 0; n < N; n++) {
      const row = s * N + n;
      const [hPrev, hOff] = s === 0 ? [a.h0, n * H] : [tape.h, (row - N) * H];
      for (let k = 0; k < H; k++) {
        const dh = dhNext[n * H + k]! + (g.dy ? g.dy.data[g.dy.offset + t * g.dy.strideT + n * g.dy.strideN + k]! : 0);
        const h = tape.h[row * H + k]!;
        da[k] = relu ? (h > 0 ? dh : 0) : dh * (1 - h * h);
      }
      const xOff = a.x.offset + t * a.x.strideT + n * a.x.strideN;
      if (dW.wIh) addOuter(dW.wIh, H, I, da, 0, a.x.data, xOff);
      if (dW.wHh) addOuter(dW.wHh, H, H, da, 0, hPrev, hOff);
      if (dW.bIh) for (let k = 0; k < H; k++) dW.bIh[k]! += da[k]!;
      if (dW.bHh) for (let k = 0; k < H; k++) dW.bHh[k]! += da[k]!;
      if (g.dx) addMatTVec(g.dx.data, g.dx.offset + t * g.dx.strideT + n * g.dx.strideN, wIh, H, I, da, 0);
      dhNext.fill(0, n * H, n * H + H);
      addMatTVec(dhNext, n * H, wHh, H, H, da, 0);
    }
  }
  g.dh0.set(dhNext);
}

// Readable PyTorch-form GRU over one direction of one layer (torch.nn.GRU). Gate blocks are stacked r, z, n in
// W_ih, W_hh, b_ih, b_hh. For each step, with h the previous state:
//   r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r*(W_hn h + b_hn))    h' = (1 - z)*n + z*h
// (Unlike the lecture form, r multiplies after the product and z weighs the old state.)
// Backward, with dh = dL/dh' from the output and the next step, and hn = W_hn h + b_hn:
//   da_n = dh*(1-z)*(1-n²)   da_z = dh*(h - n)*z(1-z)   da_r = da_n*hn*r(1-r)
//   input side [da_r, da_z, da_n], hidden side [da_r, da_z, da_n*r]:
//   dx += W_ihᵀ·input side   dh_prev = dh*z + W_hhᵀ·hidden side   dW_ih += input side ⊗ x   dW_hh += hidden side ⊗ h
// Buffer conventions: layer-seam.ts.
import { sigmoid, tanh } from '../activations.js';
import { addMatTVec, addMatVec, addOuter } from './linear.js';
import { timeOf, type LayerBackwardArgs, type LayerForwardArgs, type LayerTape } from './layer-seam.js';

export function gruLayerForward(a: LayerForwardArgs): LayerTape {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const { wIh, wHh, bIh, bHh } = a.weights;
  const tape: LayerTape = {
    gates: new Float64Array(L * N * 3 * H), c: new Float64Array(0), m: new Float64Array(0),
    hn: new Float64Array(L * N * H), h: new Float64Array(L * N * H),
  };
  const gi = new Float64Array(3 * H);
  const gh = new Float64Array(3 * H);
  for (let s = 0; s < L; s++) {
    const t = timeOf(a.dims, a.reverse, s);
    for (let n = 0; n < N; n++) {
      const row = s * N + n;
      const [hPrev, hOff] = s === 0 ? [a.h0, n * H] : [tape.h, (row - N) * H];
      for (let k = 0; k < 3 * H; k++) {
        gi[k] = bIh ? bIh[k]! : 0;
        gh[k] = bHh ? bHh[k]! : 0;
      }
      addMatVec(gi, 0, wIh, 3 * H, I, a.x.data, a.x.offset + t * a.x.strideT + n * a.x.strideN);
      addMatVec(gh, 0, wHh, 3 * H, H, hPrev, hOff);
      const gOff = row * 3 * H;
      for (let k = 0; k < H; k++) {
        const r = sigmoid(gi[k]! + gh[k]!);
        const z = sigmoid(gi[H + k]! + gh[H + k]!);
        const nn = tanh(gi[2 * H + k]! + r * gh[2 * H + k]!);
        tape.gates[gOff + k] = r;
        tape.gates[gOff + H + k] = z;
        tape.gates[gOff + 2 * H + k] = nn;
        tape.hn[row * H + k] = gh[2 * H + k]!;
        tape.h[row * H + k] = (1 - z) * nn + z * hPrev[hOff + k]!;
      }
      a.y.data.set(tape.h.subarray(row * H, row * H + H), a.y.offset + t * a.y.strideT + n * a.y.strideN);
    }
  }
  a.hN.set(L === 0 ? a.h0.subarray(0, N * H) : tape.h.subarray((L - 1) * N * H, L * N * H));
  return tape;
}

export function gruLayerBackward(a: LayerForwardArgs, tape: LayerTape, g: LayerBackwardArgs): void {
  const { seqLen: L, batch: N, inputSize: I, hiddenSize: H } = a.dims;
  const { wIh, wHh } = a.weights;
  const dW = g.dWeights;
  const dhNext = g.dhN ? g.dhN.slice(0, N * H) : new Float64Array(N * H);
  const dai = new Float64Array(3 * H);
  const dah = new Float64Array(3 * H);
  for (let s = L - 1; s >= 0; s--) {
    const t = timeOf(a.dims, a.reverse, s);
    for (let n = 0; n < N; n++) {
      const row = s * N + n;
      const [hPrev, hOff] = s === 0 ? [a.h0, n * H] : [tape.h, (row - N) * H];
      const gOff = row * 3 * H;
      for (let k = 0; k < H; k++) {
        const dh = dhNext[n * H + k]! + (g.dy ? g.dy.data[g.dy.offset + t * g.dy.strideT + n * g.dy.strideN + k]! : 0);
        const r = tape.gates[gOff + k]!;
        const z = tape.gates[gOff + H + k]!;
        const nn = tape.gates[gOff + 2 * H + k]!;
        const daN = dh * (1 - z) * (1 - nn * nn);
        const daZ = dh * (hPrev[hOff + k]! - nn) * z * (1 - z);
        const daR = daN * tape.hn[row * H + k]! * r * (1 - r);
        dai[k] = daR;
        dai[H + k] = daZ;
        dai[2 * H + k] = daN;
        dah[k] = daR;
        dah[H + k] = daZ;
        dah[2 * H + k] = daN * r;
        dhNext[n * H + k] = dh * z;
      }
      const xOff = a.x.offset + t * a.x.strideT + n * a.x.strideN;
      if (dW.wIh) addOuter(dW.wIh, 3 * H, I, dai, 0, a.x.data, xOff);
      if (dW.wHh) addOuter(dW.wHh, 3 * H, H, dah, 0, hPrev, hOff);
      if (dW.bIh) for (let k = 0; k < 3 * H; k++) dW.bIh[k]! += dai[k]!;
      if (dW.bHh) for (let k = 0; k < 3 * H; k++) dW.bHh[k]! += dah[k]!;
      if (g.dx) addMatTVec(g.dx.data, g.dx.offset + t * g.dx.strideT + n * g.dx.strideN, wIh, 3 * H, I, dai, 0);
      addMatTVec(dhNext, n * H, wHh, 3 * H, H, dah, 0);
    }
  }
  g.dh0.set(dhNext);
}

// The lecture's equations on the student contract's plain types (shared/spec/exercises.md), used as the
// trusted reference by graders 01–05. `W` acts on the concatenation [h_{t-1}, x_t]: the first `hidden`
// columns multiply h_{t-1}, the rest multiply x_t.
//   f_t = σ(W_f·[h,x] + b_f)   i_t = σ(W_i·[h,x] + b_i)   C~_t = tanh(W_C·[h,x] + b_C)   o_t = σ(W_o·[h,x] + b_o)
//   C_t = f_t*C_{t-1} + i_t*C~_t                            h_t = o_t * tanh(C_t)
//   GRU: z_t = σ(W_z·[h,x] + b_z)   r_t = σ(W_r·[h,x] + b_r)   h~_t = tanh(W·[r_t*h, x] + b)
//        h_t = (1 - z_t)*h_{t-1} + z_t*h~_t
// Backward of one step (exercise 08) for L = sum(h_t*dh) + sum(C_t*dc) (LSTM) or L = sum(h_t*dh) (GRU):
//   LSTM: dC = dc + dh*o*(1 - tanh²C)   da_o = dh*tanh(C)*o(1-o)   da_f = dC*C_{t-1}*f(1-f)
//         da_i = dC*C~*i(1-i)   da_C = dC*i*(1 - C~²)   dC_{t-1} = dC*f
//         dW_g = da_g ⊗ [h,x]   db_g = da_g   d[h,x] = Σ_g W_gᵀ da_g
//   GRU:  da_h = dh*z*(1 - h~²) on [r*h, x]   da_z = dh*(h~ - h_{t-1})*z(1-z)
//         d(r*h) = W_hᵀ da_h (first `hidden` entries)   da_r = d(r*h)*h_{t-1}*r(1-r)
//         dh_{t-1} = dh*(1-z) + d(r*h)*r + (W_zᵀ da_z + W_rᵀ da_r)[:hidden]
import { sigmoid, tanh } from './activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }
export interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }
export interface GruParams { z: Gate; r: Gate; h: Gate }

/** W·[hPrev, x] + b */
export function preActivation(p: Gate, hPrev: Vector, x: Vector): Vector {
  const n = hPrev.length;
  return p.W.map((row, r) => {
    let s = p.b[r] ?? 0;
    for (let k = 0; k < n; k++) s += row[k]! * hPrev[k]!;
    for (let k = 0; k < x.length; k++) s += row[n + k]! * x[k]!;
    return s;
  });
}

export { sigmoid, tanh };

export const forgetGate = (p: Gate, hPrev: Vector, x: Vector): Vector => preActivation(p, hPrev, x).map(sigmoid);
export const inputGate = (p: Gate, hPrev: Vector, x: Vector): Vector => preActivation(p, hPrev, x).map(sigmoid);
export const candidateCell = (p: Gate, hPrev: Vector, x: Vector): Vector => preActivation(p, hPrev, x).map(tanh);
export const outputGate = (p: Gate, hPrev: Vector, x: Vector): Vector => preActivation(p, hPrev, x).map(sigmoid);

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return o.map((ok, k) => ok * tanh(c[k]!));
}

export function lstmCell(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector): { h: Vector; c: Vector } {
  const f = forgetGate(p.f, hPrev, x);
  const i = inputGate(p.i, hPrev, x);
  const cTilde = candidateCell(p.c, hPrev, x);
  const c = cellState(f, cPrev, i, cTilde);
  const o = outputGate(p.o, hPrev, x);
  return { h: hiddenState(o, c), c };
}

export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector): { hs: Vector[]; h: Vector; c: Vector } {
  let h = h0.slice();
  let c = c0.slice();
  const hs: Vector[] = [];
  for (const x of xs) {
    ({ h, c } = lstmCell(p, h, c, x));
    hs.push(h);
  }
  return { hs, h, c };
}

export const updateGate = (p: Gate, hPrev: Vector, x: Vector): Vector => preActivation(p, hPrev, x).map(sigmoid);
export const resetGate = (p: Gate, hPrev: Vector, x: Vector): Vector => preActivation(p, hPrev, x).map(sigmoid);

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  const gated = hPrev.map((hk, k) => r[k]! * hk);
  return preActivation(p, gated, x).map(tanh);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
  const z = updateGate(p.z, hPrev, x);
  const r = resetGate(p.r, hPrev, x);
  const hTilde = candidateHidden(p.h, r, hPrev, x);
  return gruHidden(z, hPrev, hTilde);
}

export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
  let h = h0.slice();
  const hs: Vector[] = [];
  for (const x of xs) {
    h = gruCell(p, h, x);
    hs.push(h);
  }
  return { hs, h };
}

/** dW = da ⊗ input (outer product), db = da: the gradient of a gate's parameters from its pre-activation's. */
function gateGrad(da: Vector, input: Vector): Gate {
  return { W: da.map((d) => input.map((v) => d * v)), b: da.slice() };
}

/** Adds Wᵀ·da into `into` (length of W's columns): the gradient flowing back to the concatenated input. */
function addTransposeProduct(into: Vector, W: Matrix, da: Vector): void {
  for (let r = 0; r < W.length; r++) {
    const row = W[r]!;
    const d = da[r]!;
    for (let k = 0; k < into.length; k++) into[k]! += row[k]! * d;
  }
}

/**
 * Gradients of one lecture LSTM step for L = sum(h_t*dh) + sum(C_t*dc); each field is dL/d(argument of that
 * name), and `dParams.f.W` is shaped like `p.f.W`.
 */
export function lstmCellBackward(
  p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector,
): { dx: Vector; dhPrev: Vector; dcPrev: Vector; dParams: { f: Gate; i: Gate; c: Gate; o: Gate } } {
  const hidden = hPrev.length;
  const hx = [...hPrev, ...x];
  const f = forgetGate(p.f, hPrev, x);
  const i = inputGate(p.i, hPrev, x);
  const cTilde = candidateCell(p.c, hPrev, x);
  const o = outputGate(p.o, hPrev, x);
  const c = cellState(f, cPrev, i, cTilde);
  const tanhC = c.map(tanh);
  const dC = c.map((_, k) => dc[k]! + dh[k]! * o[k]! * (1 - tanhC[k]! * tanhC[k]!));
  const daF = f.map((fk, k) => dC[k]! * cPrev[k]! * fk * (1 - fk));
  const daI = i.map((ik, k) => dC[k]! * cTilde[k]! * ik * (1 - ik));
  const daC = cTilde.map((ck, k) => dC[k]! * i[k]! * (1 - ck * ck));
  const daO = o.map((ok, k) => dh[k]! * tanhC[k]! * ok * (1 - ok));
  const dhx: Vector = new Array<number>(hx.length).fill(0);
  addTransposeProduct(dhx, p.f.W, daF);
  addTransposeProduct(dhx, p.i.W, daI);
  addTransposeProduct(dhx, p.c.W, daC);
  addTransposeProduct(dhx, p.o.W, daO);
  return {
    dx: dhx.slice(hidden),
    dhPrev: dhx.slice(0, hidden),
    dcPrev: dC.map((d, k) => d * f[k]!),
    dParams: { f: gateGrad(daF, hx), i: gateGrad(daI, hx), c: gateGrad(daC, hx), o: gateGrad(daO, hx) },
  };
}

/**
 * Gradients of one lecture GRU step for L = sum(h_t*dh); each field is dL/d(argument of that name), and
 * `dParams.z.W` is shaped like `p.z.W`.
 */
export function gruCellBackward(
  p: GruParams, hPrev: Vector, x: Vector, dh: Vector,
): { dx: Vector; dhPrev: Vector; dParams: { z: Gate; r: Gate; h: Gate } } {
  const hidden = hPrev.length;
  const hx = [...hPrev, ...x];
  const z = updateGate(p.z, hPrev, x);
  const r = resetGate(p.r, hPrev, x);
  const rh = hPrev.map((hk, k) => r[k]! * hk);
  const rhx = [...rh, ...x];
  const hTilde = candidateHidden(p.h, r, hPrev, x);
  const daH = hTilde.map((hk, k) => dh[k]! * z[k]! * (1 - hk * hk));
  const daZ = z.map((zk, k) => dh[k]! * (hTilde[k]! - hPrev[k]!) * zk * (1 - zk));
  const drhx: Vector = new Array<number>(rhx.length).fill(0);
  addTransposeProduct(drhx, p.h.W, daH);
  const daR = r.map((rk, k) => drhx[k]! * hPrev[k]! * rk * (1 - rk));
  const dhx: Vector = new Array<number>(hx.length).fill(0);
  addTransposeProduct(dhx, p.z.W, daZ);
  addTransposeProduct(dhx, p.r.W, daR);
  const dhPrev = hPrev.map((_, k) => dh[k]! * (1 - z[k]!) + drhx[k]! * r[k]! + dhx[k]!);
  const dx = x.map((_, k) => dhx[hidden + k]! + drhx[hidden + k]!);
  return { dx, dhPrev, dParams: { z: gateGrad(daZ, hx), r: gateGrad(daR, hx), h: gateGrad(daH, rhx) } };
}

function addGate(into: Gate, g: Gate): void {
  into.W.forEach((row, r) => row.forEach((_, k) => { row[k]! += g.W[r]![k]!; }));
  into.b.forEach((_, r) => { into.b[r]! += g.b[r]!; });
}

const zerosLike = (g: Gate): Gate => ({ W: g.W.map((row) => row.map(() => 0)), b: g.b.map(() => 0) });

/**
 * BPTT through `lstmForward` for L = Σ_t hs[t]·dhs[t] + h·dh + c·dc (dh, dc weigh the final state): each step
 * runs `lstmCellBackward` with the gradient arriving from the output at t plus the one carried back from t+1.
 */
export function lstmSequenceBackward(
  p: LstmParams, xs: Vector[], h0: Vector, c0: Vector, dhs: Vector[], dh: Vector, dc: Vector,
): { dxs: Vector[]; dh0: Vector; dc0: Vector; dParams: { f: Gate; i: Gate; c: Gate; o: Gate } } {
  const hPrev: Vector[] = [];
  const cPrev: Vector[] = [];
  let h = h0.slice();
  let c = c0.slice();
  for (const x of xs) {
    hPrev.push(h);
    cPrev.push(c);
    ({ h, c } = lstmCell(p, h, c, x));
  }
  const dParams = { f: zerosLike(p.f), i: zerosLike(p.i), c: zerosLike(p.c), o: zerosLike(p.o) };
  const dxs: Vector[] = new Array<Vector>(xs.length);
  let carryH = dh.slice();
  let carryC = dc.slice();
  for (let t = xs.length - 1; t >= 0; t--) {
    const dhT = carryH.map((v, k) => v + (dhs[t]?.[k] ?? 0));
    const g = lstmCellBackward(p, hPrev[t]!, cPrev[t]!, xs[t]!, dhT, carryC);
    dxs[t] = g.dx;
    carryH = g.dhPrev;
    carryC = g.dcPrev;
    addGate(dParams.f, g.dParams.f);
    addGate(dParams.i, g.dParams.i);
    addGate(dParams.c, g.dParams.c);
    addGate(dParams.o, g.dParams.o);
  }
  return { dxs, dh0: carryH, dc0: carryC, dParams };
}

/** BPTT through `gruForward` for L = Σ_t hs[t]·dhs[t] + h·dh, one `gruCellBackward` per step. */
export function gruSequenceBackward(
  p: GruParams, xs: Vector[], h0: Vector, dhs: Vector[], dh: Vector,
): { dxs: Vector[]; dh0: Vector; dParams: { z: Gate; r: Gate; h: Gate } } {
  const hPrev: Vector[] = [];
  let h = h0.slice();
  for (const x of xs) {
    hPrev.push(h);
    h = gruCell(p, h, x);
  }
  const dParams = { z: zerosLike(p.z), r: zerosLike(p.r), h: zerosLike(p.h) };
  const dxs: Vector[] = new Array<Vector>(xs.length);
  let carry = dh.slice();
  for (let t = xs.length - 1; t >= 0; t--) {
    const g = gruCellBackward(p, hPrev[t]!, xs[t]!, carry.map((v, k) => v + (dhs[t]?.[k] ?? 0)));
    dxs[t] = g.dx;
    carry = g.dhPrev;
    addGate(dParams.z, g.dParams.z);
    addGate(dParams.r, g.dParams.r);
    addGate(dParams.h, g.dParams.h);
  }
  return { dxs, dh0: carry, dParams };
}

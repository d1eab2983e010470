// The lecture's equations on the student contract's plain types (shared/spec/exercises.md), used as the
// trusted reference by graders 01–05. `W` acts on the concatenation [h_{t-1}, x_t]: the first `hidden`
// columns multiply h_{t-1}, the rest multiply x_t.
//   f_t = σ(W_f·[h,x] + b_f)   i_t = σ(W_i·[h,x] + b_i)   C~_t = tanh(W_C·[h,x] + b_C)   o_t = σ(W_o·[h,x] + b_o)
//   C_t = f_t*C_{t-1} + i_t*C~_t                            h_t = o_t * tanh(C_t)
//   GRU: z_t = σ(W_z·[h,x] + b_z)   r_t = σ(W_r·[h,x] + b_r)   h~_t = tanh(W·[r_t*h, x] + b)
//        h_t = (1 - z_t)*h_{t-1} + z_t*h~_t
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

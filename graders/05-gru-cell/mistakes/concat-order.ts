// Known mistake concat-order: every gate reads [x_t, h_{t-1}], so W's first columns meet x_t instead of h_{t-1}.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }
export interface GruParams { z: Gate; r: Gate; h: Gate }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function affine(p: Gate, v: Vector): Vector {
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!));
}

export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
  const z = affine(p.z, [...x, ...hPrev]).map(sigmoid);
  const r = affine(p.r, [...x, ...hPrev]).map(sigmoid);
  const hTilde = affine(p.h, [...x, ...hPrev.map((h, k) => r[k]! * h)]).map(Math.tanh);
  return hPrev.map((h, k) => (1 - z[k]!) * h + z[k]! * hTilde[k]!);
}

export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
  const hs: Vector[] = [];
  let h = h0;
  for (const x of xs) {
    h = gruCell(p, h, x);
    hs.push(h);
  }
  return { hs, h: h.slice() };
}

// Known mistake missing-bias: written from the slides, which show no biases; every b is ignored.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }
export interface GruParams { z: Gate; r: Gate; h: Gate }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function matVec(W: Matrix, v: Vector): Vector {
  return W.map((row) => row.reduce((s, w, k) => s + w * v[k]!, 0));
}

export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
  const z = matVec(p.z.W, [...hPrev, ...x]).map(sigmoid);
  const r = matVec(p.r.W, [...hPrev, ...x]).map(sigmoid);
  const hTilde = matVec(p.h.W, [...hPrev.map((h, k) => r[k]! * h), ...x]).map(Math.tanh);
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

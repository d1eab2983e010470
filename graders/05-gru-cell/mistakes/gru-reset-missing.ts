// Known mistake gru-reset-missing: the reset gate is computed and then forgotten; the candidate reads h_{t-1}.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }
export interface GruParams { z: Gate; r: Gate; h: Gate }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function affine(p: Gate, hPrev: Vector, x: Vector): Vector {
  const v = [...hPrev, ...x];
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!));
}

export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
  const z = affine(p.z, hPrev, x).map(sigmoid);
  const hTilde = affine(p.h, hPrev, x).map(Math.tanh);
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

// Known mistake gru-pytorch-interpolation: the step keeps the old state in proportion to z, as PyTorch's
// nn.GRU does, where the lecture keeps it in proportion to (1 - z).
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
  const r = affine(p.r, hPrev, x).map(sigmoid);
  const hTilde = affine(p.h, hPrev.map((h, k) => r[k]! * h), x).map(Math.tanh);
  return hPrev.map((h, k) => z[k]! * h + (1 - z[k]!) * hTilde[k]!);
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

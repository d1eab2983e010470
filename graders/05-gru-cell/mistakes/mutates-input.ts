// Known mistake mutates-input: gruForward updates the state array in place, and that array is the caller's h0.
// Every returned value is right.
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
  return hPrev.map((h, k) => (1 - z[k]!) * h + z[k]! * hTilde[k]!);
}

export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
  const h = h0;
  const hs: Vector[] = [];
  for (const x of xs) {
    const next = gruCell(p, h, x);
    for (let k = 0; k < h.length; k++) h[k] = next[k]!;
    hs.push([...h]);
  }
  return { hs, h: [...h] };
}

// Reference solution of exercise 05, written as a student would hand it in (self-contained, no imports).
// W acts on [h_{t-1}, x_t]: the first hPrev.length columns multiply h_{t-1}, the rest multiply x_t.

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }
export interface GruParams { z: Gate; r: Gate; h: Gate }

/** Never exponentiates a positive number, so it stays finite for every finite x. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** W . [h, x] + b */
function affine(p: Gate, h: Vector, x: Vector): Vector {
  const n = h.length;
  return p.W.map((row, j) => {
    let s = p.b[j]!;
    for (let k = 0; k < n; k++) s += row[k]! * h[k]!;
    for (let k = 0; k < x.length; k++) s += row[n + k]! * x[k]!;
    return s;
  });
}

export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
  const z = affine(p.z, hPrev, x).map(sigmoid);
  const r = affine(p.r, hPrev, x).map(sigmoid);
  const hTilde = affine(p.h, hPrev.map((h, k) => r[k]! * h), x).map(Math.tanh);
  return hPrev.map((h, k) => (1 - z[k]!) * h + z[k]! * hTilde[k]!);
}

export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
  const hs: Vector[] = [];
  let h = h0.slice();
  for (const x of xs) {
    h = gruCell(p, h, x);
    hs.push(h);
  }
  return { hs, h };
}

// Known mistake gru-reset-after-product: the reset gate multiplies W_h's h-part after the product, as in
// PyTorch's r * (W_hn h + b_hn), instead of scaling h_{t-1} before W_h sees it.
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
  const n = hPrev.length;
  const z = affine(p.z, hPrev, x).map(sigmoid);
  const r = affine(p.r, hPrev, x).map(sigmoid);
  const hTilde = p.h.W.map((row, j) => {
    const fromH = row.slice(0, n).reduce((s, w, k) => s + w * hPrev[k]!, 0);
    const fromX = row.slice(n).reduce((s, w, k) => s + w * x[k]!, 0);
    return Math.tanh(r[j]! * fromH + fromX + p.h.b[j]!);
  });
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

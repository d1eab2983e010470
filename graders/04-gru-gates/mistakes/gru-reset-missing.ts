// Known mistake gru-reset-missing: the candidate reads h_{t-1} directly; r is accepted and never used.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function affine(p: Gate, hPrev: Vector, x: Vector): Vector {
  const v = hPrev.concat(x);
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!));
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(Math.tanh);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

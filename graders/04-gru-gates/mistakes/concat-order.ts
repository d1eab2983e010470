// Known mistake concat-order: every gate builds its input as [x_t, h_{t-1}], so W's first columns meet x_t.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function affine(p: Gate, v: Vector): Vector {
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!));
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, [...x, ...hPrev]).map(sigmoid);
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, [...x, ...hPrev]).map(sigmoid);
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  return affine(p, [...x, ...hPrev.map((h, k) => r[k]! * h)]).map(Math.tanh);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

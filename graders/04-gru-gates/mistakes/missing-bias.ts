// Known mistake missing-bias: the slides' GRU has no biases, and this file follows the slides, leaving b out.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function matVec(W: Matrix, v: Vector): Vector {
  return W.map((row) => row.reduce((s, w, k) => s + w * v[k]!, 0));
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return matVec(p.W, [...hPrev, ...x]).map(sigmoid);
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return matVec(p.W, [...hPrev, ...x]).map(sigmoid);
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  return matVec(p.W, [...hPrev.map((h, k) => r[k]! * h), ...x]).map(Math.tanh);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

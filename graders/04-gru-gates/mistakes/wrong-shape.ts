// Known mistake wrong-shape: the gates treat vectors as columns (like W @ v[:, None] in numpy) and return an
// n x 1 matrix [[a], [b], ...] instead of a flat vector.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

/** W . v + b as a column vector. */
function affineColumn(p: Gate, v: Vector): Matrix {
  return p.W.map((row, j) => [row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!)]);
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Matrix {
  return affineColumn(p, [...hPrev, ...x]).map(([a]) => [sigmoid(a!)]);
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Matrix {
  return affineColumn(p, [...hPrev, ...x]).map(([a]) => [sigmoid(a!)]);
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Matrix {
  return affineColumn(p, [...hPrev.map((h, k) => r[k]! * h), ...x]).map(([a]) => [Math.tanh(a!)]);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

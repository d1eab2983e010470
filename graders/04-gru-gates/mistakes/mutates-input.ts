// Known mistake mutates-input: candidateHidden applies the reset gate to h_{t-1} in place, so the caller's
// hPrev comes back scaled by r. The values returned are right.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function affine(p: Gate, hPrev: Vector, x: Vector): Vector {
  const v = [...hPrev, ...x];
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!));
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  for (let k = 0; k < hPrev.length; k++) hPrev[k]! *= r[k]!;
  return affine(p, hPrev, x).map(Math.tanh);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

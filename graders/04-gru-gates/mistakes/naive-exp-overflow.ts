// Known mistake naive-exp-overflow: hand-written activations straight from their exp definitions. Right for
// ordinary inputs, but exp overflows to Infinity past |a| ~ 710 and Infinity / Infinity is NaN.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return Math.exp(a) / (Math.exp(a) + 1);
}

function tanh(a: number): number {
  return (Math.exp(a) - Math.exp(-a)) / (Math.exp(a) + Math.exp(-a));
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
  return affine(p, hPrev.map((h, k) => r[k]! * h), x).map(tanh);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function affine(p: Gate, h: Vector, x: Vector): Vector {
  const hx = h.concat(x);
  return p.W.map((row, r) => row.reduce((acc, w, c) => acc + w * hx[c]!, p.b[r]!));
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  const gated = hPrev.map((h, k) => r[k]! * h);
  return affine(p, gated, x).map(tanh);
}

// z decides how much of the old state to keep (as in torch.nn.GRU)
export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => zk * hPrev[k]! + (1 - zk) * hTilde[k]!);
}

// Known mistake gru-pytorch-interpolation: the new state keeps the old one in proportion to z, as PyTorch's
// nn.GRU does (h' = (1 - z) * n + z * h), where the lecture keeps it in proportion to (1 - z).
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

function gate(p: Gate, hPrev: Vector, x: Vector): Vector {
  const v = [...hPrev, ...x];
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!));
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return gate(p, hPrev, x).map(sigmoid);
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return gate(p, hPrev, x).map(sigmoid);
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  return gate(p, hPrev.map((h, k) => r[k]! * h), x).map(Math.tanh);
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => zk * hPrev[k]! + (1 - zk) * hTilde[k]!);
}

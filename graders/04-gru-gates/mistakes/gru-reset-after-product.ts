// Known mistake gru-reset-after-product: the reset gate scales W_h . h_{t-1} after the product (PyTorch's
// r * (W_hn h + b_hn)) instead of scaling h_{t-1} before W sees it.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  const v = [...hPrev, ...x];
  return p.W.map((row, j) => sigmoid(row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!)));
}

export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  const v = [...hPrev, ...x];
  return p.W.map((row, j) => sigmoid(row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!)));
}

export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  const n = hPrev.length;
  const out: Vector = [];
  for (let j = 0; j < p.W.length; j++) {
    const row = p.W[j]!;
    let fromH = 0;
    for (let k = 0; k < n; k++) fromH += row[k]! * hPrev[k]!;
    let fromX = 0;
    for (let k = 0; k < x.length; k++) fromX += row[n + k]! * x[k]!;
    out.push(Math.tanh(r[j]! * fromH + fromX + p.b[j]!));
  }
  return out;
}

export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  return z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);
}

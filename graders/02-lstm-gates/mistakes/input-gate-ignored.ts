// The candidate is added to the kept cell without passing through the input gate: C_t = f_t * C_{t-1} + C~_t.

type Vector = number[];
type Matrix = number[][];
interface Gate { W: Matrix; b: Vector }

/** Never exponentiates a positive number, so it stays finite for every finite a. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** W . [h, x] + b */
function affine(p: Gate, h: Vector, x: Vector): Vector {
  const n = h.length;
  return p.W.map((row, j) => {
    let s = p.b[j]!;
    for (let k = 0; k < n; k++) s += row[k]! * h[k]!;
    for (let k = 0; k < x.length; k++) s += row[n + k]! * x[k]!;
    return s;
  });
}

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(Math.tanh);
}

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return f.map((fk, k) => fk * cPrev[k]! + cTilde[k]!);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return o.map((ok, k) => ok * Math.tanh(c[k]!));
}

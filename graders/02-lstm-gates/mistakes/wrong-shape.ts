// The gates are computed as a matrix times a column vector, and the column (hidden x 1) is returned as is.

type Vector = number[];
type Matrix = number[][];
interface Gate { W: Matrix; b: Vector }

/** Never exponentiates a positive number, so it stays finite for every finite a. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** W . [h; x] + b with [h; x] as a column: the result is a column too. */
function affine(p: Gate, h: Vector, x: Vector): Matrix {
  const column = [...h, ...x].map((v) => [v]);
  return p.W.map((row, j) => [row.reduce((s, w, k) => s + w * column[k]![0]!, 0) + p.b[j]!]);
}

const apply = (m: Matrix, f: (a: number) => number): Matrix => m.map((row) => row.map(f));

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Matrix {
  return apply(affine(p, hPrev, x), sigmoid);
}

export function inputGate(p: Gate, hPrev: Vector, x: Vector): Matrix {
  return apply(affine(p, hPrev, x), sigmoid);
}

export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Matrix {
  return apply(affine(p, hPrev, x), Math.tanh);
}

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Matrix {
  return apply(affine(p, hPrev, x), sigmoid);
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return o.map((ok, k) => ok * Math.tanh(c[k]!));
}

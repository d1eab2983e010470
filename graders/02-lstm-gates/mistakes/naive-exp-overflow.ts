// The textbook formulas typed in directly: fine for ordinary inputs, NaN once exp overflows (|a| past 355 or 709).

type Vector = number[];
type Matrix = number[][];
interface Gate { W: Matrix; b: Vector }

function sigmoid(a: number): number {
  return Math.exp(a) / (Math.exp(a) + 1);
}

function tanh(a: number): number {
  return (Math.exp(2 * a) - 1) / (Math.exp(2 * a) + 1);
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
  return affine(p, hPrev, x).map(tanh);
}

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return affine(p, hPrev, x).map(sigmoid);
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return o.map((ok, k) => ok * tanh(c[k]!));
}

import * as act from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function zipWith(a: Vector, b: Vector, op: (p: number, q: number) => number): Vector {
  return Array.from({ length: a.length }, (_, idx) => op(a[idx]!, b[idx]!));
}

function matvec(m: Matrix, v: Vector): Vector {
  const result = new Array<number>(m.length).fill(0);
  m.forEach((row, r) => {
    row.forEach((w, c) => {
      result[r] += w * v[c]!;
    });
  });
  return result;
}

function gatePre(p: Gate, hPrev: Vector, x: Vector): Vector {
  return zipWith(matvec(p.W, [...hPrev, ...x]), p.b, (u, w) => u + w);
}

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return gatePre(p, hPrev, x).map((v) => act.sigmoid(v));
}

export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return gatePre(p, hPrev, x).map((v) => act.sigmoid(v));
}

export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  return gatePre(p, hPrev, x).map((v) => act.tanh(v));
}

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return zipWith(zipWith(f, cPrev, (u, w) => u * w), zipWith(i, cTilde, (u, w) => u * w), (u, w) => u + w);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return gatePre(p, hPrev, x).map((v) => act.sigmoid(v));
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return zipWith(o, c.map((v) => act.tanh(v)), (u, w) => u * w);
}

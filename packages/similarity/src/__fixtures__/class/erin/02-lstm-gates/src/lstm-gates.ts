import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

function computeGate(p: Gate, hPrev: Vector, x: Vector, useTanh: boolean): Vector {
  const n = p.b.length;
  const out = new Array<number>(n);
  let r = 0;
  while (r < n) {
    let total = p.b[r]!;
    let c = 0;
    const input = hPrev.concat(x);
    while (c < input.length) {
      total = total + p.W[r]![c]! * input[c]!;
      c = c + 1;
    }
    out[r] = useTanh ? tanh(total) : sigmoid(total);
    r = r + 1;
  }
  return out;
}

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector { return computeGate(p, hPrev, x, false); }
export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector { return computeGate(p, hPrev, x, false); }
export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector { return computeGate(p, hPrev, x, true); }
export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector { return computeGate(p, hPrev, x, false); }

export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  const next: Vector = [];
  f.forEach((_, k) => next.push(f[k]! * cPrev[k]! + i[k]! * cTilde[k]!));
  return next;
}

export function hiddenState(o: Vector, c: Vector): Vector {
  const h: Vector = [];
  o.forEach((_, k) => h.push(o[k]! * tanh(c[k]!)));
  return h;
}

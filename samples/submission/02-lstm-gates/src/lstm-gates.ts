import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

// W . [h, x] + b
function linear(p: Gate, hPrev: Vector, x: Vector): Vector {
  const hx = [...hPrev, ...x];
  const out: Vector = [];
  for (let r = 0; r < p.W.length; r++) {
    let sum = p.b[r]!;
    for (let c = 0; c < hx.length; c++) {
      sum += p.W[r]![c]! * hx[c]!;
    }
    out.push(sum);
  }
  return out;
}

export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return linear(p, hPrev, x).map(sigmoid);
}

export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return linear(p, hPrev, x).map(sigmoid);
}

export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  return linear(p, hPrev, x).map(tanh);
}

// new memory = input gate keeps the old cell, forget gate lets the candidate in
export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  return cPrev.map((c, k) => i[k]! * c + f[k]! * cTilde[k]!);
}

export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  return linear(p, hPrev, x).map(sigmoid);
}

export function hiddenState(o: Vector, c: Vector): Vector {
  return o.map((ok, k) => ok * tanh(c[k]!));
}

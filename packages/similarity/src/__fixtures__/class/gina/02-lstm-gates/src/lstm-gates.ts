// LSTM gates
import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

const inner = (a: number[], c: number[]): number => a.reduce((acc, ai, j) => acc + ai * c[j]!, 0);

// z = W [h, x] + b
const linear = (p: Gate, hp: Vector, xt: Vector): Vector => {
  const joined = hp.concat(xt);
  return p.W.map((w, n) => inner(w, joined) + p.b[n]!);
};

const makeGate = (fn: (v: number) => number) => (p: Gate, hp: Vector, xt: Vector): Vector => linear(p, hp, xt).map(fn);

export const forgetGate = makeGate(sigmoid);
export const inputGate = makeGate(sigmoid);
export const candidateCell = makeGate(tanh);
export const outputGate = makeGate(sigmoid);

export const cellState = (f: Vector, cp: Vector, i: Vector, ct: Vector): Vector =>
  f.map((fj, j) => fj * cp[j]! + i[j]! * ct[j]!);

export const hiddenState = (o: Vector, c: Vector): Vector => o.map((oj, j) => oj * tanh(c[j]!));

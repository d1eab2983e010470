import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }

const dot = (u: number[], v: number[]): number => u.reduce((sum, ui, k) => sum + ui * v[k]!, 0);

/** z = W [h, x] + b */
const affine = (g: Gate, h: Vector, x: Vector): Vector => {
  const hx = h.concat(x);
  return g.W.map((row, r) => dot(row, hx) + g.b[r]!);
};

const gate = (squash: (v: number) => number) => (g: Gate, h: Vector, x: Vector): Vector => affine(g, h, x).map(squash);

export const forgetGate = gate(sigmoid);
export const inputGate = gate(sigmoid);
export const candidateCell = gate(tanh);
export const outputGate = gate(sigmoid);

export const cellState = (f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector =>
  f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);

export const hiddenState = (o: Vector, c: Vector): Vector => o.map((ok, k) => ok * tanh(c[k]!));

// Exercise 03: a whole LSTM step, then a whole sequence (README.md has the equations and conventions).
// You may build on your gates: import { forgetGate, ... } from '../../02-lstm-gates/src/lstm-gates.js';
// Return new arrays; never write into an argument.

export type Vector = number[];
export type Matrix = number[][];
/** One gate's parameters: `W` is hidden x (hidden + input), `b` has length hidden. */
export interface Gate { W: Matrix; b: Vector }
/** The four gates' parameters: forget `f`, input `i`, candidate `c`, output `o`. */
export interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }

/** One step: from (h_{t-1}, C_{t-1}) and x_t to (h_t, C_t). */
export function lstmCell(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector): { h: Vector; c: Vector } {
  throw new Error('not implemented: lstmCell (03-lstm-cell)');
}

/**
 * Runs the cell over xs in order, starting from (h0, c0): hs[t] is h_t after reading xs[t]; h and c are the
 * last state (h0 and c0 themselves when xs is empty).
 */
export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector): { hs: Vector[]; h: Vector; c: Vector } {
  throw new Error('not implemented: lstmForward (03-lstm-cell)');
}

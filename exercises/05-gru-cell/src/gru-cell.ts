// Exercise 05: one GRU step from exercise 04's gates, then a whole sequence (README.md explains both).
// Build on your own gates if you like:
//   import { updateGate, resetGate, candidateHidden, gruHidden } from '../../04-gru-gates/src/gru-gates.js';
// Return new arrays; never write into an argument.

export type Vector = number[];
export type Matrix = number[][];
/** One gate's parameters: `W` is hidden x (hidden + input) and acts on [h_{t-1}, x_t]; `b` has length hidden. */
export interface Gate { W: Matrix; b: Vector }
/** The GRU's three weight sets: update gate `z`, reset gate `r`, candidate `h`. */
export interface GruParams { z: Gate; r: Gate; h: Gate }

/**
 * One step: z_t = sigmoid(W_z.[h_{t-1}, x_t] + b_z), r_t = sigmoid(W_r.[h_{t-1}, x_t] + b_r),
 * h~_t = tanh(W_h.[r_t * h_{t-1}, x_t] + b_h), and returns h_t = (1 - z_t) * h_{t-1} + z_t * h~_t.
 */
export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: gruCell (05-gru-cell)');
}

/**
 * Runs gruCell over xs in order, starting from h0. hs[t] is the state after reading xs[t]; h is the last
 * state (h0 itself when xs is empty).
 */
export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
  throw new Error('not implemented: gruForward (05-gru-cell)');
}

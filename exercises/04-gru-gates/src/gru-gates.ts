// Exercise 04: the lecture's GRU, one equation per function (README.md has the equations and conventions).
// Every W acts on the concatenation [h_{t-1}, x_t]: its first hPrev.length columns multiply h_{t-1}, the
// remaining columns multiply x_t. Return new arrays; never write into an argument.
// You may import your own activations: import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
/** One gate's parameters: `W` is hidden x (hidden + input), `b` has length hidden (it may be all zeros). */
export interface Gate { W: Matrix; b: Vector }

/** Update gate: z_t = sigmoid(W_z . [h_{t-1}, x_t] + b_z) */
export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: updateGate (04-gru-gates)');
}

/** Reset gate: r_t = sigmoid(W_r . [h_{t-1}, x_t] + b_r) */
export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: resetGate (04-gru-gates)');
}

/** Candidate state: h~_t = tanh(W . [r_t * h_{t-1}, x_t] + b) — the reset gate scales h_{t-1} before W sees it. */
export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: candidateHidden (04-gru-gates)');
}

/** New state: h_t = (1 - z_t) * h_{t-1} + z_t * h~_t */
export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
  throw new Error('not implemented: gruHidden (04-gru-gates)');
}

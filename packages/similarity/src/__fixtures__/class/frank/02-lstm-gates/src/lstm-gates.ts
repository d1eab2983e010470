// Exercise 02: the lecture's LSTM, one equation per function (README.md has the equations and conventions).
// Every W acts on the concatenation [h_{t-1}, x_t]: its first hPrev.length columns multiply h_{t-1}, the
// remaining columns multiply x_t. Return new arrays; never write into an argument.
// You may import your own activations: import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
/** One gate's parameters: `W` is hidden x (hidden + input), `b` has length hidden. */
export interface Gate { W: Matrix; b: Vector }

/** Forget gate: f_t = sigmoid(W_f . [h_{t-1}, x_t] + b_f) — how much of each entry of C_{t-1} to keep. */
export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: forgetGate (02-lstm-gates)');
}

/** Input gate: i_t = sigmoid(W_i . [h_{t-1}, x_t] + b_i) — how much of the candidate to write. */
export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: inputGate (02-lstm-gates)');
}

/** Candidate cell: C~_t = tanh(W_C . [h_{t-1}, x_t] + b_C) — the new values that could be written. */
export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: candidateCell (02-lstm-gates)');
}

/** Cell state: C_t = f_t * C_{t-1} + i_t * C~_t (element-wise products). */
export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  throw new Error('not implemented: cellState (02-lstm-gates)');
}

/** Output gate: o_t = sigmoid(W_o . [h_{t-1}, x_t] + b_o) — how much of the cell to show. */
export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  throw new Error('not implemented: outputGate (02-lstm-gates)');
}

/** Hidden state: h_t = o_t * tanh(C_t) (element-wise). */
export function hiddenState(o: Vector, c: Vector): Vector {
  throw new Error('not implemented: hiddenState (02-lstm-gates)');
}

// Exercise 02: the lecture's LSTM, one equation per function.
import { sigmoid, tanh } from '../../01-activations/src/activations.js';

export type Vector = number[];
export type Matrix = number[][];
/** One gate's parameters: `W` is hidden x (hidden + input), `b` has length hidden. */
export interface Gate { W: Matrix; b: Vector }

// W . [hPrev, x] + b, walking the concatenation without building it
function preActivation(p: Gate, hPrev: Vector, x: Vector): Vector {
  const out: Vector = [];
  for (let r = 0; r < p.W.length; r++) {
    const row = p.W[r];
    let acc = p.b[r];
    for (let c = 0; c < hPrev.length; c++) {
      acc += row[c] * hPrev[c];
    }
    for (let c = 0; c < x.length; c++) {
      acc += row[hPrev.length + c] * x[c];
    }
    out.push(acc);
  }
  return out;
}

/** Forget gate: f_t = sigmoid(W_f . [h_{t-1}, x_t] + b_f) — how much of each entry of C_{t-1} to keep. */
export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  const a = preActivation(p, hPrev, x);
  const f: Vector = [];
  for (const v of a) f.push(sigmoid(v));
  return f;
}

/** Input gate: i_t = sigmoid(W_i . [h_{t-1}, x_t] + b_i) — how much of the candidate to write. */
export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  const a = preActivation(p, hPrev, x);
  const i: Vector = [];
  for (const v of a) i.push(sigmoid(v));
  return i;
}

/** Candidate cell: C~_t = tanh(W_C . [h_{t-1}, x_t] + b_C) — the new values that could be written. */
export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector {
  const a = preActivation(p, hPrev, x);
  const c: Vector = [];
  for (const v of a) c.push(tanh(v));
  return c;
}

/** Cell state: C_t = f_t * C_{t-1} + i_t * C~_t (element-wise products). */
export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
  const c: Vector = [];
  for (let k = 0; k < f.length; k++) {
    c.push(f[k] * cPrev[k] + i[k] * cTilde[k]);
  }
  return c;
}

/** Output gate: o_t = sigmoid(W_o . [h_{t-1}, x_t] + b_o) — how much of the cell to show. */
export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector {
  const a = preActivation(p, hPrev, x);
  const o: Vector = [];
  for (const v of a) o.push(sigmoid(v));
  return o;
}

/** Hidden state: h_t = o_t * tanh(C_t) (element-wise). */
export function hiddenState(o: Vector, c: Vector): Vector {
  const h: Vector = [];
  for (let k = 0; k < o.length; k++) {
    h.push(o[k] * tanh(c[k]));
  }
  return h;
}

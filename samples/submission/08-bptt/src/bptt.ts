// Exercise 08: the backward pass of one lecture-form LSTM step and one lecture-form GRU step (README.md
// derives both). Each returned field is the gradient of the scalar loss with respect to the argument of
// the same name; `dParams.f.W` is shaped like `p.f.W`. Return new arrays; never write into an argument.

export type Vector = number[];
export type Matrix = number[][];
/** One gate's parameters: `W` is hidden x (hidden + input) and acts on [h_{t-1}, x_t]; `b` has length hidden. */
export interface Gate { W: Matrix; b: Vector }
/** Forget `f`, input `i`, candidate `c`, output `o`. */
export interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }
/** Update `z`, reset `r`, candidate `h`. */
export interface GruParams { z: Gate; r: Gate; h: Gate }

/**
 * Gradients of L = sum(h_t * dh) + sum(C_t * dc), where (h_t, C_t) is one lecture LSTM step from
 * (hPrev, cPrev, x): with respect to x, h_{t-1}, C_{t-1} and every gate's W and b.
 */
export function lstmCellBackward(
  p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector,
): { dx: Vector; dhPrev: Vector; dcPrev: Vector; dParams: { f: Gate; i: Gate; c: Gate; o: Gate } } {
  throw new Error('not implemented: lstmCellBackward (08-bptt)');
}

/**
 * Gradients of L = sum(h_t * dh), where h_t is one lecture GRU step from (hPrev, x): with respect to x,
 * h_{t-1} and every gate's W and b.
 */
export function gruCellBackward(
  p: GruParams, hPrev: Vector, x: Vector, dh: Vector,
): { dx: Vector; dhPrev: Vector; dParams: { z: Gate; r: Gate; h: Gate } } {
  throw new Error('not implemented: gruCellBackward (08-bptt)');
}

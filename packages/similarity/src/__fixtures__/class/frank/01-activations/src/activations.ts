// Exercise 01: the two squashing functions every LSTM and GRU gate is built from (README.md explains them).
// Both must be finite and correct for every finite x — including |x| in the hundreds, where Math.exp overflows.

/** Logistic sigmoid: sigmoid(x) = 1 / (1 + e^-x), always in (0, 1). */
export function sigmoid(x: number): number {
  throw new Error('not implemented: sigmoid (01-activations)');
}

/** Hyperbolic tangent: tanh(x) = (e^x - e^-x) / (e^x + e^-x), always in (-1, 1). */
export function tanh(x: number): number {
  throw new Error('not implemented: tanh (01-activations)');
}

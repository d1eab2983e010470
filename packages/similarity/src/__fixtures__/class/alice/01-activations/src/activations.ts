// Exercise 01: the two squashing functions every LSTM and GRU gate is built from (README.md explains them).

/** Logistic sigmoid, computed so that exp never sees a large positive argument. */
export function sigmoid(x: number): number {
  if (x >= 0) {
    const z = Math.exp(-x);
    return 1 / (1 + z);
  }
  const z = Math.exp(x);
  return z / (1 + z);
}

/** tanh through the sigmoid identity tanh(x) = 2 sigmoid(2x) - 1, stable for large |x|. */
export function tanh(x: number): number {
  if (x > 20) return 1;
  if (x < -20) return -1;
  const e2 = Math.exp(2 * x);
  return (e2 - 1) / (e2 + 1);
}

// tanh from sigmoid, but with the argument not doubled: 2*sigmoid(x) - 1 is tanh(x/2), not tanh(x).

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function tanh(x: number): number {
  return 2 * sigmoid(x) - 1;
}

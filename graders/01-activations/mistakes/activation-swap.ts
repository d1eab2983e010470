// A student who mixed the two up: each function computes the other one's formula.

export function sigmoid(x: number): number {
  return Math.tanh(x);
}

export function tanh(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

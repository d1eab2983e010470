// A sign slip in the exponent: 1 / (1 + e^x) is sigmoid(-x). tanh is right.

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(x));
}

export function tanh(x: number): number {
  return Math.tanh(x);
}

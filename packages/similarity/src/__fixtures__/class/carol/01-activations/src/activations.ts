export function sigmoid(x: number): number {
  return x < 0 ? Math.exp(x) / (Math.exp(x) + 1) : 1 / (Math.exp(-x) + 1);
}

export function tanh(x: number): number {
  return Math.tanh(x);
}

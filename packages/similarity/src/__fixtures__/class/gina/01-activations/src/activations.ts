export function sigmoid(x: number): number {
  if (x > 0) return 1 / (1 + Math.exp(-x));
  return Math.exp(x) / (1 + Math.exp(x));
}

export function tanh(x: number): number {
  const a = Math.exp(x), b = Math.exp(-x);
  if (!isFinite(a)) return 1;
  if (!isFinite(b)) return -1;
  return (a - b) / (a + b);
}

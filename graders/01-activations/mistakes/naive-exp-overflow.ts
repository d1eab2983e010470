// The textbook formulas typed in directly: right for ordinary x, but exp(x) is Infinity once x > 709,
// and Infinity / Infinity is NaN.

export function sigmoid(x: number): number {
  return Math.exp(x) / (Math.exp(x) + 1);
}

export function tanh(x: number): number {
  return (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x));
}

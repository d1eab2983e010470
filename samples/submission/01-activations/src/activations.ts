// sigmoid: I read that 1/(1+e^-x) can overflow for very negative x, so I split it in two.
export function sigmoid(x: number): number {
  if (x >= 0) {
    return 1 / (1 + Math.exp(-x));
  }
  const ex = Math.exp(x);
  return ex / (1 + ex);
}

// tanh straight from the definition on the slides
export function tanh(x: number): number {
  const a = Math.exp(x);
  const b = Math.exp(-x);
  return (a - b) / (a + b);
}

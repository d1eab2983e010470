const LIMIT = 500;

export function sigmoid(x: number): number {
  if (x < -LIMIT) return 0;
  if (x > LIMIT) return 1;
  return 1 / (1 + Math.pow(Math.E, -x));
}

export function tanh(x: number): number {
  return 2 * sigmoid(2 * x) - 1;
}

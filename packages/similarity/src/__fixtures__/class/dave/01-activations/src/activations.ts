// numerically safe versions
export function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const s = 1 / (1 + e);
  return x >= 0 ? s : 1 - s;
}

export function tanh(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  const t = (1 - e) / (1 + e);
  return x >= 0 ? t : -t;
}

// my activations

/** Logistic sigmoid: sigmoid(x) = 1 / (1 + e^-x), always in (0, 1). */
export function sigmoid(value: number): number
{
  if (value >= 0)
  {
    let t = Math.exp(-value)
    return 1 / (1 + t)
  }
  let t = Math.exp(value)
  return t / (1 + t)
}

/** Hyperbolic tangent */
export function tanh(value: number): number
{
  if (value > 30) return 1
  if (value < -30) return -1
  let ex = Math.exp(2 * value)
  return (ex - 1) / (ex + 1)
}

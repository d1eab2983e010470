// Activations that are finite and correct to rounding for every finite input.
// A naive `1 / (1 + exp(-x))` overflows exp for x < -709 (harmless: gives 0) but `exp(2x)`-based tanh
// overflows already at |x| > 355 and returns NaN; these forms only ever exponentiate non-positive numbers.

/** sigmoid(x) = 1 / (1 + e^-x), evaluated as e^x / (1 + e^x) for x < 0 so exp never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** tanh(x); Math.tanh is correctly rounded enough and saturates to ±1 without overflow. */
export function tanh(x: number): number {
  return Math.tanh(x);
}

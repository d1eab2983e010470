// Reference solution of exercise 01, written as a student would hand it in.
// Both forms only ever exponentiate a non-positive number, so neither can overflow.

/** sigmoid(x) = 1 / (1 + e^-x); for x < 0 the equal form e^x / (1 + e^x) keeps exp's argument <= 0. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** tanh(x) = (1 - e^-2|x|) / (1 + e^-2|x|) with the sign of x: e^-2|x| is at most 1. */
export function tanh(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  const t = (1 - e) / (1 + e);
  return x < 0 ? -t : t;
}

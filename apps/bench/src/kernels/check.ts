// Before an engine is timed, its numbers are checked against the float64 reference (gatecheck's readable
// kernels, themselves checked against PyTorch's golden files): an engine computing something else would be
// timed on a different problem.
import type { Results } from './problem.js';

export interface CheckResult {
  /** Largest |got - want| over every compared tensor, relative to that tensor's largest |want| (at least 1). */
  error: number;
  /** Where the largest error is. */
  where: string;
  ok: boolean;
}

/** Float64 engines must agree to rounding; float32 engines to float32 accumulation over the sequence. */
export const TOLERANCE = { float64: 1e-12, float32: 2e-4 } as const;

function compare(name: string, got: ArrayLike<number> | undefined, want: ArrayLike<number> | undefined, worst: { error: number; where: string }): void {
  if (want === undefined) return;
  if (got === undefined || got.length !== want.length) {
    worst.error = Infinity;
    worst.where = `${name}: ${got === undefined ? 'missing' : `length ${got.length}, expected ${want.length}`}`;
    return;
  }
  let scale = 1;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]!));
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i]! - want[i]!) / scale;
    if (!(e <= worst.error)) {
      worst.error = e;
      worst.where = `${name}[${i}]: ${got[i]} vs ${want[i]}`;
    }
  }
}

/** Compares the forward outputs (`part: 'forward'`) or the gradients (`'gradients'`) of two engines' results. */
export function check(got: Results, want: Results, tolerance: number, part: 'forward' | 'gradients'): CheckResult {
  const worst = { error: 0, where: '-' };
  if (part === 'forward') {
    if (!want.y || !want.hN) throw new Error('the reference has no forward outputs');
    compare('y', got.y, want.y, worst);
    compare('h_n', got.hN, want.hN, worst);
    compare('c_n', got.cN, want.cN, worst);
  } else {
    if (!want.grads) throw new Error('the reference has no gradients');
    if (!got.grads) return { error: Infinity, where: 'no gradients', ok: false };
    for (const k of ['x', 'wIh', 'wHh', 'bIh', 'bHh', 'h0', 'c0'] as const) compare(`d${k}`, got.grads[k], want.grads[k], worst);
  }
  return { ...worst, ok: worst.error <= tolerance };
}

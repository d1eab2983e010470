// Centred finite differences per gradient tensor, for holding the reference backward to its own forward.

/** A path into nested objects and arrays, e.g. ['p', 'f', 'W']. */
type Path = readonly string[];

const at = (root: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], root);

/** Every number slot under `value`, as [container, key] pairs, in a fixed order. */
function slots(value: unknown): Array<[Record<string | number, number>, string | number]> {
  if (Array.isArray(value)) {
    return value.flatMap((v, k) => (typeof v === 'number' ? [[value as unknown as Record<number, number>, k] as [Record<number, number>, number]] : slots(v)));
  }
  return Object.values(value as Record<string, unknown>).flatMap((v) => slots(v));
}

/**
 * dLoss/d(the tensor at `path` inside `args`) by (loss(θ + h) - loss(θ - h)) / 2h, entry by entry, with
 * h = step * max(1, |θ|). Returned flat, in the order `slots` visits the tensor.
 */
export function numericGradient<A>(args: A, path: Path, loss: (args: A) => number, step = 1e-5): number[] {
  const work = structuredClone(args);
  return slots(at(work, path)).map(([owner, key]) => {
    const theta = owner[key]!;
    const h = step * Math.max(1, Math.abs(theta));
    owner[key] = theta + h;
    const up = loss(work);
    owner[key] = theta - h;
    const down = loss(work);
    owner[key] = theta;
    return (up - down) / (2 * h);
  });
}

/** The numbers of a nested value, flat, in the order `numericGradient` uses. */
export const flatten = (value: unknown): number[] => (typeof value === 'number' ? [value] : slots(value).map(([o, k]) => o[k]!));

const norm = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/**
 * ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖, floor): the relative error of a whole tensor. The floor keeps
 * a tensor that is (nearly) zero from being judged on rounding noise: there the bound is absolute, floor * 1e-6.
 */
export function tensorRelativeError(analytic: number[], numeric: number[], floor = 1e-3): number {
  if (analytic.length !== numeric.length) throw new Error(`sizes differ: ${analytic.length} vs ${numeric.length}`);
  return norm(analytic.map((a, k) => a - numeric[k]!)) / Math.max(norm(analytic), norm(numeric), floor);
}

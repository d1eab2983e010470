// Centred finite differences over any nested structure of numbers (plain arrays, objects, Float64Arrays),
// so a backward pass can be checked against its own forward without hand-written index bookkeeping.

/** A value made of numbers: a number, an array/typed array of values, or an object of values. */
export type Numeric = number | Float64Array | readonly Numeric[] | { readonly [key: string]: Numeric };

function isRecord(v: unknown): v is Record<string, Numeric> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Float64Array);
}

/** Deep copy with the same shape (typed arrays stay typed). */
export function cloneNumeric<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Float64Array) return Float64Array.from(v) as T;
  if (Array.isArray(v)) return v.map((e: unknown) => cloneNumeric(e)) as unknown as T;
  const out: Record<string, Numeric> = {};
  for (const [k, e] of Object.entries(v as Record<string, Numeric>)) out[k] = cloneNumeric(e);
  return out as T;
}

/** Every writable slot holding a number: a container and its key. */
function slots(v: unknown, path: string, out: { owner: Record<string | number, number> | Float64Array; key: number | string; path: string }[]) {
  if (v instanceof Float64Array) {
    for (let k = 0; k < v.length; k++) out.push({ owner: v, key: k, path: `${path}[${k}]` });
  } else if (Array.isArray(v)) {
    v.forEach((e: unknown, k: number) => {
      if (typeof e === 'number') out.push({ owner: v as unknown as Record<number, number>, key: k, path: `${path}[${k}]` });
      else slots(e, `${path}[${k}]`, out);
    });
  } else if (isRecord(v)) {
    for (const [k, e] of Object.entries(v)) {
      if (typeof e === 'number') out.push({ owner: v as unknown as Record<string, number>, key: k, path: `${path}.${k}` });
      else slots(e, `${path}.${k}`, out);
    }
  }
}

/**
 * dLoss/dArgs by centred differences (loss(x+h) - loss(x-h)) / 2h, shaped like `args`.
 * The step is scaled by max(1, |x|) so large entries still move by more than rounding.
 */
export function numericGradient<T>(args: T, loss: (args: T) => number, step = 1e-5): T {
  const work = cloneNumeric(args);
  const grad = cloneNumeric(args);
  const workSlots: Parameters<typeof slots>[2] = [];
  const gradSlots: Parameters<typeof slots>[2] = [];
  slots(work, '', workSlots);
  slots(grad, '', gradSlots);
  workSlots.forEach((s, n) => {
    const owner = s.owner as Record<string | number, number>;
    const x = owner[s.key]!;
    const h = step * Math.max(1, Math.abs(x));
    owner[s.key] = x + h;
    const up = loss(work);
    owner[s.key] = x - h;
    const down = loss(work);
    owner[s.key] = x;
    const g = gradSlots[n]!;
    (g.owner as Record<string | number, number>)[g.key] = (up - down) / (2 * h);
  });
  return grad;
}

/**
 * The largest element-wise |a - n| / max(1, |a|, |n|) between two same-shaped structures, with the path of the
 * worst element; throws when the shapes differ (that is a bug in the test, not a tolerance question).
 */
export function maxRelativeError(analytic: unknown, numeric: unknown): { error: number; path: string } {
  const a: Parameters<typeof slots>[2] = [];
  const n: Parameters<typeof slots>[2] = [];
  slots(analytic, '', a);
  slots(numeric, '', n);
  if (a.length !== n.length) throw new Error(`gradient structures differ: ${a.length} vs ${n.length} numbers`);
  let worst = { error: 0, path: '' };
  a.forEach((s, k) => {
    const t = n[k]!;
    if (s.path !== t.path) throw new Error(`gradient structures differ at ${s.path} vs ${t.path}`);
    const x = (s.owner as Record<string | number, number>)[s.key]!;
    const y = (t.owner as Record<string | number, number>)[t.key]!;
    const error = Math.abs(x - y) / Math.max(1, Math.abs(x), Math.abs(y));
    if (!(error <= worst.error)) worst = { error, path: s.path };
  });
  return worst;
}

// Showing values to a person (rounded, NaN and Infinity spelled out) and storing them as plain JSON.

/** A number rounded to `digits` significant digits, without trailing zeros: 0.62245933 → `0.6225`, 1e-12 → `1e-12`. */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e15) return String(Number(x.toPrecision(digits)));
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  return `${String(Number(mantissa))}e${Number(exponent)}`;
}

/** Entries of one array shown before the rest are summarised (inputs are at most 16 wide; results can be anything). */
const MAX_SHOWN = 20;

/** A one-line rendering of nested arrays and objects of numbers: `{ W: [[0.5, -1]], b: [0] }`. */
export function formatValue(value: unknown, digits = 4): string {
  if (typeof value === 'number') return formatNumber(value, digits);
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_SHOWN).map((v) => formatValue(v, digits));
    if (value.length > MAX_SHOWN) shown.push(`… ${value.length - MAX_SHOWN} more`);
    return `[${shown.join(', ')}]`;
  }
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${k}: ${formatValue(v, digits)}`).join(', ')} }`;
  }
  return String(value);
}

/**
 * Enough significant digits to tell `a` and `b` apart (at least `min`, at most 17), so "expected 0.5, got 0.5"
 * never happens for a tiny error.
 */
export function digitsToDistinguish(a: number, b: number, min = 4): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return min;
  for (let d = min; d < 17; d++) if (formatNumber(a, d) !== formatNumber(b, d)) return d;
  return 17;
}

/** Numbers (and other leaves) in a value, counting no further than `limit`. */
export function countLeaves(value: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && n <= limit) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
    else n++;
  }
  return n;
}

/** A student's result as stored in a report: itself when reasonably small, else a note saying how large it was. */
export function reportableResult(value: unknown, limit = 5000): unknown {
  return countLeaves(value, limit) > limit ? `(a result with more than ${limit} values, not stored)` : toJsonSafe(value);
}

/** Plain JSON data: NaN and ±Infinity become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`; undefined becomes null. */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  return value;
}

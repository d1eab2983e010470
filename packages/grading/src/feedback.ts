// Feedback is read by a student who just ran the grader: say what was checked, on which small input, what was
// expected, what came back, by how much, and the likely reason — kindly and precisely, numbers rounded.
import type { Tolerance } from './definition.js';
import type { ErrorLocation } from './report.js';
import { digitsToDistinguish, formatNumber, formatValue } from './values.js';

/** The arguments as `name = value` lines, names aligned. */
export function formatInput(input: Record<string, unknown>): string {
  const names = Object.keys(input);
  const width = Math.max(0, ...names.map((n) => n.length));
  return names.map((n) => `  ${n.padEnd(width)} = ${formatValue(input[n])}`).join('\n');
}

/** `at h[2]: expected 0.7310586, got 0.7615942 (off by 0.03054, 4.18% of the expected value)` */
export function formatWorst(w: ErrorLocation, tol: Tolerance): string {
  const where = w.path === '' ? '' : ` at ${w.path}`;
  if (!Number.isFinite(w.actual)) {
    return `The first bad entry${where}: expected ${formatNumber(w.expected, 7)}, got ${formatNumber(w.actual)}.`;
  }
  const d = digitsToDistinguish(w.expected, w.actual, 7);
  const rel = Number.isFinite(w.relError) ? `, a relative error of ${formatRelative(w.relError)}` : '';
  return `The largest error is${where}: expected ${formatNumber(w.expected, d)}, got ${formatNumber(w.actual, d)} ` +
    `(off by ${formatNumber(w.absError, 3)}${rel}; allowed: ${formatTolerance(tol, w.expected)}).`;
}

function formatRelative(rel: number): string {
  return rel >= 1e-4 ? `${formatNumber(rel * 100, 3)}%` : formatNumber(rel, 2);
}

/** `1e-8 + 1e-5·|expected| ≈ 7.3e-6` */
export function formatTolerance(tol: Tolerance, expected?: number): string {
  const base = `${formatNumber(tol.atol)} + ${formatNumber(tol.rtol)}·|expected|`;
  if (expected === undefined || !Number.isFinite(expected)) return base;
  return `${base} = ${formatNumber(tol.atol + tol.rtol * Math.abs(expected), 2)}`;
}

/** "1 generated input" / "100 generated inputs" */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

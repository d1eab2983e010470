// numpy's `allclose` over nested number arrays and plain objects, with grading.md's extra rules: shapes must match
// first, and NaN or ±Infinity where the expected value is finite never passes. Reports where the worst error is.
import type { Tolerance } from './definition.js';
import type { ErrorLocation } from './report.js';

export type Comparison =
  | { ok: true; maxAbsError: number; maxRelError: number; worst: ErrorLocation | null }
  | { ok: false; reason: 'shape'; path: string; expectedShape: string; actualShape: string }
  | { ok: false; reason: 'values'; maxAbsError: number; maxRelError: number; worst: ErrorLocation;
      /** Paths of entries that are NaN or ±Infinity where a finite value was expected. */
      nonFinite: string[]; mismatches: number; total: number };

interface Walk {
  maxAbs: number;
  maxRel: number;
  worst: ErrorLocation | null;
  worstScore: number;
  nonFinite: string[];
  mismatches: number;
  total: number;
  shape: { path: string; expectedShape: string; actualShape: string } | null;
}

/** One entry passes when |a - e| <= atol + rtol * |e|; `equalNaN` lets NaN match NaN and same-signed infinities match. */
export function closeNumbers(expected: number, actual: number, tol: Tolerance, equalNaN = false): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return equalNaN && Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return expected === actual && (equalNaN || !Number.isFinite(expected));
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/**
 * A short description of a value's shape: `number`, `array(3)` (of numbers), `array(2) of array(4)`,
 * `{ c: array(3), h: array(3) }`, `array(3) of mixed` when entries differ.
 */
export function describeShape(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'array(0)';
    const inner = describeShape(value[0]);
    const uniform = value.every((v) => describeShape(v) === inner);
    return uniform ? (inner === 'number' ? `array(${value.length})` : `array(${value.length}) of ${inner}`) : `array(${value.length}) of mixed`;
  }
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{ ${keys.map((k) => `${k}: ${describeShape((value as Record<string, unknown>)[k])}`).join(', ')} }`;
  }
  return typeof value;
}

function sameKind(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number') return typeof actual === 'number';
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length;
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    return ek.length === ak.length && ek.every((k, n) => k === ak[n]);
  }
  return Object.is(expected, actual);
}

function walk(expected: unknown, actual: unknown, path: string, tol: Tolerance, equalNaN: boolean, out: Walk): void {
  if (out.shape) return;
  if (!sameKind(expected, actual)) {
    out.shape = { path, expectedShape: describeShape(expected), actualShape: describeShape(actual) };
    return;
  }
  if (typeof expected === 'number') {
    const a = actual as number;
    out.total++;
    const ok = closeNumbers(expected, a, tol, equalNaN);
    const abs = Math.abs(a - expected);
    const rel = expected === 0 ? (abs === 0 ? 0 : Infinity) : abs / Math.abs(expected);
    const absOrInf = Number.isNaN(abs) ? Infinity : abs;
    const relOrInf = Number.isNaN(rel) ? Infinity : rel;
    if (!ok) {
      out.mismatches++;
      if (Number.isFinite(expected) && !Number.isFinite(a)) out.nonFinite.push(path);
    }
    if (absOrInf > out.maxAbs) out.maxAbs = absOrInf;
    if (relOrInf > out.maxRel) out.maxRel = relOrInf;
    // The worst entry is the one furthest outside its tolerance: failing entries score above 1, passing ones at most 1.
    const allowed = tol.atol + tol.rtol * Math.abs(expected);
    const excess = absOrInf === 0 ? 0 : allowed > 0 ? absOrInf / allowed : Infinity;
    const score = ok ? Math.min(excess, 1) : Math.max(excess, 1 + 1e-9);
    if (out.worst === null || score > out.worstScore) {
      out.worst = { path, expected, actual: a, absError: absOrInf, relError: relOrInf };
      out.worstScore = score;
    }
    return;
  }
  if (Array.isArray(expected)) {
    const act = actual as unknown[];
    for (let k = 0; k < expected.length; k++) walk(expected[k], act[k], `${path}[${k}]`, tol, equalNaN, out);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    const act = actual as Record<string, unknown>;
    for (const key of Object.keys(expected)) {
      walk((expected as Record<string, unknown>)[key], act[key], path === '' ? key : `${path}.${key}`, tol, equalNaN, out);
    }
  }
}

/**
 * Compares `actual` with `expected` element-wise. Paths name the worst entry the way a student reads the
 * result: `[2]` for a vector, `h[2]` for `{ h, c }`, `hs[1][0]` for a sequence.
 */
export function compareValues(expected: unknown, actual: unknown, tol: Tolerance, options: { equalNaN?: boolean } = {}): Comparison {
  const out: Walk = { maxAbs: 0, maxRel: 0, worst: null, worstScore: -1, nonFinite: [], mismatches: 0, total: 0, shape: null };
  walk(expected, actual, '', tol, options.equalNaN ?? false, out);
  if (out.shape) {
    return { ok: false, reason: 'shape', path: out.shape.path === '' ? '(result)' : out.shape.path,
      expectedShape: out.shape.expectedShape, actualShape: out.shape.actualShape };
  }
  if (out.mismatches === 0) return { ok: true, maxAbsError: out.maxAbs, maxRelError: out.maxRel, worst: out.worst };
  return { ok: false, reason: 'values', maxAbsError: out.maxAbs, maxRelError: out.maxRel, worst: out.worst!,
    nonFinite: out.nonFinite, mismatches: out.mismatches, total: out.total };
}

/** True when `actual` has the same nesting and lengths as `expected` (numbers are not compared). */
export function sameShape(expected: unknown, actual: unknown): { ok: true } | { ok: false; path: string; expectedShape: string; actualShape: string } {
  const c = compareValues(expected, actual, { rtol: Infinity, atol: Infinity }, { equalNaN: true });
  if (c.ok || c.reason === 'values') return { ok: true };
  return { ok: false, path: c.path, expectedShape: c.expectedShape, actualShape: c.actualShape };
}

/** Exact structural equality (NaN equals NaN, -0 differs from 0): did the arguments come back unchanged? */
export function deepEqualExact(a: unknown, b: unknown): { equal: true } | { equal: false; path: string } {
  const rec = (x: unknown, y: unknown, path: string): string | null => {
    if (typeof x === 'number' || typeof y === 'number') return Object.is(x, y) ? null : path || '(value)';
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return path || '(value)';
      for (let k = 0; k < x.length; k++) {
        const p = rec(x[k], y[k], `${path}[${k}]`);
        if (p !== null) return p;
      }
      return null;
    }
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
      const xk = Object.keys(x).sort();
      const yk = Object.keys(y).sort();
      if (xk.length !== yk.length || xk.some((k, n) => k !== yk[n])) return path || '(value)';
      for (const k of xk) {
        const p = rec((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`);
        if (p !== null) return p;
      }
      return null;
    }
    return Object.is(x, y) ? null : path || '(value)';
  };
  const path = rec(a, b, '');
  return path === null ? { equal: true } : { equal: false, path };
}

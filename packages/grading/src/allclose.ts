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
    return actual !== null && typeof actual === 'object' && !Array.isArray(actual) && sameKeys(expected, actual);
  }
  return Object.is(expected, actual);
}

const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;

/** The same own enumerable keys, without sorting: as many, and each of `expected`'s is one of `actual`'s. */
function sameKeys(expected: object, actual: object): boolean {
  const keys = Object.keys(expected);
  if (Object.keys(actual).length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (!propertyIsEnumerable.call(actual, keys[i]!)) return false;
  return true;
}

/**
 * Keys from the root to the current entry, valid up to the walk's depth (entries past it are stale, not cut off:
 * setting an array's length at every step was a noticeable share of a batch worker's time). A path string is
 * built only for the few entries a report names.
 */
type Keys = (string | number)[];

function pathOf(keys: Keys, depth: number): string {
  let path = '';
  for (let i = 0; i < depth; i++) {
    const key = keys[i]!;
    path = typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
  }
  return path;
}

/** Judges one pair of numbers at `keys[0..depth)`. */
function entry(expected: number, a: number, keys: Keys, depth: number, tol: Tolerance, equalNaN: boolean, out: Walk): void {
  out.total++;
  const ok = closeNumbers(expected, a, tol, equalNaN);
  const abs = Math.abs(a - expected);
  const rel = expected === 0 ? (abs === 0 ? 0 : Infinity) : abs / Math.abs(expected);
  const absOrInf = Number.isNaN(abs) ? Infinity : abs;
  const relOrInf = Number.isNaN(rel) ? Infinity : rel;
  if (!ok) {
    out.mismatches++;
    if (Number.isFinite(expected) && !Number.isFinite(a)) out.nonFinite.push(pathOf(keys, depth));
  }
  if (absOrInf > out.maxAbs) out.maxAbs = absOrInf;
  if (relOrInf > out.maxRel) out.maxRel = relOrInf;
  // The worst entry is the one furthest outside its tolerance: failing entries score above 1, passing ones at most 1.
  const allowed = tol.atol + tol.rtol * Math.abs(expected);
  const excess = absOrInf === 0 ? 0 : allowed > 0 ? absOrInf / allowed : Infinity;
  const score = ok ? Math.min(excess, 1) : Math.max(excess, 1 + 1e-9);
  if (out.worst === null || score > out.worstScore) {
    out.worst = { path: pathOf(keys, depth), expected, actual: a, absError: absOrInf, relError: relOrInf };
    out.worstScore = score;
  }
}

function walk(expected: unknown, actual: unknown, keys: Keys, depth: number, tol: Tolerance, equalNaN: boolean, out: Walk): void {
  if (out.shape) return;
  if (typeof expected === 'number' && typeof actual === 'number') {
    entry(expected, actual, keys, depth, tol, equalNaN, out);
    return;
  }
  if (!sameKind(expected, actual)) {
    out.shape = { path: pathOf(keys, depth), expectedShape: describeShape(expected), actualShape: describeShape(actual) };
    return;
  }
  if (Array.isArray(expected)) {
    const act = actual as unknown[];
    for (let k = 0; k < expected.length; k++) {
      keys[depth] = k;
      const e: unknown = expected[k];
      const a: unknown = act[k];
      // Most entries are numbers in arrays of numbers: judged here, without a call to walk for each.
      if (typeof e === 'number' && typeof a === 'number') entry(e, a, keys, depth + 1, tol, equalNaN, out);
      else walk(e, a, keys, depth + 1, tol, equalNaN, out);
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    const act = actual as Record<string, unknown>;
    for (const key of Object.keys(expected)) {
      keys[depth] = key;
      walk((expected as Record<string, unknown>)[key], act[key], keys, depth + 1, tol, equalNaN, out);
    }
  }
}

/**
 * Compares `actual` with `expected` element-wise. Paths name the worst entry the way a student reads the
 * result: `[2]` for a vector, `h[2]` for `{ h, c }`, `hs[1][0]` for a sequence.
 */
export function compareValues(expected: unknown, actual: unknown, tol: Tolerance, options: { equalNaN?: boolean } = {}): Comparison {
  const out: Walk = { maxAbs: 0, maxRel: 0, worst: null, worstScore: -1, nonFinite: [], mismatches: 0, total: 0, shape: null };
  walk(expected, actual, [], 0, tol, options.equalNaN ?? false, out);
  if (out.shape) {
    return { ok: false, reason: 'shape', path: out.shape.path === '' ? '(result)' : out.shape.path,
      expectedShape: out.shape.expectedShape, actualShape: out.shape.actualShape };
  }
  if (out.mismatches === 0) return { ok: true, maxAbsError: out.maxAbs, maxRelError: out.maxRel, worst: out.worst };
  return { ok: false, reason: 'values', maxAbsError: out.maxAbs, maxRelError: out.maxRel, worst: out.worst!,
    nonFinite: out.nonFinite, mismatches: out.mismatches, total: out.total };
}

/** `walk` without the report: the same order of judgements, stopping at the first that fails. */
function closeWalk(expected: unknown, actual: unknown, tol: Tolerance, equalNaN: boolean): boolean {
  if (typeof expected === 'number') return typeof actual === 'number' && closeNumbers(expected, actual, tol, equalNaN);
  if (!sameKind(expected, actual)) return false;
  if (Array.isArray(expected)) {
    const act = actual as unknown[];
    for (let k = 0; k < expected.length; k++) {
      const e: unknown = expected[k];
      const a: unknown = act[k];
      if (typeof e === 'number') {
        if (typeof a !== 'number' || !closeNumbers(e, a, tol, equalNaN)) return false;
      } else if (!closeWalk(e, a, tol, equalNaN)) {
        return false;
      }
    }
    return true;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const key of Object.keys(expected)) {
      if (!closeWalk((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], tol, equalNaN)) return false;
    }
  }
  return true;
}

/**
 * Exactly `compareValues(expected, actual, tol, { equalNaN }).ok`, without what a report needs (errors, the worst
 * entry and its path): most comparisons a grading makes pass, and only a failure needs the full comparison.
 */
export function allClose(expected: unknown, actual: unknown, tol: Tolerance, equalNaN = false): boolean {
  return closeWalk(expected, actual, tol, equalNaN);
}

/** Tolerances under which only shapes (and NaN against a number) can differ: `sameShape`'s. */
export const SHAPE_ONLY: Tolerance = { rtol: Infinity, atol: Infinity };

/** True when `actual` has the same nesting and lengths as `expected` (numbers are not compared). */
export function sameShape(expected: unknown, actual: unknown): { ok: true } | { ok: false; path: string; expectedShape: string; actualShape: string } {
  // Every number pair but NaN against a number passes these tolerances: most shapes are settled here.
  if (allClose(expected, actual, SHAPE_ONLY, true)) return { ok: true };
  const c = compareValues(expected, actual, SHAPE_ONLY, { equalNaN: true });
  if (c.ok || c.reason === 'values') return { ok: true };
  return { ok: false, path: c.path, expectedShape: c.expectedShape, actualShape: c.actualShape };
}

/** Exact structural equality (NaN equals NaN, -0 differs from 0): did the arguments come back unchanged? */
export function deepEqualExact(a: unknown, b: unknown): { equal: true } | { equal: false; path: string } {
  const keys: Keys = [];
  const rec = (x: unknown, y: unknown): boolean => {
    // The same object is equal to itself (a sandbox hands back the arguments themselves when a call left them alone).
    if (x === y && typeof x === 'object') return true;
    if (typeof x === 'number' || typeof y === 'number') return Object.is(x, y);
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      const depth = keys.length;
      for (let k = 0; k < x.length; k++) {
        keys[depth] = k;
        if (!rec(x[k], y[k])) return false;
        keys.length = depth;
      }
      return true;
    }
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
      const xk = Object.keys(x).sort();
      const yk = Object.keys(y).sort();
      if (xk.length !== yk.length || xk.some((k, n) => k !== yk[n])) return false;
      const depth = keys.length;
      for (const k of xk) {
        keys[depth] = k;
        if (!rec((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k])) return false;
        keys.length = depth;
      }
      return true;
    }
    return Object.is(x, y);
  };
  if (rec(a, b)) return { equal: true };
  const path = pathOf(keys, keys.length);
  return { equal: false, path: path || '(value)' };
}

// The course configuration (gatecheck.config.json at the repository root): the default seed printed in every
// report, generated cases per check, sandbox limits, and points per function. Validated field by field so a
// typo gives one clear line instead of a silently different grade.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PointsConfig } from '@gatecheck/grading';
import { CourseInputError } from './errors.js';

export interface CourseConfig {
  /** Default seed of every grading run. */
  seed: number;
  /** Default generated cases per check. */
  numRuns: number;
  /** Sandbox limits per call and per isolate. */
  limits: { timeoutMs: number; memoryMb: number };
  /** `{ "<exercise>": { "<function>": total points } }` */
  points: PointsConfig;
}

/** The repository's own configuration file. */
export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../../../gatecheck.config.json', import.meta.url));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed configuration. `known` lists each exercise's function names, so points for an exercise or
 * function that does not exist are refused rather than ignored.
 */
export function parseCourseConfig(raw: unknown, known: Record<string, string[]>, source = 'gatecheck.config.json'): CourseConfig {
  const fail = (what: string): never => { throw new CourseInputError(`${source}: ${what}`); };
  if (!isRecord(raw)) fail('must be a JSON object');
  const r = raw as Record<string, unknown>;
  const whole = (key: string, min: number, fallback: number): number => {
    const v = r[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(`"${key}" must be a whole number >= ${min}, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const seed = whole('seed', 0, 20261125);
  const numRuns = whole('numRuns', 1, 100);
  const limitsRaw = r.limits ?? {};
  if (!isRecord(limitsRaw)) fail('"limits" must be an object like { "timeoutMs": 500, "memoryMb": 128 }');
  const limitNumber = (key: string, fallback: number): number => {
    const v = (limitsRaw as Record<string, unknown>)[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`"limits.${key}" must be a positive number, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const limits = { timeoutMs: limitNumber('timeoutMs', 500), memoryMb: limitNumber('memoryMb', 128) };
  const pointsRaw = r.points ?? {};
  if (!isRecord(pointsRaw)) fail('"points" must be an object like { "02-lstm-gates": { "forgetGate": 2 } }');
  const points: PointsConfig = {};
  for (const [exercise, fns] of Object.entries(pointsRaw as Record<string, unknown>)) {
    if (!(exercise in known)) fail(`"points" names an unknown exercise "${exercise}" (known: ${Object.keys(known).join(', ')})`);
    if (!isRecord(fns)) fail(`"points.${exercise}" must be an object of function names to points`);
    points[exercise] = {};
    for (const [fn, total] of Object.entries(fns as Record<string, unknown>)) {
      if (!known[exercise]!.includes(fn)) fail(`"points.${exercise}" names an unknown function "${fn}" (known: ${known[exercise]!.join(', ') || 'none yet'})`);
      if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) fail(`"points.${exercise}.${fn}" must be a number >= 0, got ${JSON.stringify(total)}`);
      points[exercise]![fn] = total as number;
    }
  }
  return { seed, numRuns, limits, points };
}

/** Reads and checks a configuration file. */
export function loadCourseConfig(known: Record<string, string[]>, path = DEFAULT_CONFIG_PATH): CourseConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CourseInputError(`cannot read the course configuration ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CourseInputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseCourseConfig(raw, known, path);
}

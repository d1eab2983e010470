// Points per function come from the course configuration (`points: { "<exercise>": { "<function>": total } }`):
// a configured total rescales that function's checks in proportion to their default points.
import type { FunctionDefinition } from './definition.js';

/** `{ "<exercise>": { "<function>": total points } }` */
export type PointsConfig = Record<string, Record<string, number>>;

/** Points of each check of `fn` (same order as `fn.checks`), after applying the configured total if any. */
export function checkPoints(exerciseId: string, fn: FunctionDefinition, config: PointsConfig | undefined): number[] {
  const defaults = fn.checks.map((c) => c.points);
  const total = config?.[exerciseId]?.[fn.name];
  const sum = defaults.reduce((a, b) => a + b, 0);
  if (total === undefined || sum === 0) return defaults;
  // Rounded to 1e-9 so configured totals add up exactly in reports (0.1 + 0.2 style noise never shows).
  return defaults.map((p) => Math.round((p * total / sum) * 1e9) / 1e9);
}

// What every human-facing format shows: per exercise, per function, a score and a one-word result.
import type { CheckReport, ExerciseReport, GradingReport } from '../report.js';
import { formatNumber } from '../values.js';

export interface FunctionSummary {
  name: string;
  score: number;
  maxScore: number;
  /** `passed`, `failed: concat-order`, `not implemented`, `timeout`, `error`, `not submitted`, `build error` */
  result: string;
  checks: CheckReport[];
}

/** `9/12`, `4.5/6` */
export const points = (score: number, max: number): string => `${formatNumber(score, 6)}/${formatNumber(max, 6)}`;

/** The exercise's functions in definition order with their combined result. */
export function summarizeFunctions(ex: ExerciseReport): FunctionSummary[] {
  const byName = new Map<string, CheckReport[]>();
  for (const c of ex.checks) byName.set(c.function, [...(byName.get(c.function) ?? []), c]);
  return [...byName].map(([name, checks]) => {
    const score = checks.reduce((a, c) => a + c.score, 0);
    const maxScore = checks.reduce((a, c) => a + c.maxScore, 0);
    let result: string;
    if (ex.status === 'not-submitted') result = 'not submitted';
    else if (ex.status === 'build-error') result = 'build error';
    else if (checks.every((c) => c.status === 'passed')) result = 'passed';
    else if (checks.every((c) => c.status === 'not-implemented')) result = 'not implemented';
    else if (checks.some((c) => c.status === 'timeout')) result = 'timeout';
    else {
      const diagnoses = [...new Set(checks.map((c) => c.diagnosis).filter((d): d is string => d !== null))];
      const failed = checks.filter((c) => c.status !== 'passed').map((c) => c.kind ?? c.id.split('/')[2]);
      result = `failed ${failed.join(', ')}${diagnoses.length ? ` (${diagnoses.join(', ')})` : ''}`;
    }
    return { name, score, maxScore, result, checks };
  });
}

/** Checks that did not pass and were actually run (not the not-implemented/not-submitted ones). */
export function failingChecks(report: GradingReport): CheckReport[] {
  return report.exercises.flatMap((ex) => ex.status === 'graded' ? ex.checks.filter((c) => c.status !== 'passed' && c.status !== 'not-implemented') : []);
}

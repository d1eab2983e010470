// The numbers behind the class report's charts, computed from the batch's reports alone.
import type { GradingReport } from '@gatecheck/grading';
import type { StudentResult } from '../types.js';

export interface ScoreBin {
  /** Lower edge in percent (inclusive). */
  from: number;
  /** Upper edge in percent (exclusive, except the last bin, which holds 100 %). */
  to: number;
  count: number;
}

export interface FunctionPassRate {
  exercise: string;
  function: string;
  /** Students whose every check of this function passed. */
  passed: number;
  /** Students who submitted the exercise and had it graded. */
  attempted: number;
}

export interface MisconceptionCount {
  id: string;
  /** Students whose report names this misconception in this exercise (each counted once). */
  count: number;
  /** The first such student (by id), for the instructor to look at. */
  example: string;
  /** Functions whose failing checks carried it. */
  functions: string[];
}

export interface ClassStats {
  students: number;
  graded: number;
  failed: number;
  cached: number;
  /** Percentage totals of graded students. */
  percents: number[];
  meanPercent: number | null;
  medianPercent: number | null;
  bins: ScoreBin[];
  passRates: FunctionPassRate[];
  misconceptions: { exercise: string; items: MisconceptionCount[] }[];
  times: { student: string; ms: number; cached: boolean; status: string }[];
}

export function percentOf(report: GradingReport): number {
  return report.maxScore > 0 ? (100 * report.score) / report.maxScore : 0;
}

/** Ten bins of ten percent; a perfect score falls in the last one. */
export function scoreBins(percents: number[]): ScoreBin[] {
  const bins: ScoreBin[] = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: (i + 1) * 10, count: 0 }));
  for (const p of percents) bins[Math.min(9, Math.max(0, Math.floor(p / 10)))]!.count++;
  return bins;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function classStats(results: StudentResult[]): ClassStats {
  const graded = results.filter((r) => r.status === 'graded');
  const percents = graded.map((r) => percentOf(r.report));

  const rates = new Map<string, FunctionPassRate>();
  const misconceptions = new Map<string, Map<string, MisconceptionCount>>();
  for (const r of graded) {
    for (const exercise of r.report.exercises) {
      if (exercise.status !== 'graded') continue;
      const byFunction = new Map<string, boolean>();
      const diagnoses = new Map<string, Set<string>>();
      for (const check of exercise.checks) {
        byFunction.set(check.function, (byFunction.get(check.function) ?? true) && check.status === 'passed');
        if (check.diagnosis) {
          const fns = diagnoses.get(check.diagnosis) ?? new Set<string>();
          diagnoses.set(check.diagnosis, fns.add(check.function));
        }
      }
      for (const [fn, passed] of byFunction) {
        const key = `${exercise.id}\0${fn}`;
        const rate = rates.get(key) ?? { exercise: exercise.id, function: fn, passed: 0, attempted: 0 };
        rates.set(key, rate);
        rate.attempted++;
        if (passed) rate.passed++;
      }
      // Each misconception counts once per student and exercise, however many checks it failed.
      const perExercise = misconceptions.get(exercise.id) ?? new Map<string, MisconceptionCount>();
      misconceptions.set(exercise.id, perExercise);
      for (const [id, fns] of diagnoses) {
        const entry = perExercise.get(id) ?? { id, count: 0, example: r.student, functions: [] };
        perExercise.set(id, entry);
        entry.count++;
        for (const fn of fns) if (!entry.functions.includes(fn)) entry.functions.push(fn);
      }
    }
  }

  const passRates = [...rates.values()].sort((a, b) => (a.exercise === b.exercise ? 0 : a.exercise < b.exercise ? -1 : 1));
  return {
    students: results.length,
    graded: graded.length,
    failed: results.length - graded.length,
    cached: results.filter((r) => r.cached).length,
    percents,
    meanPercent: percents.length ? percents.reduce((a, b) => a + b, 0) / percents.length : null,
    medianPercent: median(percents),
    bins: scoreBins(percents),
    passRates,
    misconceptions: [...misconceptions.entries()]
      .filter(([, items]) => items.size > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([exercise, items]) => ({
        exercise,
        items: [...items.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)),
      })),
    times: results.map((r) => ({ student: r.student, ms: r.durationMs, cached: r.cached, status: r.status })),
  };
}

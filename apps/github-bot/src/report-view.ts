// Reads a grading report the way the comment and the check run show it: per exercise, per function, pass /
// fail / not implemented, with the failing checks and where each function is declared.
import type { CheckReport, ExerciseReport, GradingReport } from '@gatecheck/grading';
import { SUBMISSION_ROOT } from './submission-fetch.js';

export type FunctionResult = 'pass' | 'fail' | 'not implemented';

export interface FunctionView {
  name: string;
  result: FunctionResult;
  score: number;
  maxScore: number;
  /** Checks that failed, errored or timed out. */
  failures: CheckReport[];
  /** Repository-relative file and declaration lines, when the grader reported them. */
  location: { path: string; startLine: number; endLine: number } | null;
}

export interface ExerciseView {
  id: string;
  status: ExerciseReport['status'];
  score: number;
  maxScore: number;
  message: string | null;
  functions: FunctionView[];
}

const FAILED = new Set(['failed', 'error', 'timeout']);

/** The repository path of a file the report names relative to the submission (or to the exercise folder). */
export function repositoryPath(exerciseId: string, file: string): string {
  const clean = file.replace(/\\/g, '/').replace(/^\.\//, '');
  if (clean.startsWith(`${SUBMISSION_ROOT}/`)) return clean;
  if (clean.startsWith(`${exerciseId}/`)) return `${SUBMISSION_ROOT}/${clean}`;
  return `${SUBMISSION_ROOT}/${exerciseId}/${clean}`;
}

export function viewExercise(exercise: ExerciseReport): ExerciseView {
  const order: string[] = [];
  const byFunction = new Map<string, CheckReport[]>();
  for (const check of exercise.checks) {
    if (!byFunction.has(check.function)) {
      byFunction.set(check.function, []);
      order.push(check.function);
    }
    byFunction.get(check.function)!.push(check);
  }
  const functions = order.map((name): FunctionView => {
    const checks = byFunction.get(name)!;
    const failures = checks.filter((c) => FAILED.has(c.status));
    const result: FunctionResult = failures.length > 0
      ? 'fail'
      : checks.some((c) => c.status === 'not-implemented') ? 'not implemented' : 'pass';
    const span = exercise.functions?.[name];
    const file = span?.file ?? exercise.entry;
    return {
      name,
      result,
      score: checks.reduce((s, c) => s + c.score, 0),
      maxScore: checks.reduce((s, c) => s + c.maxScore, 0),
      failures,
      location: span && file ? { path: repositoryPath(exercise.id, file), startLine: span.startLine, endLine: span.endLine } : null,
    };
  });
  return { id: exercise.id, status: exercise.status, score: exercise.score, maxScore: exercise.maxScore, message: exercise.message, functions };
}

export function viewReport(report: GradingReport): ExerciseView[] {
  return report.exercises.map(viewExercise);
}

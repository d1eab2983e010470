// Gradescope's autograder `results.json`: the top-level `score`, and `tests[]` with name, score, max_score,
// status, output and visibility, one per check, so students see each check's feedback on Gradescope.
import type { GradingReport } from '../report.js';
import { points } from './summary.js';

/** Gradescope's visibility values. */
export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: GradescopeVisibility;
  tags: string[];
}

export interface GradescopeResults {
  score: number;
  execution_time?: number;
  output: string;
  output_format: 'text';
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  tests: GradescopeTest[];
  extra_data: Record<string, unknown>;
}

/** Gradescope stores at most a few MB; a single test's output is kept readable rather than complete. */
const MAX_OUTPUT = 8000;
const clip = (text: string): string => (text.length > MAX_OUTPUT ? `${text.slice(0, MAX_OUTPUT)}\n… (cut)` : text);

export function gradescopeResults(report: GradingReport): GradescopeResults {
  const tests: GradescopeTest[] = report.exercises.flatMap((exercise, e) => exercise.checks.map((check, c) => {
    const kind = check.kind ?? check.id.split('/').at(-1) ?? 'check';
    const lines = [check.feedback];
    if (check.diagnosis) lines.push('', `Likely misconception: ${check.diagnosis}`);
    if (check.counterexample?.replay) lines.push('', `Replay: ${check.counterexample.replay}`);
    return {
      name: `${exercise.id} › ${check.function} (${kind})`,
      number: `${e + 1}.${c + 1}`,
      score: check.score,
      max_score: check.maxScore,
      status: check.status === 'passed' ? 'passed' : 'failed',
      output: clip(lines.join('\n')),
      output_format: 'text',
      visibility: 'visible',
      tags: [exercise.id, check.function, kind, ...(check.diagnosis ? [check.diagnosis] : [])],
    };
  }));
  const buildErrors = report.exercises.filter((e) => e.status === 'build-error').map((e) => `${e.id} could not be built:\n${e.message ?? ''}`);
  return {
    score: report.score,
    ...(report.timings ? { execution_time: Math.round(report.timings.totalMs / 1000) } : {}),
    output: [`gatecheck: ${points(report.score, report.maxScore)} (seed ${report.seed})`, ...buildErrors].join('\n\n'),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    extra_data: { maxScore: report.maxScore, seed: report.seed, graderVersion: report.graderVersion ?? null, submission: report.submission },
  };
}

export function formatGradescope(report: GradingReport): string {
  return `${JSON.stringify(gradescopeResults(report), null, 2)}\n`;
}

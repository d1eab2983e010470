// Synthetic grading reports shaped like the course's (grading.md), for tests that must not depend on the graders.
import type { CheckReport, GradingReport } from '@gatecheck/grading';

interface SampleOptions {
  /** Share of checks that pass, 0..1. */
  fraction: number;
  seed?: number | undefined;
  numRuns?: number | undefined;
  /** Put into the first failing check's feedback (tests use it to smuggle data out). */
  note?: string;
  /** Diagnosis given to failing checks. */
  diagnosis?: string;
}

const layout: Record<string, { entry: string; functions: string[] }> = {
  '01-activations': { entry: '01-activations/src/activations.ts', functions: ['sigmoid', 'tanh'] },
  '02-lstm-gates': { entry: '02-lstm-gates/src/lstm-gates.ts', functions: ['forgetGate', 'inputGate', 'candidateCell', 'cellState', 'outputGate', 'hiddenState'] },
};

export function sampleReport(submission: string, options: SampleOptions): GradingReport {
  const total = Object.values(layout).reduce((n, e) => n + e.functions.length, 0);
  const passing = Math.round(options.fraction * total);
  let index = 0;
  let noted = false;
  const exercises = Object.entries(layout).map(([id, { entry, functions }]) => {
    const checks: CheckReport[] = functions.map((fn, line) => {
      const passed = index++ < passing;
      const feedback = passed ? 'All generated cases matched the reference.' : `${fn} returned 0.62 where 0.5 was expected${!noted && options.note ? ` ${options.note}` : ''}`;
      if (!passed) noted = true;
      return {
        id: `${id}/${fn}/correctness`, function: fn, kind: 'correctness', status: passed ? 'passed' : 'failed',
        score: passed ? 2 : 0, maxScore: 2, feedback,
        diagnosis: passed ? null : (options.diagnosis ?? (fn === 'tanh' ? 'naive-exp-overflow' : 'concat-order')),
        counterexample: passed ? null : { input: { x: [1, 0] }, expected: [0.5], actual: [0.62], maxAbsError: 0.12, maxRelError: 0.24 },
        numRuns: options.numRuns ?? 100,
        durationMs: 3 + line,
      };
    });
    const score = checks.reduce((s, c) => s + c.score, 0);
    return {
      id, status: 'graded' as const, message: null, score, maxScore: checks.length * 2, entry,
      functions: Object.fromEntries(functions.map((fn, i) => [fn, { file: entry, startLine: 3 + i * 6, endLine: 7 + i * 6 }])),
      checks,
    };
  });
  const score = exercises.reduce((s, e) => s + e.score, 0);
  return {
    schemaVersion: 1, submission, seed: options.seed ?? 20261125, score, maxScore: total * 2, exercises,
    graderVersion: 'test', numRuns: options.numRuns ?? 100,
  };
}

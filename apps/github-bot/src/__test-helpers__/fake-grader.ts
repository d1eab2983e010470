// A stand-in for `@gatecheck/course`'s gradeSubmission with the same signature and report shape, for tests that
// are about the bot rather than grading (rendering, annotation batches). It reads each function's source: a body
// that throws "not implemented" is not implemented, one containing `BUG` fails, anything else passes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport, ExerciseReport, GradingReport } from '@gatecheck/grading';

export const FAKE_CONTRACT: Record<string, { entry: string; functions: string[] }> = {
  '01-activations': { entry: 'src/activations.ts', functions: ['sigmoid', 'tanh'] },
  '02-lstm-gates': { entry: 'src/lstm-gates.ts', functions: ['forgetGate', 'inputGate', 'candidateCell', 'cellState', 'outputGate', 'hiddenState'] },
};

const KINDS = ['correctness', 'robustness'];

function span(source: string, fn: string): { startLine: number; endLine: number; body: string } | null {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => new RegExp(`export function ${fn}\\b`).test(l));
  if (start < 0) return null;
  let depth = 0;
  for (let k = start; k < lines.length; k++) {
    for (const ch of lines[k]!) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
    }
    if (depth === 0 && lines[k]!.includes('}')) return { startLine: start + 1, endLine: k + 1, body: lines.slice(start, k + 1).join('\n') };
  }
  return { startLine: start + 1, endLine: lines.length, body: lines.slice(start).join('\n') };
}

export async function gradeSubmission(dir: string, options: { seed?: number; numRuns?: number; submissionLabel?: string } = {}): Promise<GradingReport> {
  const exercises: ExerciseReport[] = [];
  for (const [id, spec] of Object.entries(FAKE_CONTRACT)) {
    const file = join(dir, id, spec.entry);
    const source = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const checks: CheckReport[] = [];
    const functions: NonNullable<ExerciseReport['functions']> = {};
    for (const fn of spec.functions) {
      const found = source === null ? null : span(source, fn);
      if (found) functions[fn] = { file: `${id}/${spec.entry}`, startLine: found.startLine, endLine: found.endLine };
      for (const kind of KINDS) {
        const status = source === null || found === null || /not implemented/.test(found.body) ? 'not-implemented'
          : /BUG/.test(found.body) ? 'failed' : 'passed';
        checks.push({
          id: `${id}/${fn}/${kind}`, function: fn, kind, status, score: status === 'passed' ? 1 : 0, maxScore: 1,
          feedback: status === 'failed' ? `${fn} returned [0.5] where [0.731] was expected for x=[1] (${kind}).` : '',
          diagnosis: status === 'failed' ? 'activation-swap' : null, counterexample: null,
        });
      }
    }
    const score = checks.reduce((s, c) => s + c.score, 0);
    exercises.push({
      id, status: source === null ? 'not-submitted' : 'graded', message: null, score, maxScore: checks.length,
      entry: `${id}/${spec.entry}`, functions, checks,
    });
  }
  return {
    schemaVersion: 1, submission: options.submissionLabel ?? dir, seed: options.seed ?? 20261125,
    score: exercises.reduce((s, e) => s + e.score, 0), maxScore: exercises.reduce((s, e) => s + e.maxScore, 0),
    exercises, graderVersion: 'fake-0', graderCommit: null, numRuns: options.numRuns ?? 100,
  };
}

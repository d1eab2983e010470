// A stand-in grader module for the pool's tests: each submission folder holds `behaviour.txt` saying what its
// grading does (score, throw, crash, hang, memory blow-up), so the tests can drive every path of a worker.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GradingReport } from '@gatecheck/grading';
import type { GradeOptions } from '../types.js';
import { sampleReport } from './sample-report.js';

export async function grade(dir: string, options: GradeOptions = {}): Promise<GradingReport> {
  const behaviour = (await readFile(join(dir, 'behaviour.txt'), 'utf8').catch(() => 'score 1')).trim();
  const [verb, arg] = behaviour.split(/\s+/);
  switch (verb) {
    case 'throw':
      throw new Error(`cannot grade ${arg ?? 'this'}\nsecond line is dropped`);
    case 'crash':
      process.exit(3);
    case 'abort':
      process.abort();
    case 'hang':
      return new Promise<GradingReport>(() => {
        setInterval(() => {}, 1000);
      });
    case 'env':
      return sampleReport(options.submissionLabel ?? dir, { fraction: 0, seed: options.seed, note: JSON.stringify(process.env) });
    default:
      return sampleReport(options.submissionLabel ?? dir, { fraction: Number(arg ?? 1), seed: options.seed, numRuns: options.numRuns });
  }
}

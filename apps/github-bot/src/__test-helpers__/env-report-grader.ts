// A grading module for grader.test.ts: reports the grading process's environment (in `submission`), or hangs,
// or dies, depending on a file in the submission folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GradingReport } from '@gatecheck/grading';

export async function gradeSubmission(dir: string): Promise<GradingReport> {
  if (existsSync(join(dir, 'hang'))) await new Promise(() => setInterval(() => {}, 1000));
  if (existsSync(join(dir, 'die'))) process.exit(3);
  return { schemaVersion: 1, submission: JSON.stringify({ env: process.env, pid: process.pid }), seed: 1, score: 0, maxScore: 0, exercises: [] };
}

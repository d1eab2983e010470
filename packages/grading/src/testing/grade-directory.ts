// Grading a folder in tests, through the same runner the CLI uses.
import type { ExerciseDefinition } from '../definition.js';
import { gradeWithSandbox, type GradeOptions } from '../grade.js';
import type { GradingReport } from '../report.js';
import type { ExerciseEntry, Sandbox, SandboxLimits } from '../sandbox-types.js';
import { createSandbox } from '@gatecheck/sandbox';
import { createInProcessSandbox } from './in-process-sandbox.js';

/** Creates a sandbox over `dir` for `exercises`. */
export type SandboxFactory = (dir: string, exercises: ExerciseEntry[], limits: SandboxLimits) => Promise<Sandbox> | Sandbox;

// Proving a grader means grading dozens of files; importing them in-process keeps that fast, and the observable
// contract is the same. GATECHECK_TEST_SANDBOX=isolate runs the same tests through the real isolate instead.
let factory: SandboxFactory = process.env.GATECHECK_TEST_SANDBOX === 'isolate'
  ? (dir, exercises, limits) => createSandbox(dir, exercises, limits)
  : (dir, exercises) => createInProcessSandbox(dir, exercises);

/** Replaces how test helpers create sandboxes (e.g. with `@gatecheck/sandbox`'s isolate); returns the previous one. */
export function setSandboxFactory(next: SandboxFactory): SandboxFactory {
  const previous = factory;
  factory = next;
  return previous;
}

/** The seed tests grade with: FC_SEED when set (CI varies and prints it), else the course default. */
export function testSeed(): number {
  const env = process.env.FC_SEED;
  const n = env === undefined ? NaN : Number(env);
  return Number.isInteger(n) ? n : 20261125;
}

export interface TestGradeOptions extends Partial<GradeOptions> {
  limits?: SandboxLimits;
}

/** Grades `dir` against `definitions` (seed: `testSeed()`, 100 runs unless given) and disposes the sandbox. */
export async function gradeDirectory(definitions: readonly ExerciseDefinition[], dir: string, options: TestGradeOptions = {}): Promise<GradingReport> {
  const { limits = {}, ...grade } = options;
  const sandbox = await factory(dir, definitions.map((d) => ({ id: d.id, entry: d.entry })), limits);
  try {
    return gradeWithSandbox(definitions, sandbox, { seed: testSeed(), numRuns: 100, submission: dir, ...grade });
  } finally {
    sandbox.dispose();
  }
}

// The sandbox's contract as the runner uses it. Re-exported from one place so the runner has a single seam.
export type { CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox, SandboxLimits, SandboxTimings } from '../../sandbox/src/types.js';

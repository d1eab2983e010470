// The sandbox's contract as the runner uses it, re-exported from one place.
export type { CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox, SandboxLimits, SandboxTimings } from '@gatecheck/sandbox';

export { createSandbox } from './create-sandbox.js';
export type {
  CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox, SandboxLimits, SandboxTimings,
} from './types.js';

export { closeSandboxes, createSandbox } from './create-sandbox.js';
export { decodePlain, encodePlain } from './runtime/codec.js';
export type {
  CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox, SandboxLimits, SandboxTimings,
} from './types.js';

export { closeSandboxes, createSandbox, encodedOutcome, encodedValueOf } from './create-sandbox.js';
export { decodePlain, encodePlain, TAG, type EncodedValue } from './runtime/codec.js';
export type {
  CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox, SandboxLimits, SandboxTimings,
} from './types.js';

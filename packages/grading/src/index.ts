export type {
  CheckKind, CheckReport, CheckStatus, Counterexample, ErrorLocation, ExerciseReport, ExerciseStatus,
  GradingReport, MisconceptionId,
} from './report.js';
export {
  type CheckContext, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition, type Mistake,
  type Tolerance, GRADIENT_TOLERANCE, VALUE_TOLERANCE,
} from './definition.js';
export { type Comparison, allClose, closeNumbers, compareValues, deepEqualExact, describeShape, sameShape } from './allclose.js';
export { type Observation, diagnose, recognizeOverflow } from './diagnose.js';
export { GradingInputError } from './errors.js';
export { type GradeOptions, checkIdOf, gradeWithSandbox, listCheckIds, runExercise } from './grade.js';
export { type CheckRun, runCheck } from './run-check.js';
export { drawAhead, drawInputs, Drawn, InputBank, inputsKeyOf, planRounds, type PlannedRound, type Reference } from './rounds.js';
export { type PointsConfig, checkPoints } from './points.js';
export { deriveSeed } from './seed.js';
export { simpleNumber, unitNumber } from './arbitraries.js';
export { type Draw, type Grid, type SizeRange, coarse, coarseUnit, openUnit, sizedInput, symmetric } from './sized-input.js';
export { type ReplayTarget, replayCommand, shellWord } from './replay.js';
export { type ExpandedPath, compactPath, expandPath, MAX_PATH_ENTRIES } from './replay-path.js';
export { formatNumber, formatValue, toJsonSafe } from './values.js';
export type { CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox, SandboxLimits, SandboxTimings } from './sandbox-types.js';
export { type ReportFormatter, formatReport, formatters, reportFormats } from './format/index.js';

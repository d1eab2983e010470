export type {
  CheckKind, CheckReport, CheckStatus, Counterexample, ErrorLocation, ExerciseReport, ExerciseStatus,
  GradingReport, MisconceptionId,
} from './report.js';
export {
  type CheckContext, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition, type Mistake,
  type Tolerance, GRADIENT_TOLERANCE, VALUE_TOLERANCE,
} from './definition.js';

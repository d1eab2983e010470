// Every exercise's grader, in course order. Graders, kernels and configuration always come from this trusted
// installation, never from a submission.
import type { ExerciseDefinition } from '@gatecheck/grading';
import { definition as activations } from '@gatecheck/grader-01-activations';
import { definition as lstmGates } from '@gatecheck/grader-02-lstm-gates';
import { definition as lstmCell } from '@gatecheck/grader-03-lstm-cell';
import { definition as gruGates } from '@gatecheck/grader-04-gru-gates';
import { definition as gruCell } from '@gatecheck/grader-05-gru-cell';
import { definition as torchLstm } from '@gatecheck/grader-06-torch-lstm';
import { definition as torchGru } from '@gatecheck/grader-07-torch-gru';
import { definition as bptt } from '@gatecheck/grader-08-bptt';

export const courseDefinitions: readonly ExerciseDefinition[] = [
  activations, lstmGates, lstmCell, gruGates, gruCell, torchLstm, torchGru, bptt,
];

/** Exercise folder names in course order. */
export const exerciseIds = (): string[] => courseDefinitions.map((d) => d.id);

/** Each exercise's function names (for validating the configuration's points). */
export const functionNames = (): Record<string, string[]> =>
  Object.fromEntries(courseDefinitions.map((d) => [d.id, d.functions.map((f) => f.name)]));

import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '02-lstm-gates', entry: 'src/lstm-gates.ts', title: '02-lstm-gates', functions: [] };

import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '06-torch-lstm', entry: 'src/torch-lstm.ts', title: '06-torch-lstm', functions: [] };

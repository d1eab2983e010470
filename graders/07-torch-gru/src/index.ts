import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '07-torch-gru', entry: 'src/torch-gru.ts', title: '07-torch-gru', functions: [] };

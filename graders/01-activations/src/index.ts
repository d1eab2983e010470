import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '01-activations', entry: 'src/activations.ts', title: '01-activations', functions: [] };

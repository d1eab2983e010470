import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '04-gru-gates', entry: 'src/gru-gates.ts', title: '04-gru-gates', functions: [] };

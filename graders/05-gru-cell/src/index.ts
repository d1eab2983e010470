import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '05-gru-cell', entry: 'src/gru-cell.ts', title: '05-gru-cell', functions: [] };

import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '03-lstm-cell', entry: 'src/lstm-cell.ts', title: '03-lstm-cell', functions: [] };

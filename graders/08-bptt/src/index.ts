import type { ExerciseDefinition } from '@gatecheck/grading';

// Placeholder until this grader is written: no functions, so the exercise grades as 0/0.
export const definition: ExerciseDefinition = { id: '08-bptt', entry: 'src/bptt.ts', title: '08-bptt', functions: [] };

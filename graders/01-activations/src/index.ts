// Grader of exercise 01-activations: sigmoid and tanh against packages/kernels on ordinary and extreme inputs.
import type { CheckDefinition, ExerciseDefinition, FunctionDefinition, Mistake } from '@gatecheck/grading';
import { sigmoid, tanh } from '@gatecheck/kernels';
import { extreme, ordinary } from './arbitraries.js';
import { sigmoidMistakes, tanhMistakes } from './catalogue.js';

/** Default points per check kind (the course configuration may rescale a function's total). */
export const POINTS = { correctness: 2, robustness: 1 } as const;

type Args = [x: number];
const check = (c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;

// Scalars in, a scalar out: nothing can be mutated and there is no shape to get wrong, so only values are checked.
function activation(name: string, reference: (x: number) => number, formula: string, mistakes: Mistake<Args>[]): FunctionDefinition {
  const common = { argNames: ['x'], expected: reference, mistakes };
  return {
    name,
    checks: [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: ordinary,
        description: `${name}(x) = ${formula} for ordinary x (|x| <= 10)` }),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: extreme,
        description: `${name} stays finite and correct for |x| up to 1000` }),
    ],
  };
}

export const definition: ExerciseDefinition = {
  id: '01-activations',
  entry: 'src/activations.ts',
  title: 'Activations: sigmoid and tanh',
  functions: [
    activation('sigmoid', sigmoid, '1 / (1 + e^-x)', sigmoidMistakes),
    activation('tanh', tanh, '(e^x - e^-x) / (e^x + e^-x)', tanhMistakes),
  ],
};

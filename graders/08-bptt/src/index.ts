// Grader of exercise 08-bptt: the gradients of one lecture LSTM step and one lecture GRU step, compared with
// packages/kernels' reference backward (itself held to centred finite differences in this package's tests)
// under grading.md's gradient tolerance, with the known backward mistakes of catalogue.ts.
import { GRADIENT_TOLERANCE, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { EXTREME, gruArgs, lstmArgs, ORDINARY } from './arbitraries.js';
import { gruMistakes, lstmMistakes } from './catalogue.js';

/** Default points per check kind (the course configuration may rescale a function's total). */
export const POINTS = { correctness: 3, robustness: 1, purity: 0.5, shape: 0.5 } as const;

// purity and shape judge the correctness check's own inputs (sameInputsAs), so they cost no extra sandbox calls.

/** Types one check by its argument tuple (arbitrary, reference and mistakes must agree), then erases it for the list. */
const check = <Args extends unknown[]>(c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;

function lstmCellBackward(): FunctionDefinition {
  const common = {
    argNames: ['p', 'hPrev', 'cPrev', 'x', 'dh', 'dc'], expected: lecture.lstmCellBackward, mistakes: lstmMistakes, tolerance: GRADIENT_TOLERANCE,
  };
  return {
    name: 'lstmCellBackward',
    dependsOn: ['03-lstm-cell/lstmCell'],
    checks: [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: lstmArgs(ORDINARY),
        description: 'lstmCellBackward returns dL/d(x, h_{t-1}, C_{t-1}, every W and b) for L = sum(h_t * dh) + sum(C_t * dc) on ordinary inputs' }),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: lstmArgs(EXTREME),
        description: 'lstmCellBackward stays finite and correct at saturated gates (pre-activations up to |a| = 1000)' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: lstmArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
        description: 'lstmCellBackward leaves its arguments (dh and dc included) unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: lstmArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
        description: 'lstmCellBackward returns { dx, dhPrev, dcPrev, dParams } with every gradient shaped like its argument' }),
    ],
  };
}

function gruCellBackward(): FunctionDefinition {
  const common = { argNames: ['p', 'hPrev', 'x', 'dh'], expected: lecture.gruCellBackward, mistakes: gruMistakes, tolerance: GRADIENT_TOLERANCE };
  return {
    name: 'gruCellBackward',
    dependsOn: ['05-gru-cell/gruCell'],
    checks: [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: gruArgs(ORDINARY),
        description: 'gruCellBackward returns dL/d(x, h_{t-1}, every W and b) for L = sum(h_t * dh) on ordinary inputs' }),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: gruArgs(EXTREME),
        description: 'gruCellBackward stays finite and correct at saturated gates (pre-activations up to |a| = 1000)' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: gruArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
        description: 'gruCellBackward leaves its arguments (dh included) unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: gruArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
        description: 'gruCellBackward returns { dx, dhPrev, dParams } with every gradient shaped like its argument' }),
    ],
  };
}

export const definition: ExerciseDefinition = {
  id: '08-bptt',
  entry: 'src/bptt.ts',
  title: 'Backpropagation through one LSTM and one GRU step',
  functions: [lstmCellBackward(), gruCellBackward()],
};

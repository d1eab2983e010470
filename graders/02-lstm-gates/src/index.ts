// Grader of exercise 02-lstm-gates: the lecture's four LSTM steps one function at a time, against
// packages/kernels' lecture reference on generated inputs, with the known mistakes of catalogue.ts.
import { VALUE_TOLERANCE, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition, type Mistake } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { cellStateArgs, EXTREME, gateArgs, hiddenStateArgs, ORDINARY, type GateArgs } from './arbitraries.js';
import { cellStateMistakes, gateMistakes, hiddenStateMistakes } from './catalogue.js';

/** Default points per check kind (the course configuration may rescale a function's total). */
export const POINTS = { correctness: 2, robustness: 1, purity: 0.5, shape: 0.5 } as const;

/** Types one check by its argument tuple (arbitrary, reference and mistakes must agree), then erases it for the list. */
const check = <Args extends unknown[]>(c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;

function gateFunction(name: string, act: 'sigmoid' | 'tanh', equation: string, reference: (...a: GateArgs) => number[], dependsOn: string): FunctionDefinition {
  const mistakes: Mistake<GateArgs>[] = gateMistakes(act, name);
  const common = { argNames: ['p', 'hPrev', 'x'], expected: reference, mistakes, tolerance: VALUE_TOLERANCE };
  return {
    name,
    dependsOn: [dependsOn],
    checks: [
      check<GateArgs>({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: gateArgs(ORDINARY),
        description: `${name} computes ${equation} on ordinary inputs` }),
      check<GateArgs>({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: gateArgs(EXTREME),
        description: `${name} stays finite and correct for pre-activations up to |a| = 1000` }),
      check<GateArgs>({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: gateArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
        description: `${name} leaves its arguments unchanged` }),
      check<GateArgs>({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: gateArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
        description: `${name} returns one number per hidden unit` }),
    ],
  };
}

// No robustness check: cellState has no activation, so nothing can overflow.
const cellState: FunctionDefinition = {
  name: 'cellState',
  checks: ((): CheckDefinition[] => {
    const common = { argNames: ['f', 'cPrev', 'i', 'cTilde'], expected: lecture.cellState, mistakes: cellStateMistakes, arbitrary: cellStateArgs };
    return [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, description: 'cellState computes C_t = f_t * C_{t-1} + i_t * C~_t' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, compare: 'purity', sameInputsAs: 'correctness', description: 'cellState leaves its arguments unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, compare: 'shape', sameInputsAs: 'correctness', description: 'cellState returns one number per hidden unit' }),
    ];
  })(),
};

const hiddenState: FunctionDefinition = {
  name: 'hiddenState',
  dependsOn: ['01-activations/tanh'],
  checks: ((): CheckDefinition[] => {
    const common = { argNames: ['o', 'c'], expected: lecture.hiddenState, mistakes: hiddenStateMistakes };
    return [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: hiddenStateArgs(3),
        description: 'hiddenState computes h_t = o_t * tanh(C_t)' }),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: hiddenStateArgs(1000),
        description: 'hiddenState stays finite and correct for |C_t| up to 1000' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: hiddenStateArgs(3), compare: 'purity', sameInputsAs: 'correctness',
        description: 'hiddenState leaves its arguments unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: hiddenStateArgs(3), compare: 'shape', sameInputsAs: 'correctness',
        description: 'hiddenState returns one number per hidden unit' }),
    ];
  })(),
};

export const definition: ExerciseDefinition = {
  id: '02-lstm-gates',
  entry: 'src/lstm-gates.ts',
  title: 'LSTM gates (the lecture\'s four steps)',
  functions: [
    gateFunction('forgetGate', 'sigmoid', 'f_t = sigmoid(W_f . [h_{t-1}, x_t] + b_f)', lecture.forgetGate, '01-activations/sigmoid'),
    gateFunction('inputGate', 'sigmoid', 'i_t = sigmoid(W_i . [h_{t-1}, x_t] + b_i)', lecture.inputGate, '01-activations/sigmoid'),
    gateFunction('candidateCell', 'tanh', 'C~_t = tanh(W_C . [h_{t-1}, x_t] + b_C)', lecture.candidateCell, '01-activations/tanh'),
    cellState,
    gateFunction('outputGate', 'sigmoid', 'o_t = sigmoid(W_o . [h_{t-1}, x_t] + b_o)', lecture.outputGate, '01-activations/sigmoid'),
    hiddenState,
  ],
};

// Grader of exercise 04-gru-gates: the lecture's GRU equations one function at a time, checked against
// packages/kernels' lecture reference on generated inputs, with the known mistakes of catalogue.ts.
import { VALUE_TOLERANCE, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { candidateArgs, EXTREME, gateArgs, interpolationArgs, ORDINARY } from './arbitraries.js';
import { candidateMistakes, gateMistakes, interpolationMistakes } from './catalogue.js';

/** Default points per check kind (the course configuration may rescale a function's total). */
export const POINTS = { correctness: 2, robustness: 1, purity: 0.5, shape: 0.5 } as const;

// purity and shape judge the correctness check's own inputs (sameInputsAs), so they cost no extra sandbox calls.

/** Types one check by its argument tuple (arbitrary, reference and mistakes must agree), then erases it for the list. */
const check = <Args extends unknown[]>(c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;

const GATE_ARGS = ['p', 'hPrev', 'x'];
const CANDIDATE_ARGS = ['p', 'r', 'hPrev', 'x'];
const INTERPOLATION_ARGS = ['z', 'hPrev', 'hTilde'];

function sigmoidGate(name: 'updateGate' | 'resetGate', equation: string): FunctionDefinition {
  const reference = name === 'updateGate' ? lecture.updateGate : lecture.resetGate;
  const mistakes = gateMistakes(name === 'updateGate' ? 'update' : 'reset');
  const common = { argNames: GATE_ARGS, expected: reference, mistakes };
  const checks: CheckDefinition[] = [
    check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: gateArgs(ORDINARY), tolerance: VALUE_TOLERANCE,
      description: `${name} computes ${equation} on ordinary inputs` }),
    check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: gateArgs(EXTREME), tolerance: VALUE_TOLERANCE,
      description: `${name} stays finite and correct for pre-activations up to |a| = 1000` }),
    check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: gateArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
      description: `${name} leaves its arguments unchanged` }),
    check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: gateArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
      description: `${name} returns one number per hidden unit` }),
  ];
  return { name, dependsOn: ['01-activations/sigmoid'], checks };
}

const candidateHidden: FunctionDefinition = {
  name: 'candidateHidden',
  dependsOn: ['01-activations/tanh'],
  checks: ((): CheckDefinition[] => {
    const common = { argNames: CANDIDATE_ARGS, expected: lecture.candidateHidden, mistakes: candidateMistakes };
    return [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: candidateArgs(ORDINARY), tolerance: VALUE_TOLERANCE,
        description: 'candidateHidden computes h~_t = tanh(W . [r_t * h_{t-1}, x_t] + b) on ordinary inputs' }),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: candidateArgs(EXTREME), tolerance: VALUE_TOLERANCE,
        description: 'candidateHidden stays finite and correct for pre-activations up to |a| = 1000' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: candidateArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
        description: 'candidateHidden leaves its arguments unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: candidateArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
        description: 'candidateHidden returns one number per hidden unit' }),
    ];
  })(),
};

// No robustness check: gruHidden has no activation, so nothing can overflow.
const gruHidden: FunctionDefinition = {
  name: 'gruHidden',
  checks: ((): CheckDefinition[] => {
    const common = { argNames: INTERPOLATION_ARGS, expected: lecture.gruHidden, mistakes: interpolationMistakes, arbitrary: interpolationArgs(ORDINARY) };
    return [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, tolerance: VALUE_TOLERANCE,
        description: 'gruHidden computes h_t = (1 - z_t) * h_{t-1} + z_t * h~_t' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, compare: 'purity', sameInputsAs: 'correctness',
        description: 'gruHidden leaves its arguments unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, compare: 'shape', sameInputsAs: 'correctness',
        description: 'gruHidden returns one number per hidden unit' }),
    ];
  })(),
};

export const definition: ExerciseDefinition = {
  id: '04-gru-gates',
  entry: 'src/gru-gates.ts',
  title: 'GRU gates (the lecture\'s equations)',
  functions: [
    sigmoidGate('updateGate', 'z_t = sigmoid(W_z . [h_{t-1}, x_t] + b_z)'),
    sigmoidGate('resetGate', 'r_t = sigmoid(W_r . [h_{t-1}, x_t] + b_r)'),
    candidateHidden,
    gruHidden,
  ],
};

// Grader of exercise 05-gru-cell: one lecture GRU step, then a whole sequence, checked against packages/kernels'
// lecture reference on generated inputs, with the known mistakes of catalogue.ts.
import { VALUE_TOLERANCE, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { cellArgs, EXTREME, forwardArgs, ORDINARY } from './arbitraries.js';
import { cellMistakes, forwardMistakes } from './catalogue.js';

/** Default points per check kind (the course configuration may rescale a function's total). */
export const POINTS = { correctness: 2, robustness: 1, purity: 0.5, shape: 0.5 } as const;

// purity and shape judge the correctness check's own inputs (sameInputsAs), so they cost no extra sandbox calls.

/** Types one check by its argument tuple (arbitrary, reference and mistakes must agree), then erases it for the list. */
const check = <Args extends unknown[]>(c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;

function gruCell(): FunctionDefinition {
  const common = { argNames: ['p', 'hPrev', 'x'], expected: lecture.gruCell, mistakes: cellMistakes };
  return {
    name: 'gruCell',
    dependsOn: ['04-gru-gates/updateGate', '04-gru-gates/resetGate', '04-gru-gates/candidateHidden', '04-gru-gates/gruHidden'],
    checks: [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: cellArgs(ORDINARY), tolerance: VALUE_TOLERANCE,
        description: 'gruCell computes one lecture GRU step h_t from (h_{t-1}, x_t) on ordinary inputs' }),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: cellArgs(EXTREME), tolerance: VALUE_TOLERANCE,
        description: 'gruCell stays finite and correct for pre-activations up to |a| = 1000' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: cellArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
        description: 'gruCell leaves its arguments unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: cellArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
        description: 'gruCell returns h_t, one number per hidden unit' }),
    ],
  };
}

function gruForward(): FunctionDefinition {
  const common = { argNames: ['p', 'xs', 'h0'], expected: lecture.gruForward, mistakes: forwardMistakes };
  return {
    name: 'gruForward',
    dependsOn: ['05-gru-cell/gruCell'],
    checks: [
      check({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: forwardArgs(ORDINARY), tolerance: VALUE_TOLERANCE,
        description: 'gruForward runs the GRU over xs in order (hs[t] after reading xs[t], h the last state) on ordinary inputs' }),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: forwardArgs(EXTREME), tolerance: VALUE_TOLERANCE,
        description: 'gruForward stays finite and correct for pre-activations up to |a| = 1000' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: forwardArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
        description: 'gruForward leaves its arguments (h0 included) unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: forwardArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
        description: 'gruForward returns { hs, h } with one state per input' }),
    ],
  };
}

export const definition: ExerciseDefinition = {
  id: '05-gru-cell',
  entry: 'src/gru-cell.ts',
  title: 'GRU cell and sequence (the lecture\'s form)',
  functions: [gruCell(), gruForward()],
};

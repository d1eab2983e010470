// Grader of exercise 03-lstm-cell: one LSTM step and a whole sequence, against packages/kernels' lecture
// reference, with the known mistakes of catalogue.ts (a cell mistake is diagnosed in lstmForward too).
import { VALUE_TOLERANCE, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { cellArgs, EXTREME, forwardArgs, ORDINARY, type CellArgs, type ForwardArgs } from './arbitraries.js';
import { cellMistakes, forwardMistakes } from './catalogue.js';

/** Default points per check kind (the course configuration may rescale a function's total). */
export const POINTS = { correctness: 2, robustness: 1, purity: 0.5, shape: 0.5 } as const;

const check = <Args extends unknown[]>(c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;

const lstmCell: FunctionDefinition = {
  name: 'lstmCell',
  dependsOn: ['forgetGate', 'inputGate', 'candidateCell', 'cellState', 'outputGate', 'hiddenState'].map((f) => `02-lstm-gates/${f}`),
  checks: ((): CheckDefinition[] => {
    const common = { argNames: ['p', 'hPrev', 'cPrev', 'x'], expected: lecture.lstmCell, mistakes: cellMistakes, tolerance: VALUE_TOLERANCE };
    return [
      check<CellArgs>({ ...common, kind: 'correctness', points: POINTS.correctness, arbitrary: cellArgs(ORDINARY),
        description: 'lstmCell computes one step (f, i, C~, o; C_t = f*C_{t-1} + i*C~; h_t = o*tanh(C_t)) on ordinary inputs' }),
      check<CellArgs>({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: cellArgs(EXTREME),
        description: 'lstmCell stays finite and correct for pre-activations and cells up to 1000' }),
      check<CellArgs>({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: cellArgs(ORDINARY), compare: 'purity', sameInputsAs: 'correctness',
        description: 'lstmCell leaves its arguments unchanged' }),
      check<CellArgs>({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: cellArgs(ORDINARY), compare: 'shape', sameInputsAs: 'correctness',
        description: 'lstmCell returns { h, c }, each with one number per hidden unit' }),
    ];
  })(),
};

// No robustness check of its own: lstmForward adds no arithmetic to lstmCell, whose robustness is checked above.
const lstmForward: FunctionDefinition = {
  name: 'lstmForward',
  dependsOn: ['03-lstm-cell/lstmCell'],
  checks: ((): CheckDefinition[] => {
    const common = { argNames: ['p', 'xs', 'h0', 'c0'], expected: lecture.lstmForward, mistakes: forwardMistakes,
      tolerance: VALUE_TOLERANCE, arbitrary: forwardArgs(ORDINARY) };
    return [
      check<ForwardArgs>({ ...common, kind: 'correctness', points: POINTS.correctness,
        description: 'lstmForward runs the cell over xs in order, carrying (h, C) from step to step' }),
      check<ForwardArgs>({ ...common, kind: 'purity', points: POINTS.purity, compare: 'purity', sameInputsAs: 'correctness',
        description: 'lstmForward leaves its arguments unchanged' }),
      check<ForwardArgs>({ ...common, kind: 'shape', points: POINTS.shape, compare: 'shape', sameInputsAs: 'correctness',
        description: 'lstmForward returns { hs, h, c }: one h_t per step, and the last state' }),
    ];
  })(),
};

export const definition: ExerciseDefinition = {
  id: '03-lstm-cell',
  entry: 'src/lstm-cell.ts',
  title: 'LSTM cell and sequence',
  functions: [lstmCell, lstmForward],
};

// Grader of exercise 08-bptt: the gradients of one lecture LSTM step and one lecture GRU step, compared with
// packages/kernels' reference backward (itself held to centred finite differences in this package's tests)
// under grading.md's gradient tolerance, with the known backward mistakes of catalogue.ts.
import { GRADIENT_TOLERANCE, type CheckDefinition, type ExerciseDefinition, type FunctionDefinition } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { EXTREME, gruArgs, lstmArgs, ORDINARY } from './arbitraries.js';
import { gruMistakes, lstmMistakes } from './catalogue.js';

/** Default points per check kind (the course configuration may rescale a function's total). */
export const POINTS = { correctness: 3, robustness: 1, purity: 0.5, shape: 0.5 } as const;

/** Types one check by its argument tuple (arbitrary, reference and mistakes must agree), then erases it for the list. */
const check = <Args extends unknown[]>(c: CheckDefinition<Args>): CheckDefinition => c as unknown as CheckDefinition;

/**
 * The gradient tensors of each result, each judged by its own correctness check (`correctness-<tensor>`), so the
 * score and the feedback say which gradient is wrong. The first is the one the others share inputs with.
 */
export const LSTM_TENSORS = ['dx', 'dhPrev', 'dcPrev', ...['f', 'i', 'c', 'o'].flatMap((g) => [`dParams.${g}.W`, `dParams.${g}.b`])] as const;
export const GRU_TENSORS = ['dx', 'dhPrev', ...['z', 'r', 'h'].flatMap((g) => [`dParams.${g}.W`, `dParams.${g}.b`])] as const;

/**
 * The correctness points of one tensor: half of `POINTS.correctness` for the gradients flowing back to earlier
 * steps and layers (`dx`, `dhPrev`, `dcPrev`), half for the parameters', each half shared equally (LSTM: 0.5 and
 * 0.1875, GRU: 0.75 and 0.25 — sums stay exact in binary).
 */
export function tensorPoints(tensors: readonly string[], tensor: string): number {
  const params = tensors.filter((t) => t.startsWith('dParams.')).length;
  const flowing = tensors.length - params;
  return POINTS.correctness / 2 / (tensor.startsWith('dParams.') ? params : flowing);
}

const FIRST = 'correctness-dx';

/** What a tensor is the gradient with respect to, for check descriptions (`dParams.f.W` → `W_f`). */
const respectTo = (tensor: string): string => {
  const m = /^dParams\.(\w)\.(W|b)$/.exec(tensor);
  return m ? `${m[2]}_${m[1]}` : ({ dx: 'x_t', dhPrev: 'h_{t-1}', dcPrev: 'C_{t-1}' } as Record<string, string>)[tensor] ?? tensor;
};

/** One correctness check per tensor; all draw the inputs of the first (memoised sandbox: one call per input). */
function tensorChecks<Args extends unknown[]>(name: string, loss: string, tensors: readonly string[],
  common: Omit<CheckDefinition<Args>, 'kind' | 'points' | 'description' | 'arbitrary'>, arbitrary: CheckDefinition<Args>['arbitrary']): CheckDefinition[] {
  return tensors.map((tensor) => check<Args>({
    ...common, kind: `correctness-${tensor}`, part: tensor, points: tensorPoints(tensors, tensor), arbitrary,
    ...(`correctness-${tensor}` === FIRST ? {} : { sameInputsAs: FIRST }),
    description: `${name} returns ${tensor} = dL/d${respectTo(tensor)} for ${loss} on ordinary inputs`,
  }));
}

// purity and shape judge the correctness checks' own inputs (sameInputsAs), so they cost no extra sandbox calls.

function lstmCellBackward(): FunctionDefinition {
  const common = {
    argNames: ['p', 'hPrev', 'cPrev', 'x', 'dh', 'dc'], expected: lecture.lstmCellBackward, mistakes: lstmMistakes, tolerance: GRADIENT_TOLERANCE,
  };
  return {
    name: 'lstmCellBackward',
    dependsOn: ['03-lstm-cell/lstmCell'],
    checks: [
      ...tensorChecks('lstmCellBackward', 'L = sum(h_t * dh) + sum(C_t * dc)', LSTM_TENSORS, common, lstmArgs(ORDINARY)),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: lstmArgs(EXTREME),
        description: 'lstmCellBackward stays finite and correct at saturated gates (pre-activations up to |a| = 1000)' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: lstmArgs(ORDINARY), compare: 'purity', sameInputsAs: FIRST,
        description: 'lstmCellBackward leaves its arguments (dh and dc included) unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: lstmArgs(ORDINARY), compare: 'shape', sameInputsAs: FIRST,
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
      ...tensorChecks('gruCellBackward', 'L = sum(h_t * dh)', GRU_TENSORS, common, gruArgs(ORDINARY)),
      check({ ...common, kind: 'robustness', points: POINTS.robustness, arbitrary: gruArgs(EXTREME),
        description: 'gruCellBackward stays finite and correct at saturated gates (pre-activations up to |a| = 1000)' }),
      check({ ...common, kind: 'purity', points: POINTS.purity, arbitrary: gruArgs(ORDINARY), compare: 'purity', sameInputsAs: FIRST,
        description: 'gruCellBackward leaves its arguments (dh included) unchanged' }),
      check({ ...common, kind: 'shape', points: POINTS.shape, arbitrary: gruArgs(ORDINARY), compare: 'shape', sameInputsAs: FIRST,
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

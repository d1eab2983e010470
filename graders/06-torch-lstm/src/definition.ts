// Exercise 06's grader: the student's `lstm` against torch.nn.LSTM (packages/kernels' torchLstm) on generated
// configurations. One check per feature, so the points and the feedback say which option is handled wrong;
// `combined` then draws every option at once (where features interact: a stacked bidirectional layer reads
// 2*H_out features, batchFirst does not apply to unbatched input, ...).
import type { CheckDefinition, ExerciseDefinition } from '@gatecheck/grading';
import { torchLstm } from '@gatecheck/kernels';
import { argsArbitrary, BASIC, EVERY_OPTION, type CaseSpace, type LstmArgs } from './cases.js';
import { catalogue } from './catalogue.js';

const ARG_NAMES = ['opts', 'params', 'input', 'state'];

function check(kind: string, points: number, description: string, space: CaseSpace,
  extra: Partial<CheckDefinition<LstmArgs>> = {}): CheckDefinition<LstmArgs> {
  return {
    kind, points, description, argNames: ARG_NAMES,
    arbitrary: argsArbitrary(space),
    expected: (...args) => torchLstm(...args),
    mistakes: catalogue,
    ...extra,
  };
}

// shape and purity judge the very inputs `combined` draws (same seed, same arbitrary), so each call of the
// student's function serves all three checks.
const onCombinedInputs = (compare: 'shape' | 'purity'): Partial<CheckDefinition<LstmArgs>> => ({ compare, sameInputsAs: 'combined' });

export const checks: CheckDefinition<LstmArgs>[] = [
  check('correctness', 4, 'lstm with the defaults (one layer, one direction, (L, N, H_in) input, zero initial state) matches torch.nn.LSTM', BASIC),
  check('initial-state', 1, 'lstm starts from a given state { h0, c0 }', { ...BASIC, initialState: true }),
  check('no-bias', 1, 'lstm with bias: false (no bias_* entries in params)', { ...BASIC, bias: false }),
  check('batch-first', 1, 'lstm with batchFirst: true reads (N, L, H_in) and returns (N, L, H_out)', { ...BASIC, batchFirst: true }),
  check('unbatched', 1, 'lstm on unbatched input (L, H_in) returns unbatched output and states', { ...BASIC, unbatched: true }),
  check('stacked', 2, 'lstm with numLayers 2–3: each layer reads the output of the layer below', { ...BASIC, layers: [2, 3] }),
  check('bidirectional', 2, 'lstm with bidirectional: true concatenates [forward, backward] at every step', { ...BASIC, bidirectional: true }),
  check('projection', 2, 'lstm with projSize > 0 projects h = W_hr (o * tanh(c)) inside the recurrence', { ...BASIC, projection: true }),
  check('combined', 2, 'lstm with every option drawn together (layers, bias, batchFirst, bidirectional, projSize, unbatched input, initial state)', EVERY_OPTION),
  check('shape', 1, 'output, hN and cN have exactly PyTorch\'s shapes for every option', EVERY_OPTION, onCombinedInputs('shape')),
  check('purity', 1, 'lstm leaves opts, params, input and state unchanged', EVERY_OPTION, onCombinedInputs('purity')),
];

export const definition: ExerciseDefinition = {
  id: '06-torch-lstm',
  entry: 'src/torch-lstm.ts',
  title: "PyTorch's nn.LSTM",
  functions: [{ name: 'lstm', checks: checks as CheckDefinition[] }],
};

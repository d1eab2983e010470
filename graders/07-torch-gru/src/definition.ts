// Exercise 07's grader: the student's `gru` against torch.nn.GRU (packages/kernels' torchGru) on generated
// configurations. One check per feature, so the points and the feedback say which option is handled wrong;
// `combined` then draws every option at once (where features interact: a stacked bidirectional layer reads
// 2*H features, batchFirst does not apply to unbatched input, ...).
import type { CheckDefinition, ExerciseDefinition } from '@gatecheck/grading';
import { torchGru } from '@gatecheck/kernels';
import { argsArbitrary, BASIC, EVERY_OPTION, type CaseSpace, type GruArgs } from './cases.js';
import { catalogue } from './catalogue.js';

const ARG_NAMES = ['opts', 'params', 'input', 'h0'];

function check(kind: string, points: number, description: string, space: CaseSpace,
  extra: Partial<CheckDefinition<GruArgs>> = {}): CheckDefinition<GruArgs> {
  return {
    kind, points, description, argNames: ARG_NAMES,
    arbitrary: argsArbitrary(space),
    expected: (...args) => torchGru(...args),
    mistakes: catalogue,
    ...extra,
  };
}

// shape and purity judge the very inputs `combined` draws (same seed, same arbitrary), so each call of the
// student's function serves all three checks.
const onCombinedInputs = (compare: 'shape' | 'purity'): Partial<CheckDefinition<GruArgs>> => ({ compare, sameInputsAs: 'combined' });

export const checks: CheckDefinition<GruArgs>[] = [
  check('correctness', 4, 'gru with the defaults (one layer, one direction, (L, N, H_in) input, zero h0) matches torch.nn.GRU', BASIC),
  check('initial-state', 1, 'gru starts from a given h0', { ...BASIC, initialState: true }),
  check('no-bias', 1, 'gru with bias: false (no bias_* entries in params)', { ...BASIC, bias: false }),
  check('batch-first', 1, 'gru with batchFirst: true reads (N, L, H_in) and returns (N, L, H)', { ...BASIC, batchFirst: true }),
  check('unbatched', 1, 'gru on unbatched input (L, H_in) returns unbatched output and hN', { ...BASIC, unbatched: true }),
  check('stacked', 2, 'gru with numLayers 2–3: each layer reads the output of the layer below', { ...BASIC, layers: [2, 3] }),
  check('bidirectional', 2, 'gru with bidirectional: true concatenates [forward, backward] at every step', { ...BASIC, bidirectional: true }),
  check('combined', 2, 'gru with every option drawn together (layers, bias, batchFirst, bidirectional, unbatched input, h0)', EVERY_OPTION),
  check('shape', 1, 'output and hN have exactly PyTorch\'s shapes for every option', EVERY_OPTION, onCombinedInputs('shape')),
  check('purity', 1, 'gru leaves opts, params, input and h0 unchanged', EVERY_OPTION, onCombinedInputs('purity')),
];

export const definition: ExerciseDefinition = {
  id: '07-torch-gru',
  entry: 'src/torch-gru.ts',
  title: "PyTorch's nn.GRU",
  functions: [{ name: 'gru', checks: checks as CheckDefinition[] }],
};

// Known mistakes of exercise 07, tried in this order on a failed check's counterexample and a few more inputs
// (the first one that reproduces the submission on all of them names the diagnosis). Mistakes that are a
// reshuffle of the problem (gate order, a dropped bias, the lecture's interpolation, flipped time, ignored
// batchFirst, a kept batch axis) run the trusted kernel on reshuffled inputs or outputs, so they cover every
// variant of the mistake; the others run the known-mistake student file of the same id from ../mistakes.
import type { Mistake } from '@gatecheck/grading';
import { torchGru } from '@gatecheck/kernels';
import { gru as activationSwap } from '../mistakes/activation-swap.js';
import { gru as lectureReset } from '../mistakes/gru-lecture-reset.js';
import { gru as layerInputWrong } from '../mistakes/layer-input-wrong.js';
import { gru as reverseNotRealigned } from '../mistakes/reverse-not-realigned.js';
import { gru as stateNotCarried } from '../mistakes/state-not-carried.js';
import { gru as wrongShape } from '../mistakes/wrong-shape.js';
import type { GruArgs, Tensor } from './cases.js';
import { isUnbatched, layoutOf, negateGateBlock, permuteGateBlocks, reverseTime, unalignBackward, withBatchOfOne, zeroBias } from './tensor-ops.js';

type GruMistake = Mistake<GruArgs>;

const GATES = ['r', 'z', 'n'] as const;
const Z_BLOCK = 1;

/** The lecture's h' = (1 - z) * h + z * n is PyTorch's GRU with the z block's pre-activation negated. */
const lectureInterpolation = (params: GruArgs[1]) => negateGateBlock(params, Z_BLOCK, GATES.length);

const RESET_EXPLANATION = 'Your GRU applies the reset gate the lecture\'s way, to h before the product: ' +
  'n = tanh(W_in x + b_in + W_hn (r * h) + b_hn). This exercise grades PyTorch\'s nn.GRU, which applies it ' +
  'after the product: n = tanh(W_in x + b_in + r * (W_hn h + b_hn)).';
const INTERPOLATION_EXPLANATION = 'Your GRU mixes the old and new state the lecture\'s way, h\' = (1 - z) * h + z * n. ' +
  'This exercise grades PyTorch\'s nn.GRU, which keeps the old state with weight z: h\' = (1 - z) * n + z * h.';
const BOTH_EXPLANATION = 'Your GRU follows the lecture\'s convention in both places where PyTorch\'s nn.GRU (graded ' +
  'here) differs: it applies the reset gate before the product, n = tanh(W_in x + b_in + W_hn (r * h) + b_hn), where ' +
  'PyTorch computes n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); and it mixes h\' = (1 - z) * h + z * n, where ' +
  'PyTorch computes h\' = (1 - z) * n + z * h.';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((first, k) =>
    permutations([...items.slice(0, k), ...items.slice(k + 1)]).map((rest) => [first, ...rest]));
}

/** A submission that believes the blocks are stacked in `believed` order reads gate q from block believed.indexOf(q). */
function gateOrder(believed: readonly string[]): GruMistake {
  const from = GATES.map((q) => believed.indexOf(q));
  const lecture = believed.join('') === 'zrn' ? " (the lecture's order, update gate first)" : '';
  return {
    id: 'gate-order',
    compute: (opts, params, input, h0) => torchGru(opts, permuteGateBlocks(params, from), input, h0),
    explanation: `Your code reads PyTorch's stacked gate blocks as ${believed.join(', ')}${lecture}, but PyTorch stacks ` +
      `them r, z, n: in weight_ih_l*, weight_hh_l*, bias_ih_l* and bias_hh_l*, rows 0..H-1 belong to the reset ` +
      `gate r, H..2H-1 to the update gate z and 2H..3H-1 to the candidate n.`,
  };
}

const gateOrders: GruMistake[] = [
  gateOrder(['z', 'r', 'n']),
  ...permutations<string>(GATES).filter((p) => !['rzn', 'zrn'].includes(p.join(''))).map(gateOrder),
];

/**
 * Ignoring batchFirst, a submission takes (N, L, H_in) for (L'=N, N'=L, H_in). A given h0 of N entries per
 * layer then serves L batch elements: the first L are read (it throws when L > N, so those inputs never reach
 * diagnosis), and `keepsRest` says whether the unread ones come back untouched in hN, as when the submission
 * updates a copy of h0 in place.
 */
function batchFirstIgnored(keepsRest: boolean): GruMistake {
  return {
    id: 'batch-first-ignored',
    compute: (opts, params, input, h0) => {
      const asTimeMajor = { ...opts, batchFirst: false };
      if (!opts.batchFirst || h0 === undefined || isUnbatched(input)) return torchGru(asTimeMajor, params, input, h0);
      const used = ((input as Tensor[])[0] as Tensor[]).length;
      const r = torchGru(asTimeMajor, params, input, (h0 as Tensor[][]).map((s) => s.slice(0, used)));
      if (!keepsRest) return r;
      return { ...r, hN: (r.hN as Tensor[][]).map((s, k) => [...s, ...(h0 as Tensor[][])[k]!.slice(used)]) };
    },
    explanation: 'With batchFirst: true, input is (N, L, H_in) and output must be (N, L, D*H), but your code reads ' +
      'and writes (L, N, ...) as if batchFirst were false. h0 and hN keep (D*numLayers, N, H) either way.',
  };
}

export const catalogue: GruMistake[] = [
  {
    id: 'gru-lecture-reset',
    compute: (opts, params, input, h0) => lectureReset(opts, lectureInterpolation(params), input, h0),
    explanation: BOTH_EXPLANATION,
  },
  { id: 'gru-lecture-reset', compute: lectureReset, explanation: RESET_EXPLANATION },
  {
    id: 'gru-lecture-interpolation',
    compute: (opts, params, input, h0) => torchGru(opts, lectureInterpolation(params), input, h0),
    explanation: INTERPOLATION_EXPLANATION,
  },
  ...gateOrders,
  {
    id: 'activation-swap',
    compute: activationSwap,
    explanation: 'Your candidate n goes through sigmoid like the gates. It must go through tanh, ' +
      'n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), so that it can be negative; only r and z use sigmoid.',
  },
  {
    id: 'bias-hh-missing',
    compute: (opts, params, input, h0) => torchGru(opts, zeroBias(params, 'hh'), input, h0),
    explanation: 'Your code adds bias_ih but not bias_hh. PyTorch keeps two biases per gate and adds both ' +
      '(W_ih x + b_ih + W_hh h + b_hh for r and z); for n, b_hn sits inside the reset: r * (W_hn h + b_hn).',
  },
  {
    id: 'bias-hh-missing',
    compute: (opts, params, input, h0) => torchGru(opts, zeroBias(params, 'ih'), input, h0),
    explanation: 'Your code adds bias_hh but not bias_ih. PyTorch keeps two biases per gate and adds both ' +
      '(W_ih x + b_ih + W_hh h + b_hh for r and z; W_in x + b_in + r * (W_hn h + b_hn) for n).',
  },
  {
    id: 'missing-bias',
    compute: (opts, params, input, h0) => torchGru(opts, zeroBias(zeroBias(params, 'ih'), 'hh'), input, h0),
    explanation: 'Your code leaves the biases out although bias is true (the default): every gate\'s pre-activation ' +
      'must include bias_ih_l* and bias_hh_l*.',
  },
  {
    id: 'state-not-carried',
    compute: stateNotCarried,
    explanation: 'Every step of your GRU starts again from the initial state h0 — zeros when it is not given — ' +
      'instead of from the previous step\'s h. Carry h from each step to the next.',
  },
  {
    id: 'sequence-reversed',
    compute: (opts, params, input, h0) => {
      const r = torchGru(opts, params, input, h0);
      return { ...r, output: reverseTime(r.output, layoutOf(opts.batchFirst, input)) };
    },
    explanation: 'Your output lists the steps back to front: output[t] (time is the first axis, the second with ' +
      'batchFirst) must be the top layer\'s h after reading input[t], and yours is the one for step L-1-t.',
  },
  {
    id: 'sequence-reversed',
    compute: (opts, params, input, h0) => {
      const layout = layoutOf(opts.batchFirst, input);
      const r = torchGru(opts, params, reverseTime(input, layout), h0);
      return { ...r, output: reverseTime(r.output, layout) };
    },
    explanation: 'Your GRU reads the input from its last step to its first. The forward direction reads input[0] ' +
      'first; only the backward direction of a bidirectional GRU reads from the end.',
  },
  {
    id: 'sequence-reversed',
    compute: (opts, params, input, h0) => torchGru(opts, params, reverseTime(input, layoutOf(opts.batchFirst, input)), h0),
    explanation: 'Your GRU reads the input from its last step to its first. The forward direction reads input[0] ' +
      'first; only the backward direction of a bidirectional GRU reads from the end.',
  },
  {
    id: 'reverse-not-realigned',
    compute: reverseNotRealigned,
    explanation: 'Your bidirectional GRU stores the backward direction\'s outputs in the order it computed them. ' +
      'PyTorch puts them back in time order: the backward half of output[t] is the backward state after reading ' +
      'input[L-1] down to input[t], and that realigned sequence is also what the layer above reads.',
  },
  {
    id: 'reverse-not-realigned',
    compute: (opts, params, input, h0) => {
      const r = torchGru(opts, params, input, h0);
      return { ...r, output: unalignBackward(r.output, layoutOf(opts.batchFirst, input)) };
    },
    explanation: 'Your bidirectional GRU returns the backward direction\'s outputs in the order it computed them. ' +
      'PyTorch puts them back in time order: the backward half of output[t] is the backward state after reading ' +
      'input[L-1] down to input[t].',
  },
  batchFirstIgnored(true),
  batchFirstIgnored(false),
  {
    id: 'layer-input-wrong',
    compute: layerInputWrong,
    explanation: 'In your stacked GRU every layer reads the raw input. Layer l > 0 must read the output sequence ' +
      'of layer l-1 (both directions concatenated, D*H features — that is why weight_ih_l1 has D*H columns).',
  },
  {
    id: 'wrong-shape',
    compute: wrongShape,
    explanation: 'For unbatched input (L, H_in), PyTorch returns hN without a batch axis: (D*numLayers, H). ' +
      'Your code keeps a batch axis of 1 there.',
  },
  {
    id: 'wrong-shape',
    compute: (...args) => {
      const r = torchGru(...args);
      return isUnbatched(args[2]) ? { output: withBatchOfOne(r.output), hN: withBatchOfOne(r.hN) } : r;
    },
    explanation: 'For unbatched input (L, H_in), PyTorch returns output (L, D*H) and hN (D*numLayers, H), both ' +
      'without a batch axis. Your code keeps a batch axis of 1.',
  },
  {
    id: 'wrong-shape',
    compute: (...args) => {
      const r = torchGru(...args);
      return isUnbatched(args[2]) ? { ...r, output: withBatchOfOne(r.output) } : r;
    },
    explanation: 'For unbatched input (L, H_in), PyTorch returns output as (L, D*H), without a batch axis. ' +
      'Your output keeps a batch axis of 1.',
  },
];

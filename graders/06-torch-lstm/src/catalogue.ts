// Known mistakes of exercise 06, tried in this order on a failed check's counterexample and a few more inputs
// (the first one that reproduces the submission on all of them names the diagnosis). Mistakes that are a
// reshuffle of the problem (gate order, a dropped bias, flipped time, ignored batchFirst, a kept batch axis)
// run the trusted kernel on reshuffled inputs or outputs, so they cover every variant of the mistake; the
// others run the known-mistake student file of the same id from ../mistakes.
import type { Mistake } from '@gatecheck/grading';
import { torchLstm } from '@gatecheck/kernels';
import { lstm as activationSwap } from '../mistakes/activation-swap.js';
import { lstm as layerInputWrong } from '../mistakes/layer-input-wrong.js';
import { lstm as projectionMisplaced } from '../mistakes/projection-misplaced.js';
import { lstm as reverseNotRealigned } from '../mistakes/reverse-not-realigned.js';
import { lstm as stateNotCarried } from '../mistakes/state-not-carried.js';
import { lstm as wrongShape } from '../mistakes/wrong-shape.js';
import type { LstmArgs, Tensor } from './cases.js';
import { isUnbatched, layoutOf, permuteGateBlocks, reverseTime, unalignBackward, withBatchOfOne, zeroBias } from './tensor-ops.js';

type LstmMistake = Mistake<LstmArgs>;
type LstmResult = { output: unknown; hN: unknown; cN: unknown };

const GATES = ['i', 'f', 'g', 'o'] as const;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((first, k) =>
    permutations([...items.slice(0, k), ...items.slice(k + 1)]).map((rest) => [first, ...rest]));
}

/** A submission that believes the blocks are stacked in `believed` order reads gate q from block believed.indexOf(q). */
function gateOrder(believed: readonly string[]): LstmMistake {
  const from = GATES.map((q) => believed.indexOf(q));
  const lecture = believed.join('') === 'figo' ? " (the lecture's order)" : '';
  return {
    id: 'gate-order',
    compute: (opts, params, input, state) => torchLstm(opts, permuteGateBlocks(params, from), input, state),
    explanation: `Your code reads PyTorch's stacked gate blocks as ${believed.join(', ')}${lecture}, but PyTorch stacks ` +
      `them i, f, g, o: in weight_ih_l*, weight_hh_l*, bias_ih_l* and bias_hh_l*, rows 0..H-1 belong to the input ` +
      `gate i, H..2H-1 to the forget gate f, 2H..3H-1 to the cell candidate g and 3H..4H-1 to the output gate o.`,
  };
}

/** The lecture's order first: it is the likeliest. */
const gateOrders: LstmMistake[] = [
  gateOrder(['f', 'i', 'g', 'o']),
  ...permutations<string>(GATES).filter((p) => !['ifgo', 'figo'].includes(p.join(''))).map(gateOrder),
];

/** Each step's output of the trusted kernel, with the output sequence rearranged by `f`. */
const rearrangedOutput = (f: (output: LstmResult['output'], args: LstmArgs) => unknown) =>
  (...args: LstmArgs): LstmResult => {
    const r = torchLstm(...args);
    return { ...r, output: f(r.output, args) };
  };

/**
 * Ignoring batchFirst, a submission takes (N, L, H_in) for (L'=N, N'=L, H_in). A given state of N entries per
 * layer then serves L batch elements: the first L are read (it throws when L > N, so those inputs never reach
 * diagnosis), and `keepsRest` says whether the unread ones come back untouched in hN and cN, as when the
 * submission updates a copy of the given state in place.
 */
function batchFirstIgnored(keepsRest: boolean): LstmMistake {
  return {
    id: 'batch-first-ignored',
    compute: (opts, params, input, state) => {
      const asTimeMajor = { ...opts, batchFirst: false };
      if (!opts.batchFirst || state === undefined || isUnbatched(input)) return torchLstm(asTimeMajor, params, input, state);
      const used = ((input as Tensor[])[0] as Tensor[]).length;
      const first = (t: Tensor) => (t as Tensor[][]).map((s) => s.slice(0, used));
      const r = torchLstm(asTimeMajor, params, input, { h0: first(state.h0), c0: first(state.c0) });
      if (!keepsRest) return r;
      const withRest = (computed: Tensor, given: Tensor) =>
        (computed as Tensor[][]).map((s, k) => [...s, ...(given as Tensor[][])[k]!.slice(used)]);
      return { ...r, hN: withRest(r.hN, state.h0), cN: withRest(r.cN, state.c0) };
    },
    explanation: 'With batchFirst: true, input is (N, L, H_in) and output must be (N, L, D*H_out), but your code ' +
      'reads and writes (L, N, ...) as if batchFirst were false. The states h0, c0, hN and cN keep ' +
      '(D*numLayers, N, H) either way.',
  };
}

export const catalogue: LstmMistake[] = [
  ...gateOrders,
  {
    id: 'activation-swap',
    compute: activationSwap,
    explanation: 'Your cell candidate g goes through sigmoid like the gates. It must go through tanh, ' +
      'g = tanh(W_ig x + b_ig + W_hg h + b_hg), so that it can be negative; only i, f and o use sigmoid.',
  },
  {
    id: 'bias-hh-missing',
    compute: (opts, params, input, state) => torchLstm(opts, zeroBias(params, 'hh'), input, state),
    explanation: 'Your code adds bias_ih but not bias_hh. PyTorch keeps two biases per gate and adds both: ' +
      'W_ih x + b_ih + W_hh h + b_hh (the lecture\'s single b is their sum).',
  },
  {
    id: 'bias-hh-missing',
    compute: (opts, params, input, state) => torchLstm(opts, zeroBias(params, 'ih'), input, state),
    explanation: 'Your code adds bias_hh but not bias_ih. PyTorch keeps two biases per gate and adds both: ' +
      'W_ih x + b_ih + W_hh h + b_hh (the lecture\'s single b is their sum).',
  },
  {
    id: 'missing-bias',
    compute: (opts, params, input, state) => torchLstm(opts, zeroBias(zeroBias(params, 'ih'), 'hh'), input, state),
    explanation: 'Your code leaves the biases out although bias is true (the default): every gate\'s pre-activation ' +
      'must include bias_ih_l* and bias_hh_l*.',
  },
  {
    id: 'state-not-carried',
    compute: stateNotCarried,
    explanation: 'Every step of your LSTM starts again from the initial state (h0, c0) — zeros when no state is ' +
      'given — instead of from the previous step\'s h and c. Carry (h, c) from each step to the next.',
  },
  {
    id: 'sequence-reversed',
    compute: rearrangedOutput((output, [opts, , input]) => reverseTime(output as never, layoutOf(opts.batchFirst, input))),
    explanation: 'Your output lists the steps back to front: output[t] (time is the first axis, the second with ' +
      'batchFirst) must be the top layer\'s h after reading input[t], and yours is the one for step L-1-t.',
  },
  {
    id: 'sequence-reversed',
    compute: (opts, params, input, state) => {
      const layout = layoutOf(opts.batchFirst, input);
      const r = torchLstm(opts, params, reverseTime(input, layout), state);
      return { ...r, output: reverseTime(r.output, layout) };
    },
    explanation: 'Your LSTM reads the input from its last step to its first. The forward direction reads input[0] ' +
      'first; only the backward direction of a bidirectional LSTM reads from the end.',
  },
  {
    id: 'sequence-reversed',
    compute: (opts, params, input, state) => torchLstm(opts, params, reverseTime(input, layoutOf(opts.batchFirst, input)), state),
    explanation: 'Your LSTM reads the input from its last step to its first. The forward direction reads input[0] ' +
      'first; only the backward direction of a bidirectional LSTM reads from the end.',
  },
  {
    id: 'reverse-not-realigned',
    compute: reverseNotRealigned,
    explanation: 'Your bidirectional LSTM stores the backward direction\'s outputs in the order it computed them. ' +
      'PyTorch puts them back in time order: the backward half of output[t] is the backward state after reading ' +
      'input[L-1] down to input[t], and that realigned sequence is also what the layer above reads.',
  },
  {
    id: 'reverse-not-realigned',
    compute: rearrangedOutput((output, [opts, , input]) => unalignBackward(output as never, layoutOf(opts.batchFirst, input))),
    explanation: 'Your bidirectional LSTM returns the backward direction\'s outputs in the order it computed them. ' +
      'PyTorch puts them back in time order: the backward half of output[t] is the backward state after reading ' +
      'input[L-1] down to input[t].',
  },
  batchFirstIgnored(true),
  batchFirstIgnored(false),
  {
    id: 'layer-input-wrong',
    compute: layerInputWrong,
    explanation: 'In your stacked LSTM every layer reads the raw input. Layer l > 0 must read the output sequence ' +
      'of layer l-1 (both directions concatenated, D*H_out features — that is why weight_ih_l1 has D*H_out columns).',
  },
  {
    id: 'projection-misplaced',
    compute: projectionMisplaced,
    explanation: 'With projSize > 0, PyTorch projects inside the recurrence: h_t = W_hr (o_t * tanh(c_t)), and this ' +
      'projected h_t is what the next step multiplies by weight_hh (which has projSize columns), what the layer ' +
      'above reads, and what output and hN hold. Your code projects only what it returns.',
  },
  {
    id: 'wrong-shape',
    compute: wrongShape,
    explanation: 'For unbatched input (L, H_in), PyTorch returns hN and cN without a batch axis: (D*numLayers, H_out) ' +
      'and (D*numLayers, H). Your code keeps a batch axis of 1 there.',
  },
  {
    id: 'wrong-shape',
    compute: (...args) => {
      const r = torchLstm(...args);
      if (!isUnbatched(args[2])) return r;
      return { output: withBatchOfOne(r.output), hN: withBatchOfOne(r.hN), cN: withBatchOfOne(r.cN) };
    },
    explanation: 'For unbatched input (L, H_in), PyTorch returns output (L, D*H_out), hN (D*numLayers, H_out) and cN ' +
      '(D*numLayers, H), all without a batch axis. Your code keeps a batch axis of 1.',
  },
  {
    id: 'wrong-shape',
    compute: (...args) => {
      const r = torchLstm(...args);
      return isUnbatched(args[2]) ? { ...r, output: withBatchOfOne(r.output) } : r;
    },
    explanation: 'For unbatched input (L, H_in), PyTorch returns output as (L, D*H_out), without a batch axis. ' +
      'Your output keeps a batch axis of 1.',
  },
];

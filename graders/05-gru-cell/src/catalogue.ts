// Known mistakes of exercise 05, each recomputed in the trusted process on the student's inputs. Diagnosis
// tries them in order and takes the first that reproduces the student's outputs on every observed input
// (packages/grading's diagnose), so specific forms come before the general recognisers (overflow, shape).
// Mistakes in 04's gates are reached through gruCell (`via`), and gruCell's through gruForward.
import { recognizeOverflow, VALUE_TOLERANCE, type Mistake } from '@gatecheck/grading';
import type { GruParams, Vector } from '@gatecheck/kernels';
import { cellIn, form, forwardWith, LECTURE } from './variants.js';

type CellArgs = [p: GruParams, hPrev: Vector, x: Vector];
type ForwardArgs = [p: GruParams, xs: Vector[], h0: Vector];

const GATES_04 = '04-gru-gates';
const overflowSeen = recognizeOverflow(VALUE_TOLERANCE);
const ALL_GATES = `updateGate, resetGate and candidateHidden (${GATES_04})`;

const PYTORCH_NOTE = 'The lecture\'s GRU, graded here, resets the state before the product, h~_t = tanh(W_h . [r_t * h_{t-1}, x_t] + b_h), ' +
  'and keeps the old state in proportion to 1 - z: h_t = (1 - z_t) * h_{t-1} + z_t * h~_t. (Exercise 07 grades PyTorch\'s form.)';

const INTERPOLATION = 'You used PyTorch\'s nn.GRU convention for the new state, h_t = z * h_{t-1} + (1 - z) * h~_t. ' +
  'The lecture\'s GRU, graded here, weighs them the other way round: h_t = (1 - z_t) * h_{t-1} + z_t * h~_t, so z_t is the share of the new candidate.';
const RESET_AFTER = 'You used PyTorch\'s nn.GRU convention for the candidate: r multiplies W_h . h_{t-1} after the product ' +
  '(r * (W_hn h + b_hn)). The lecture\'s GRU, graded here, resets the state before W_h sees it: h~_t = tanh(W_h . [r_t * h_{t-1}, x_t] + b_h).';
const MISSING_BIAS = 'A bias b is left out. The slides draw the GRU without biases, but here every gate\'s b is given (it may be zero) and must be added.';
const CONCAT = 'W is applied to [x_t, h_{t-1}]; the lecture\'s W acts on [h_{t-1}, x_t]: its first hPrev.length columns multiply h_{t-1}, the rest multiply x_t.';

/** Mistakes of one GRU step, lecture form with one choice changed. */
export const cellMistakes: Mistake<CellArgs>[] = [
  { id: 'gru-pytorch-interpolation', explanation: INTERPOLATION, via: `gruHidden (${GATES_04})`, compute: cellIn(form({ interpolation: 'pytorch' })) },
  { id: 'gru-reset-after-product', explanation: RESET_AFTER, via: `candidateHidden (${GATES_04})`, compute: cellIn(form({ reset: 'after' })) },
  { id: 'gru-reset-after-product', explanation: RESET_AFTER, via: `candidateHidden (${GATES_04})`, compute: cellIn(form({ reset: 'after-with-bias' })) },
  // Both of PyTorch's choices at once; after the single ones, which the saturated gates of robustness
  // inputs cannot tell apart from it.
  {
    id: 'gru-pytorch-interpolation',
    explanation: `You used PyTorch's nn.GRU form throughout: r after the product (r * (W_hn h + b_hn)) and h_t = z * h_{t-1} + (1 - z) * h~_t. ${PYTORCH_NOTE}`,
    via: `candidateHidden and gruHidden (${GATES_04})`,
    compute: cellIn(form({ reset: 'after-with-bias', interpolation: 'pytorch' })),
  },
  {
    id: 'gru-pytorch-interpolation',
    explanation: `You used PyTorch's nn.GRU form throughout: r after the product and h_t = z * h_{t-1} + (1 - z) * h~_t. ${PYTORCH_NOTE}`,
    via: `candidateHidden and gruHidden (${GATES_04})`,
    compute: cellIn(form({ reset: 'after', interpolation: 'pytorch' })),
  },
  {
    id: 'gru-reset-missing',
    explanation: 'The reset gate r is never applied: the candidate reads h_{t-1} itself instead of r_t * h_{t-1}, so the GRU cannot decide to forget the past when proposing a new state.',
    via: `candidateHidden (${GATES_04})`,
    compute: cellIn(form({ reset: 'none' })),
  },
  {
    id: 'activation-swap',
    explanation: 'The update gate z squashes with tanh, but a gate is a sigmoid: a fraction between 0 and 1.',
    via: `updateGate (${GATES_04})`,
    compute: cellIn(form({ activation: { z: 'tanh' } })),
  },
  {
    id: 'activation-swap',
    explanation: 'The reset gate r squashes with tanh, but a gate is a sigmoid: a fraction between 0 and 1.',
    via: `resetGate (${GATES_04})`,
    compute: cellIn(form({ activation: { r: 'tanh' } })),
  },
  {
    id: 'activation-swap',
    explanation: 'Both gates squash with tanh, but a gate is a sigmoid: a fraction between 0 and 1.',
    via: `updateGate and resetGate (${GATES_04})`,
    compute: cellIn(form({ activation: { z: 'tanh', r: 'tanh' } })),
  },
  {
    id: 'activation-swap',
    explanation: 'The candidate squashes with sigmoid, but h~_t uses tanh: it is a proposed state in (-1, 1), not a gate in (0, 1).',
    via: `candidateHidden (${GATES_04})`,
    compute: cellIn(form({ activation: { h: 'sigmoid' } })),
  },
  {
    id: 'activation-swap',
    explanation: 'sigmoid and tanh are swapped: the gates z and r are sigmoids (fractions in (0, 1)), the candidate h~ is a tanh (a state in (-1, 1)).',
    via: ALL_GATES,
    compute: cellIn(form({ activation: { z: 'tanh', r: 'tanh', h: 'sigmoid' } })),
  },
  { id: 'missing-bias', explanation: MISSING_BIAS, via: ALL_GATES, compute: cellIn(form({ bias: { z: false, r: false, h: false } })) },
  { id: 'missing-bias', explanation: MISSING_BIAS, via: `updateGate (${GATES_04})`, compute: cellIn(form({ bias: { z: false } })) },
  { id: 'missing-bias', explanation: MISSING_BIAS, via: `resetGate (${GATES_04})`, compute: cellIn(form({ bias: { r: false } })) },
  { id: 'missing-bias', explanation: MISSING_BIAS, via: `candidateHidden (${GATES_04})`, compute: cellIn(form({ bias: { h: false } })) },
  { id: 'concat-order', explanation: CONCAT, via: ALL_GATES, compute: cellIn(form({ inputFirst: { z: true, r: true, h: true } })) },
  { id: 'concat-order', explanation: CONCAT, via: `updateGate and resetGate (${GATES_04})`, compute: cellIn(form({ inputFirst: { z: true, r: true } })) },
  { id: 'concat-order', explanation: CONCAT, via: `candidateHidden (${GATES_04})`, compute: cellIn(form({ inputFirst: { h: true } })) },
  {
    id: 'naive-exp-overflow',
    explanation: 'Your sigmoid or tanh overflows: somewhere it computes exp of a large number (Infinity) and divides Infinity by Infinity, ' +
      'which is NaN. Rewrite it so exp only ever sees non-positive numbers (sigmoid(a) = exp(a) / (1 + exp(a)) when a < 0), or use Math.tanh.',
    via: ALL_GATES,
    recognize: overflowSeen,
    compute: cellIn(LECTURE),
  },
  {
    id: 'wrong-shape',
    explanation: 'gruCell returns h_t itself: a flat array with one number per hidden unit (length hPrev.length).',
    recognize: (actual, expected) => {
      const flat = (v: unknown) => Array.isArray(v) && v.every((e) => typeof e === 'number');
      return !flat(actual) || (actual as unknown[]).length !== (expected as unknown[]).length;
    },
    compute: (p, hPrev, x) => ({ h: cellIn(LECTURE)(p, hPrev, x) }),
  },
];

/** Mistakes of the sequence loop itself, then every cell mistake seen through a correct loop. */
export const forwardMistakes: Mistake<ForwardArgs>[] = [
  {
    id: 'state-not-carried',
    explanation: 'Every step starts again from h0. Each step must start from the state the previous step returned: ' +
      'that carried state is the network\'s memory of the sequence so far.',
    compute: (p, xs, h0) => {
      const hs = xs.map((x) => cellIn(LECTURE)(p, h0, x));
      return { hs, h: hs.length > 0 ? hs[hs.length - 1]! : h0.slice() };
    },
  },
  {
    id: 'sequence-reversed',
    explanation: 'The sequence is read from its last input to its first. Read xs in order, xs[0] first; hs[t] is the state after reading xs[t].',
    compute: (p, xs, h0) => forwardWith(cellIn(LECTURE))(p, xs.slice().reverse(), h0),
  },
  {
    id: 'sequence-reversed',
    explanation: 'hs comes back in reverse order (the latest state first). hs[t] must be the state after reading xs[t], so hs[0] belongs to xs[0].',
    compute: (p, xs, h0) => {
      const { hs, h } = forwardWith(cellIn(LECTURE))(p, xs, h0);
      return { hs: hs.reverse(), h };
    },
  },
  {
    id: 'wrong-shape',
    explanation: 'hs also holds the initial state h0. It must have exactly one entry per input: hs[t] is the state after reading xs[t].',
    compute: (p, xs, h0) => {
      const { hs, h } = forwardWith(cellIn(LECTURE))(p, xs, h0);
      return { hs: [h0.slice(), ...hs], h };
    },
  },
  ...cellMistakes.filter((m) => m.id !== 'wrong-shape').map((m): Mistake<ForwardArgs> => ({
    id: m.id,
    explanation: m.explanation,
    via: m.via ? `gruCell (05-gru-cell) or the ${m.via} it builds on` : 'gruCell (05-gru-cell)',
    // The overflow recogniser reads only the outputs, so it applies to a sequence as it does to one step.
    ...(m.id === 'naive-exp-overflow' ? { recognize: overflowSeen } : {}),
    compute: forwardWith(m.compute as (p: GruParams, hPrev: Vector, x: Vector) => Vector),
  })),
];

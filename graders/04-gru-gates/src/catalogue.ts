// Known mistakes of exercise 04, each recomputed in the trusted process on the student's inputs. Diagnosis
// tries them in this order and takes the first that reproduces the student's outputs (packages/grading's
// diagnose), so the specific forms come before the general recognisers (overflow, shape).
import { recognizeOverflow, VALUE_TOLERANCE, type Mistake } from '@gatecheck/grading';
import { sigmoid, tanh, type Gate, type Vector } from '@gatecheck/kernels';

type GateArgs = [p: Gate, hPrev: Vector, x: Vector];
type CandidateArgs = [p: Gate, r: Vector, hPrev: Vector, x: Vector];
type InterpolationArgs = [z: Vector, hPrev: Vector, hTilde: Vector];

/** W . v + b (or W . v when `bias` is false), where v is the already concatenated input. */
function affine(p: Gate, v: Vector, bias = true): Vector {
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, bias ? p.b[j]! : 0));
}

const gated = (r: Vector, hPrev: Vector): Vector => hPrev.map((h, k) => r[k]! * h);

/** PyTorch's placement of r: after the product with h's columns, the bias outside (`inside` puts it inside). */
function resetAfterProduct(p: Gate, r: Vector, hPrev: Vector, x: Vector, biasInside: boolean): Vector {
  const n = hPrev.length;
  return p.W.map((row, j) => {
    let fromH = 0;
    for (let k = 0; k < n; k++) fromH += row[k]! * hPrev[k]!;
    let fromX = 0;
    for (let k = 0; k < x.length; k++) fromX += row[n + k]! * x[k]!;
    const b = p.b[j]!;
    return tanh(biasInside ? r[j]! * (fromH + b) + fromX : r[j]! * fromH + fromX + b);
  });
}

/** The parts of a mistake recognised from the output alone; each use adds a `compute` illustrating one form. */
interface Recognised {
  id: Mistake<unknown[]>['id'];
  explanation: string;
  recognize: (actual: unknown, expected: unknown) => boolean | null;
}

const overflow: Recognised = {
  id: 'naive-exp-overflow',
  explanation: 'Your sigmoid or tanh overflows: somewhere it computes exp of a large number (Infinity) and ' +
    'divides Infinity by Infinity, which is NaN. Rewrite it so exp only ever sees non-positive numbers, e.g. ' +
    'sigmoid(a) = exp(a) / (1 + exp(a)) when a < 0, or use Math.tanh.',
  recognize: recognizeOverflow(VALUE_TOLERANCE),
};

/** Shape mistakes are recognised from the shape alone: any nesting or length other than the contract's. */
function recognizeWrongShape(actual: unknown, expected: unknown): boolean | null {
  const flat = (v: unknown) => Array.isArray(v) && v.every((e) => typeof e === 'number');
  if (!flat(expected)) return null;
  return !flat(actual) || (actual as unknown[]).length !== (expected as unknown[]).length;
}

const wrongShape: Recognised = {
  id: 'wrong-shape',
  explanation: 'The result must be a flat array with one number per hidden unit (length W.length), not a ' +
    'column vector [[a], [b], ...] or an array of another length.',
  recognize: recognizeWrongShape,
};

/** Mistakes of updateGate and resetGate (both are sigmoid(W . [h_{t-1}, x_t] + b)). */
export function gateMistakes(gateName: 'update' | 'reset'): Mistake<GateArgs>[] {
  const symbol = gateName === 'update' ? 'z_t' : 'r_t';
  return [
    {
      id: 'activation-swap',
      explanation: `The ${gateName} gate squashes with tanh, but ${symbol} is a sigmoid: a gate is a fraction between 0 and 1.`,
      compute: (p, hPrev, x) => affine(p, [...hPrev, ...x]).map(tanh),
    },
    {
      id: 'missing-bias',
      explanation: 'The bias b is left out. The slides draw the GRU without biases, but here b is given (it may be zero) and must be added to W . [h_{t-1}, x_t].',
      compute: (p, hPrev, x) => affine(p, [...hPrev, ...x], false).map(sigmoid),
    },
    {
      id: 'concat-order',
      explanation: 'W is applied to [x_t, h_{t-1}]; the lecture\'s W acts on [h_{t-1}, x_t]: its first hPrev.length columns multiply h_{t-1}, the rest multiply x_t.',
      compute: (p, hPrev, x) => affine(p, [...x, ...hPrev]).map(sigmoid),
    },
    { ...overflow, compute: (p, hPrev, x) => affine(p, [...hPrev, ...x]).map((a) => Math.exp(a) / (Math.exp(a) + 1)) },
    { ...wrongShape, compute: (p, hPrev, x) => affine(p, [...hPrev, ...x]).map((a) => [sigmoid(a)]) },
  ];
}

export const candidateMistakes: Mistake<CandidateArgs>[] = [
  {
    id: 'gru-reset-after-product',
    explanation: 'You used PyTorch\'s nn.GRU convention: r multiplies the product W_h . h_{t-1} (r * (W_hn h + b_hn)). ' +
      'The lecture\'s GRU, graded here, resets the state before the product: h~_t = tanh(W . [r_t * h_{t-1}, x_t] + b).',
    compute: (p, r, hPrev, x) => resetAfterProduct(p, r, hPrev, x, false),
  },
  {
    id: 'gru-reset-after-product',
    explanation: 'You used PyTorch\'s nn.GRU convention: r multiplies W_h . h_{t-1} + b after the product (r * (W_hn h + b_hn)). ' +
      'The lecture\'s GRU, graded here, resets the state before the product: h~_t = tanh(W . [r_t * h_{t-1}, x_t] + b).',
    compute: (p, r, hPrev, x) => resetAfterProduct(p, r, hPrev, x, true),
  },
  {
    id: 'gru-reset-missing',
    explanation: 'The reset gate r is never used: the candidate reads h_{t-1} itself. It should read r_t * h_{t-1} ' +
      '(element by element), which is how the GRU decides how much of the past to forget when proposing a new state.',
    compute: (p, _r, hPrev, x) => affine(p, [...hPrev, ...x]).map(tanh),
  },
  {
    id: 'activation-swap',
    explanation: 'The candidate squashes with sigmoid, but h~_t uses tanh: it is a proposed state in (-1, 1), not a gate in (0, 1).',
    compute: (p, r, hPrev, x) => affine(p, [...gated(r, hPrev), ...x]).map(sigmoid),
  },
  {
    id: 'missing-bias',
    explanation: 'The bias b is left out. The slides draw the GRU without biases, but here b is given (it may be zero) and must be added.',
    compute: (p, r, hPrev, x) => affine(p, [...gated(r, hPrev), ...x], false).map(tanh),
  },
  {
    id: 'concat-order',
    explanation: 'W is applied to [x_t, r_t * h_{t-1}]; the lecture\'s W acts on [r_t * h_{t-1}, x_t]: its first hPrev.length columns multiply the reset state.',
    compute: (p, r, hPrev, x) => affine(p, [...x, ...gated(r, hPrev)]).map(tanh),
  },
  { ...overflow, compute: (p, r, hPrev, x) => affine(p, [...gated(r, hPrev), ...x]).map((a) => (Math.exp(2 * a) - 1) / (Math.exp(2 * a) + 1)) },
  { ...wrongShape, compute: (p, r, hPrev, x) => affine(p, [...gated(r, hPrev), ...x]).map((a) => [tanh(a)]) },
];

export const interpolationMistakes: Mistake<InterpolationArgs>[] = [
  {
    id: 'gru-pytorch-interpolation',
    explanation: 'You used PyTorch\'s nn.GRU convention, h_t = z * h_{t-1} + (1 - z) * h~_t. The lecture\'s GRU, graded here, ' +
      'weighs them the other way round: h_t = (1 - z_t) * h_{t-1} + z_t * h~_t, so z_t is the share of the new candidate.',
    compute: (z, hPrev, hTilde) => z.map((zk, k) => zk * hPrev[k]! + (1 - zk) * hTilde[k]!),
  },
  { ...wrongShape, compute: (z, hPrev, hTilde) => z.map((zk, k) => [(1 - zk) * hPrev[k]! + zk * hTilde[k]!]) },
];

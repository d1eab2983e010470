// Known mistakes of exercise 02, each the computation a student's function performs when it makes it.
// Every id used here has a real student file in ../mistakes/<id>.ts that the tests grade.
import { recognizeOverflow, VALUE_TOLERANCE, type Mistake } from '@gatecheck/grading';
import { lecture, sigmoid, tanh, type Gate, type Vector } from '@gatecheck/kernels';
import type { CellStateArgs, GateArgs, HiddenStateArgs } from './arbitraries.js';

/** W·[x, h] + b: the concatenation in the wrong order. */
export function preActivationXFirst(p: Gate, hPrev: Vector, x: Vector): Vector {
  return p.W.map((row, r) => {
    let s = p.b[r]!;
    for (let k = 0; k < x.length; k++) s += row[k]! * x[k]!;
    for (let k = 0; k < hPrev.length; k++) s += row[x.length + k]! * hPrev[k]!;
    return s;
  });
}

/** W·[h, x] without b. */
export const preActivationNoBias = (p: Gate, hPrev: Vector, x: Vector): Vector =>
  lecture.preActivation({ W: p.W, b: p.b.map(() => 0) }, hPrev, x);

export const overflow = {
  id: 'naive-exp-overflow',
  recognize: recognizeOverflow(VALUE_TOLERANCE),
  explanation: 'Math.exp overflows to Infinity once its argument passes about 709 (e^2a already at 355), and Infinity / Infinity ' +
    'is NaN, so large pre-activations give NaN. Use forms that only exponentiate numbers <= 0: sigmoid(a) = e^a / (1 + e^a) ' +
    'when a < 0, and tanh with e^(-2|a|) and the sign of a (or Math.tanh).',
} as const;

const CONCAT = 'W multiplies [x_t, h_{t-1}] instead of [h_{t-1}, x_t]: the slides stack h_{t-1} first, so W\'s first ' +
  'hPrev.length columns belong to h_{t-1} and the rest to x_t.';
const BIAS = 'The bias b is left out: the pre-activation is W·[h_{t-1}, x_t] + b.';

/** Mistakes of a gate whose activation is `act` (sigmoid for f, i, o; tanh for the candidate). */
export function gateMistakes(act: 'sigmoid' | 'tanh', symbol: string): Mistake<GateArgs>[] {
  const f = act === 'sigmoid' ? sigmoid : tanh;
  const other = act === 'sigmoid' ? tanh : sigmoid;
  return [
    { id: 'activation-swap', compute: (p, h, x) => lecture.preActivation(p, h, x).map(other),
      explanation: `${symbol} uses ${act === 'sigmoid' ? 'tanh' : 'sigmoid'} where the equation has ${act}: ` +
        (act === 'sigmoid' ? 'a gate is a sigmoid, a fraction between 0 and 1 of what passes.' : 'the candidate is a tanh, a value between -1 and 1 to write.') },
    { id: 'missing-bias', compute: (p, h, x) => preActivationNoBias(p, h, x).map(f), explanation: BIAS },
    { id: 'concat-order', compute: (p, h, x) => preActivationXFirst(p, h, x).map(f), explanation: CONCAT },
    { ...overflow, compute: (p, h, x) => lecture.preActivation(p, h, x).map(f) },
  ];
}

export const cellStateMistakes: Mistake<CellStateArgs>[] = [
  { id: 'cell-gates-swapped', compute: (f, cPrev, i, cTilde) => f.map((_, k) => i[k]! * cPrev[k]! + f[k]! * cTilde[k]!),
    explanation: 'The gates are swapped: the forget gate f_t scales the old cell C_{t-1} and the input gate i_t scales the candidate, C_t = f_t * C_{t-1} + i_t * C~_t.' },
  { id: 'input-gate-ignored', compute: (f, cPrev, _i, cTilde) => f.map((_, k) => f[k]! * cPrev[k]! + cTilde[k]!),
    explanation: 'The candidate is added without the input gate: C_t = f_t * C_{t-1} + i_t * C~_t, and i_t decides how much of C~_t is written.' },
];

export const hiddenStateMistakes: Mistake<HiddenStateArgs>[] = [
  { id: 'hidden-missing-tanh', compute: (o, c) => o.map((ok, k) => ok * c[k]!),
    explanation: 'The cell state is used without tanh: h_t = o_t * tanh(C_t), which keeps h_t between -1 and 1.' },
  { id: 'activation-swap', compute: (o, c) => o.map((ok, k) => ok * sigmoid(c[k]!)),
    explanation: 'sigmoid is applied to the cell where the equation has tanh: h_t = o_t * tanh(C_t).' },
  { ...overflow, compute: (o, c) => o.map((ok, k) => ok * tanh(c[k]!)) },
];

// Known mistakes of exercise 03. A cell mistake is the lecture's step with one part changed (a gate's
// concatenation order, bias or activation, the cell update, the hidden state), so it also names where the
// mistake may sit (`via`); lstmForward's mistakes are its own (state, order, aliasing) plus every cell mistake
// run over the sequence. Every id used here has a real student file in ../mistakes/<id>.ts that the tests grade.
import { recognizeOverflow, VALUE_TOLERANCE, type Mistake } from '@gatecheck/grading';
import { lecture, sigmoid, tanh, type Gate, type LstmParams, type Vector } from '@gatecheck/kernels';
import type { CellArgs, ForwardArgs } from './arbitraries.js';

type GateKey = 'f' | 'i' | 'c' | 'o';
type Pre = (p: Gate, hPrev: Vector, x: Vector) => Vector;
type Act = (a: number) => number;
type Cell = (p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector) => { h: Vector; c: Vector };

const GATE_FUNCTION: Record<GateKey, string> = { f: 'forgetGate', i: 'inputGate', c: 'candidateCell', o: 'outputGate' };
const KEYS: GateKey[] = ['f', 'i', 'c', 'o'];
const ACT: Record<GateKey, Act> = { f: sigmoid, i: sigmoid, c: tanh, o: sigmoid };

/** W·[x, h] + b */
const preXFirst: Pre = (p, hPrev, x) => lecture.preActivation(
  { W: p.W.map((row) => [...row.slice(x.length), ...row.slice(0, x.length)]), b: p.b }, hPrev, x);
/** W·[h, x] without b */
const preNoBias: Pre = (p, hPrev, x) => lecture.preActivation({ W: p.W, b: p.b.map(() => 0) }, hPrev, x);

interface Variation {
  pre?: Partial<Record<GateKey, Pre>>;
  act?: Partial<Record<GateKey, Act>>;
  cell?: (f: Vector, cPrev: Vector, i: Vector, cTilde: Vector) => Vector;
  hidden?: (o: Vector, c: Vector, cPrev: Vector) => Vector;
}

/** The lecture's LSTM step with the parts in `v` replaced. */
export function cellWith(v: Variation): Cell {
  return (p, hPrev, cPrev, x) => {
    const g = (k: GateKey): Vector => (v.pre?.[k] ?? lecture.preActivation)(p[k], hPrev, x).map(v.act?.[k] ?? ACT[k]);
    const c = (v.cell ?? lecture.cellState)(g('f'), cPrev, g('i'), g('c'));
    const o = g('o');
    return { h: v.hidden ? v.hidden(o, c, cPrev) : lecture.hiddenState(o, c), c };
  };
}

const cellMistake = (id: string, variation: Variation, explanation: string, via?: string): Mistake<CellArgs> => ({
  id, compute: cellWith(variation), explanation, ...(via ? { via } : {}),
});

const ALL_GATES = 'the gate computations (forgetGate, inputGate, candidateCell, outputGate, or your own code for them)';
const CONCAT = 'A gate multiplies W by [x_t, h_{t-1}] instead of [h_{t-1}, x_t]: W\'s first hPrev.length columns belong to h_{t-1}.';
const BIAS = 'A gate leaves out its bias b: every pre-activation is W·[h_{t-1}, x_t] + b.';
const everyGate = <T>(f: T): Record<GateKey, T> => ({ f, i: f, c: f, o: f });

/** Mistakes of one LSTM step. */
export const cellMistakes: Mistake<CellArgs>[] = [
  cellMistake('concat-order', { pre: everyGate(preXFirst) }, CONCAT.replace('A gate multiplies', 'Every gate multiplies'), ALL_GATES),
  ...KEYS.map((k) => cellMistake('concat-order', { pre: { [k]: preXFirst } }, CONCAT, GATE_FUNCTION[k])),
  cellMistake('missing-bias', { pre: everyGate(preNoBias) }, BIAS.replace('A gate leaves', 'The gates leave'), ALL_GATES),
  ...KEYS.map((k) => cellMistake('missing-bias', { pre: { [k]: preNoBias } }, BIAS, GATE_FUNCTION[k])),
  cellMistake('activation-swap', { act: { c: sigmoid } },
    'The candidate C~_t uses sigmoid where the equation has tanh: the candidate is a value in (-1, 1) to write, not a fraction.', 'candidateCell'),
  cellMistake('activation-swap', { act: { f: tanh, i: tanh, o: tanh } },
    'The gates use tanh where the equations have sigmoid: a gate is a fraction in (0, 1) of what passes.', 'forgetGate, inputGate and outputGate'),
  ...(['f', 'i', 'o'] as const).map((k) => cellMistake('activation-swap', { act: { [k]: tanh } },
    `${GATE_FUNCTION[k]} uses tanh where the equation has sigmoid: a gate is a fraction in (0, 1) of what passes.`, GATE_FUNCTION[k])),
  cellMistake('activation-swap', { act: { f: tanh, i: tanh, c: sigmoid, o: tanh } },
    'sigmoid and tanh are swapped throughout: the gates use sigmoid, the candidate and h_t use tanh.', ALL_GATES),
  cellMistake('activation-swap', { hidden: (o, c) => o.map((ok, k) => ok * sigmoid(c[k]!)) },
    'h_t uses sigmoid(C_t) where the equation has tanh(C_t).', 'hiddenState'),
  cellMistake('cell-gates-swapped', { cell: (f, cPrev, i, cTilde) => f.map((fk, k) => i[k]! * cPrev[k]! + fk * cTilde[k]!) },
    'The gates of the cell update are swapped: the forget gate scales the old cell, C_t = f_t * C_{t-1} + i_t * C~_t.', 'cellState'),
  cellMistake('input-gate-ignored', { cell: (f, cPrev, _i, cTilde) => f.map((fk, k) => fk * cPrev[k]! + cTilde[k]!) },
    'The candidate is added without the input gate: C_t = f_t * C_{t-1} + i_t * C~_t.', 'cellState'),
  cellMistake('hidden-missing-tanh', { hidden: (o, c) => o.map((ok, k) => ok * c[k]!) },
    'h_t is o_t * C_t without the tanh: h_t = o_t * tanh(C_t).', 'hiddenState'),
  cellMistake('hidden-uses-prev-cell', { hidden: (o, _c, cPrev) => lecture.hiddenState(o, cPrev) },
    'h_t is computed from the old cell C_{t-1}: compute C_t first, then h_t = o_t * tanh(C_t) from the new cell.'),
  { id: 'naive-exp-overflow', compute: lecture.lstmCell, recognize: recognizeOverflow(VALUE_TOLERANCE),
    explanation: 'An exp overflows to Infinity for large pre-activations or cells (past about 355 for e^2a, 709 for e^a), and ' +
      'Infinity / Infinity is NaN. Use sigmoid and tanh forms that only exponentiate numbers <= 0 (or Math.tanh).',
    via: 'the sigmoid or tanh your gates use (01-activations, or your own)' },
];

/** Runs `cell` over the sequence the way lstmForward should. */
export const forwardWith = (cell: Cell) => (p: LstmParams, xs: Vector[], h0: Vector, c0: Vector): { hs: Vector[]; h: Vector; c: Vector } => {
  let h = h0.slice();
  let c = c0.slice();
  const hs: Vector[] = [];
  for (const x of xs) {
    ({ h, c } = cell(p, h, c, x));
    hs.push(h);
  }
  return { hs, h, c };
};

const forward = forwardWith(lecture.lstmCell);
const last = <T>(xs: T[], fallback: T): T => xs.length === 0 ? fallback : xs[xs.length - 1]!;

/**
 * Mistakes of the sequence loop, then every cell mistake run over the sequence (via lstmCell; the only cell
 * mistake recognised rather than recomputed is the overflow, whose recogniser reads outputs only).
 */
export const forwardMistakes: Mistake<ForwardArgs>[] = [
  { id: 'state-not-carried', explanation: 'Every step starts again from h0 and c0: step t must start from the state step t-1 produced.',
    compute: (p, xs, h0, c0) => {
      const steps = xs.map((x) => lecture.lstmCell(p, h0, c0, x));
      return { hs: steps.map((s) => s.h), h: last(steps, { h: h0, c: c0 }).h, c: last(steps, { h: h0, c: c0 }).c };
    } },
  { id: 'state-not-carried', explanation: 'The cell state is not carried: every step starts from c0, but C_t must flow into step t+1.',
    compute: (p, xs, h0, c0) => forwardWith((q, h, _c, x) => lecture.lstmCell(q, h, c0, x))(p, xs, h0, c0) },
  { id: 'state-not-carried', explanation: 'The hidden state is not carried: every step starts from h0, but h_t must flow into step t+1.',
    compute: (p, xs, h0, c0) => forwardWith((q, _h, c, x) => lecture.lstmCell(q, h0, c, x))(p, xs, h0, c0) },
  { id: 'sequence-reversed', explanation: 'The sequence is read from the end: xs[0] comes first, and hs[t] is the state after reading xs[t].',
    compute: (p, xs, h0, c0) => forward(p, [...xs].reverse(), h0, c0) },
  { id: 'sequence-reversed', explanation: 'hs comes back in reverse order: hs[t] must be h_t, the state after reading xs[t].',
    compute: (p, xs, h0, c0) => { const r = forward(p, xs, h0, c0); return { ...r, hs: [...r.hs].reverse() }; } },
  { id: 'sequence-reversed', explanation: 'The sequence is processed from the end (hs realigned to xs): xs[0] must be read first.',
    compute: (p, xs, h0, c0) => { const r = forward(p, [...xs].reverse(), h0, c0); return { ...r, hs: [...r.hs].reverse() }; } },
  { id: 'hs-aliased', explanation: 'Every hs[t] is the same array, updated in place at each step, so all of them show the last state. ' +
      'Push a new array for every step (e.g. the one lstmCell returns).',
    compute: (p, xs, h0, c0) => { const r = forward(p, xs, h0, c0); return { ...r, hs: r.hs.map(() => r.h) }; } },
  ...cellMistakes.map((m): Mistake<ForwardArgs> => ({
    id: m.id, explanation: m.explanation, via: m.via ? `lstmCell (in ${m.via})` : 'lstmCell',
    compute: forwardWith(m.compute as Cell),
    ...(m.recognize ? { recognize: recognizeOverflow(VALUE_TOLERANCE) } : {}),
  })),
];

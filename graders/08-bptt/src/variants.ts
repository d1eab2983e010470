// The backward pass of one lecture step with each of its choices made explicit, so a known mistake is the
// correct backward with one choice changed. Gate order: LSTM f, i, c (candidate), o; GRU z, r, h (candidate).
// Notation: a_g is gate g's pre-activation, da_g = dL/da_g, [h, x] the concatenated input every W reads.
import { sigmoid, tanh, type Gate, type GruParams, type LstmParams, type Matrix, type Vector } from '@gatecheck/kernels';

/** How a derivative factor is formed: right, left out, with its sign flipped, or from the activation's output. */
export type Factor = 'correct' | 'missing' | 'sign' | 'wrong-quantity';

/** Every choice the LSTM backward makes; `LSTM_CORRECT` holds the right ones. */
export interface LstmBackwardForm {
  /** The factor 1 - tanh²(C_t) on dh's path into C_t (`wrong-quantity`: 1 - tanh²(tanh C_t)). */
  tanhC: Factor;
  /** The factor 1 - C~² of the candidate (`wrong-quantity`: 1 - tanh²(C~)). */
  candidate: Factor;
  /** The factors σ(a)(1 - σ(a)) of f, i, o (`sign`: σ(σ - 1); `wrong-quantity`: σ'(σ(a))). */
  sigmoid: Factor;
  /** dh's share of dC_t: everywhere (right), nowhere (dC_t = dc), or everywhere but in dcPrev. */
  hiddenPath: 'everywhere' | 'nowhere' | 'not-in-dcprev';
  /** Gates whose W^T da_g is left out of d[h, x]. */
  dropInputPath: ReadonlyArray<'f' | 'i' | 'c' | 'o'>;
  /** dW built as [h, x] ⊗ da ((hidden + input) x hidden) instead of da ⊗ [h, x]. */
  transposedW: boolean;
  /** Every returned gradient negated (the descent direction instead of the gradient). */
  negated: boolean;
}

export const LSTM_CORRECT: LstmBackwardForm = {
  tanhC: 'correct', candidate: 'correct', sigmoid: 'correct', hiddenPath: 'everywhere', dropInputPath: [], transposedW: false, negated: false,
};

/** Every choice the GRU backward makes; `GRU_CORRECT` holds the right ones. */
export interface GruBackwardForm {
  /** The factor 1 - h~² of the candidate (`wrong-quantity`: 1 - tanh²(h~)). */
  candidate: Factor;
  /** The factors σ(a)(1 - σ(a)) of z and r (`sign`: σ(σ - 1); `wrong-quantity`: σ'(σ(a))). */
  sigmoid: Factor;
  /** dh_t/dz_t taken as h_{t-1} - h~_t instead of h~_t - h_{t-1}. */
  updateSign: boolean;
  /**
   * The ways h_{t-1} reaches h_t kept in dhPrev: all, only the direct (1 - z) h_{t-1}, all but the reset
   * product r * h_{t-1}, or all but the gates' W_z^T da_z + W_r^T da_r.
   */
  dhPrev: 'all' | 'direct-only' | 'no-reset-product' | 'no-gate-inputs';
  /** dW_h formed with [h_{t-1}, x_t] instead of the [r * h_{t-1}, x_t] the candidate read. */
  ungatedCandidateInput: boolean;
  transposedW: boolean;
  negated: boolean;
}

export const GRU_CORRECT: GruBackwardForm = {
  candidate: 'correct', sigmoid: 'correct', updateSign: false, dhPrev: 'all', ungatedCandidateInput: false, transposedW: false, negated: false,
};

/** W . v + b */
const affine = (g: Gate, v: Vector): Vector => g.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, g.b[j]!));

/** W^T . da */
const backThrough = (W: Matrix, da: Vector, width: number): Vector =>
  Array.from({ length: width }, (_, k) => W.reduce((s, row, j) => s + row[k]! * da[j]!, 0));

const add = (a: Vector, b: Vector): Vector => a.map((v, k) => v + b[k]!);

/** σ'(a) from the gate's output s = σ(a). */
function sigmoidFactor(f: Factor, s: number): number {
  switch (f) {
    case 'correct': return s * (1 - s);
    case 'missing': return 1;
    case 'sign': return s * (s - 1);
    case 'wrong-quantity': return sigmoid(s) * (1 - sigmoid(s));
  }
}

/** tanh'(a) from the output t = tanh(a). */
function tanhFactor(f: Factor, t: number): number {
  switch (f) {
    case 'correct': return 1 - t * t;
    case 'missing': return 1;
    case 'sign': return t * t - 1;
    case 'wrong-quantity': return 1 - tanh(t) ** 2;
  }
}

const gateGradient = (da: Vector, v: Vector, transposed: boolean): Gate =>
  ({ W: transposed ? v.map((vk) => da.map((d) => d * vk)) : da.map((d) => v.map((vk) => d * vk)), b: da.slice() });

const negate = <T>(value: T): T =>
  (typeof value === 'number' ? -value : Array.isArray(value) ? value.map(negate)
    : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, negate(v)]))) as T;

type LstmGradients = { dx: Vector; dhPrev: Vector; dcPrev: Vector; dParams: { f: Gate; i: Gate; c: Gate; o: Gate } };
type GruGradients = { dx: Vector; dhPrev: Vector; dParams: { z: Gate; r: Gate; h: Gate } };

/** lstmCellBackward computed in `form`'s way. */
export function lstmBackwardIn(form: Partial<LstmBackwardForm>) {
  const f_: LstmBackwardForm = { ...LSTM_CORRECT, ...form };
  return (p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector): LstmGradients => {
    const n = hPrev.length;
    const v = [...hPrev, ...x];
    const f = affine(p.f, v).map(sigmoid);
    const i = affine(p.i, v).map(sigmoid);
    const g = affine(p.c, v).map(tanh);
    const o = affine(p.o, v).map(sigmoid);
    const c = f.map((fk, k) => fk * cPrev[k]! + i[k]! * g[k]!);
    const tc = c.map(tanh);
    const fromH = tc.map((t, k) => dh[k]! * o[k]! * tanhFactor(f_.tanhC, t));
    const dC = dc.map((d, k) => d + (f_.hiddenPath === 'nowhere' ? 0 : fromH[k]!));
    const daF = f.map((s, k) => dC[k]! * cPrev[k]! * sigmoidFactor(f_.sigmoid, s));
    const daI = i.map((s, k) => dC[k]! * g[k]! * sigmoidFactor(f_.sigmoid, s));
    const daC = g.map((t, k) => dC[k]! * i[k]! * tanhFactor(f_.candidate, t));
    const daO = o.map((s, k) => dh[k]! * tc[k]! * sigmoidFactor(f_.sigmoid, s));
    const das = { f: daF, i: daI, c: daC, o: daO };
    let dv = new Array<number>(v.length).fill(0);
    for (const gate of ['f', 'i', 'c', 'o'] as const) {
      if (!f_.dropInputPath.includes(gate)) dv = add(dv, backThrough(p[gate].W, das[gate], v.length));
    }
    const dcForPrev = f_.hiddenPath === 'not-in-dcprev' ? dc : dC;
    const grads: LstmGradients = {
      dx: dv.slice(n),
      dhPrev: dv.slice(0, n),
      dcPrev: dcForPrev.map((d, k) => d * f[k]!),
      dParams: {
        f: gateGradient(daF, v, f_.transposedW), i: gateGradient(daI, v, f_.transposedW),
        c: gateGradient(daC, v, f_.transposedW), o: gateGradient(daO, v, f_.transposedW),
      },
    };
    return f_.negated ? negate(grads) : grads;
  };
}

/** gruCellBackward computed in `form`'s way. */
export function gruBackwardIn(form: Partial<GruBackwardForm>) {
  const f_: GruBackwardForm = { ...GRU_CORRECT, ...form };
  return (p: GruParams, hPrev: Vector, x: Vector, dh: Vector): GruGradients => {
    const n = hPrev.length;
    const v = [...hPrev, ...x];
    const z = affine(p.z, v).map(sigmoid);
    const r = affine(p.r, v).map(sigmoid);
    const u = [...hPrev.map((h, k) => r[k]! * h), ...x];
    const ht = affine(p.h, u).map(tanh);
    const daH = ht.map((t, k) => dh[k]! * z[k]! * tanhFactor(f_.candidate, t));
    const daZ = z.map((s, k) => dh[k]! * (f_.updateSign ? hPrev[k]! - ht[k]! : ht[k]! - hPrev[k]!) * sigmoidFactor(f_.sigmoid, s));
    const du = backThrough(p.h.W, daH, u.length);
    const daR = r.map((s, k) => du[k]! * hPrev[k]! * sigmoidFactor(f_.sigmoid, s));
    const dv = add(backThrough(p.z.W, daZ, v.length), backThrough(p.r.W, daR, v.length));
    const keepReset = f_.dhPrev === 'all' || f_.dhPrev === 'no-gate-inputs';
    const keepGates = f_.dhPrev === 'all' || f_.dhPrev === 'no-reset-product';
    const grads: GruGradients = {
      dx: x.map((_, k) => dv[n + k]! + du[n + k]!),
      dhPrev: hPrev.map((_, k) => dh[k]! * (1 - z[k]!) + (keepReset ? du[k]! * r[k]! : 0) + (keepGates ? dv[k]! : 0)),
      dParams: {
        z: gateGradient(daZ, v, f_.transposedW), r: gateGradient(daR, v, f_.transposedW),
        h: gateGradient(daH, f_.ungatedCandidateInput ? v : u, f_.transposedW),
      },
    };
    return f_.negated ? negate(grads) : grads;
  };
}

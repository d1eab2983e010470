// The lecture GRU step with each of its choices made explicit, so a known mistake is the lecture form with one
// choice changed. Gate order everywhere: update z, reset r, candidate h.
import { sigmoid, tanh, type Gate, type GruParams, type Vector } from '@gatecheck/kernels';

type Part = 'z' | 'r' | 'h';

/** Every choice a GRU step makes; `LECTURE` holds the lecture's. */
export interface CellForm {
  /** The squashing function of each part (lecture: sigmoid, sigmoid, tanh). */
  activation: Record<Part, 'sigmoid' | 'tanh'>;
  /** Whether each part adds its bias. */
  bias: Record<Part, boolean>;
  /** Whether each part's W reads [x_t, h_{t-1}] instead of [h_{t-1}, x_t]. */
  inputFirst: Record<Part, boolean>;
  /**
   * Where r acts: on h_{t-1} before W_h (lecture), on W_h's h-part after the product with the bias outside
   * (`after`) or inside (`after-with-bias`, PyTorch's r * (W_hn h + b_hn)), or not at all (`none`).
   */
  reset: 'before' | 'after' | 'after-with-bias' | 'none';
  /** h_t = (1 - z) h_{t-1} + z h~ (lecture) or z h_{t-1} + (1 - z) h~ (PyTorch). */
  interpolation: 'lecture' | 'pytorch';
}

export const LECTURE: CellForm = {
  activation: { z: 'sigmoid', r: 'sigmoid', h: 'tanh' },
  bias: { z: true, r: true, h: true },
  inputFirst: { z: false, r: false, h: false },
  reset: 'before',
  interpolation: 'lecture',
};

/** A form differing from the lecture's in the given choices (nested records merge part by part). */
export function form(changes: { [K in keyof CellForm]?: CellForm[K] extends string ? CellForm[K] : Partial<CellForm[K]> }): CellForm {
  return {
    activation: { ...LECTURE.activation, ...changes.activation },
    bias: { ...LECTURE.bias, ...changes.bias },
    inputFirst: { ...LECTURE.inputFirst, ...changes.inputFirst },
    reset: changes.reset ?? LECTURE.reset,
    interpolation: changes.interpolation ?? LECTURE.interpolation,
  };
}

const squash = { sigmoid, tanh } as const;

/** The pre-activation W . [h, x] + b of one part, split into its h- and x-columns' contributions. */
function parts(g: Gate, h: Vector, x: Vector, inputFirst: boolean): { fromH: Vector; fromX: Vector } {
  // With [x, h], W's first x.length columns meet x and the rest meet h.
  const hAt = inputFirst ? x.length : 0;
  const xAt = inputFirst ? 0 : h.length;
  return {
    fromH: g.W.map((row) => h.reduce((s, hk, k) => s + row[hAt + k]! * hk, 0)),
    fromX: g.W.map((row) => x.reduce((s, xk, k) => s + row[xAt + k]! * xk, 0)),
  };
}

/** One GRU step computed in `f`'s way. */
export function cellIn(f: CellForm): (p: GruParams, hPrev: Vector, x: Vector) => Vector {
  const gate = (part: 'z' | 'r', p: GruParams, hPrev: Vector, x: Vector): Vector => {
    const g = p[part];
    const { fromH, fromX } = parts(g, hPrev, x, f.inputFirst[part]);
    return fromH.map((a, j) => squash[f.activation[part]](a + fromX[j]! + (f.bias[part] ? g.b[j]! : 0)));
  };
  return (p, hPrev, x) => {
    const z = gate('z', p, hPrev, x);
    const r = gate('r', p, hPrev, x);
    const b = (j: number) => (f.bias.h ? p.h.b[j]! : 0);
    let hTilde: Vector;
    if (f.reset === 'before' || f.reset === 'none') {
      const seen = f.reset === 'before' ? hPrev.map((h, k) => r[k]! * h) : hPrev;
      const { fromH, fromX } = parts(p.h, seen, x, f.inputFirst.h);
      hTilde = fromH.map((a, j) => a + fromX[j]! + b(j));
    } else {
      const { fromH, fromX } = parts(p.h, hPrev, x, f.inputFirst.h);
      hTilde = fromH.map((a, j) => (f.reset === 'after' ? r[j]! * a + fromX[j]! + b(j) : r[j]! * (a + b(j)) + fromX[j]!));
    }
    hTilde = hTilde.map(squash[f.activation.h]);
    return f.interpolation === 'lecture'
      ? z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!)
      : z.map((zk, k) => zk * hPrev[k]! + (1 - zk) * hTilde[k]!);
  };
}

type Cell = (p: GruParams, hPrev: Vector, x: Vector) => Vector;

/** gruForward over a given cell, in order, carrying the state (the lecture loop). */
export const forwardWith = (cell: Cell) => (p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } => {
  let h = h0.slice();
  const hs = xs.map((x) => (h = cell(p, h, x)));
  return { hs, h };
};

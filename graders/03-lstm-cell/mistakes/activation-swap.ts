// The candidate is squashed with sigmoid like the gates: C~_t in (0, 1) instead of (-1, 1).

type Vector = number[];
type Matrix = number[][];
interface Gate { W: Matrix; b: Vector }
interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }

/** Never exponentiates a positive number, so it stays finite for every finite a. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** W . [h, x] + b */
function affine(p: Gate, h: Vector, x: Vector): Vector {
  const n = h.length;
  return p.W.map((row, j) => {
    let s = p.b[j]!;
    for (let k = 0; k < n; k++) s += row[k]! * h[k]!;
    for (let k = 0; k < x.length; k++) s += row[n + k]! * x[k]!;
    return s;
  });
}

export function lstmCell(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector): { h: Vector; c: Vector } {
  const f = affine(p.f, hPrev, x).map(sigmoid);
  const i = affine(p.i, hPrev, x).map(sigmoid);
  const cTilde = affine(p.c, hPrev, x).map(sigmoid);
  const o = affine(p.o, hPrev, x).map(sigmoid);
  const c = f.map((fk, k) => fk * cPrev[k]! + i[k]! * cTilde[k]!);
  const h = o.map((ok, k) => ok * Math.tanh(c[k]!));
  return { h, c };
}

export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector): { hs: Vector[]; h: Vector; c: Vector } {
  let h = h0.slice();
  let c = c0.slice();
  const hs: Vector[] = [];
  for (const x of xs) {
    const step = lstmCell(p, h, c, x);
    h = step.h;
    c = step.c;
    hs.push(h);
  }
  return { hs, h, c };
}

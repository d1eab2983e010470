// Right values, but lstmCell writes C_t into the caller's C_{t-1} and returns that array; lstmForward passes c0 straight in.

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
  const cTilde = affine(p.c, hPrev, x).map(Math.tanh);
  const o = affine(p.o, hPrev, x).map(sigmoid);
  for (let k = 0; k < cPrev.length; k++) cPrev[k] = f[k]! * cPrev[k]! + i[k]! * cTilde[k]!;
  const c = cPrev;
  const h = o.map((ok, k) => ok * Math.tanh(c[k]!));
  return { h, c };
}

export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector): { hs: Vector[]; h: Vector; c: Vector } {
  let h = h0.slice();
  let c = c0;
  const hs: Vector[] = [];
  for (const x of xs) {
    const step = lstmCell(p, h, c, x);
    h = step.h;
    c = step.c;
    hs.push(h);
  }
  return { hs, h, c };
}

// Known mistake missing-tanh-derivative written another way, through the LSTM's candidate: dC~ reaches the candidate's
// pre-activation without the factor 1 - C~_t^2. The GRU half is right.
export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }
export interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }
export interface GruParams { z: Gate; r: Gate; h: Gate }

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

/** W . v + b */
function linear(p: Gate, v: Vector): Vector {
  const out: Vector = [];
  for (let j = 0; j < p.W.length; j++) {
    let s = p.b[j]!;
    for (let k = 0; k < v.length; k++) s += p.W[j]![k]! * v[k]!;
    out.push(s);
  }
  return out;
}

/** W^T . d */
function linearBack(W: Matrix, d: Vector, width: number): Vector {
  const out: Vector = new Array(width).fill(0);
  for (let j = 0; j < W.length; j++) {
    for (let k = 0; k < width; k++) out[k]! += W[j]![k]! * d[j]!;
  }
  return out;
}

function outer(a: Vector, b: Vector): Matrix {
  return a.map((ai) => b.map((bk) => ai * bk));
}

export function lstmCellBackward(
  p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector,
): { dx: Vector; dhPrev: Vector; dcPrev: Vector; dParams: { f: Gate; i: Gate; c: Gate; o: Gate } } {
  const n = hPrev.length;
  const hx = [...hPrev, ...x];
  const f = linear(p.f, hx).map(sigmoid);
  const i = linear(p.i, hx).map(sigmoid);
  const g = linear(p.c, hx).map(Math.tanh);
  const o = linear(p.o, hx).map(sigmoid);
  const c = f.map((fk, k) => fk * cPrev[k]! + i[k]! * g[k]!);
  const tc = c.map(Math.tanh);

  const dC = c.map((_, k) => dc[k]! + dh[k]! * o[k]! * (1 - tc[k]! * tc[k]!));
  const dO = o.map((ok, k) => dh[k]! * tc[k]! * ok * (1 - ok));
  const dF = f.map((fk, k) => dC[k]! * cPrev[k]! * fk * (1 - fk));
  const dI = i.map((ik, k) => dC[k]! * g[k]! * ik * (1 - ik));
  const dG = g.map((gk, k) => dC[k]! * i[k]!);

  const dhx: Vector = new Array(hx.length).fill(0);
  for (const [W, d] of [[p.f.W, dF], [p.i.W, dI], [p.c.W, dG], [p.o.W, dO]] as const) {
    const back = linearBack(W, d, hx.length);
    for (let k = 0; k < hx.length; k++) dhx[k]! += back[k]!;
  }
  return {
    dx: dhx.slice(n),
    dhPrev: dhx.slice(0, n),
    dcPrev: dC.map((d, k) => d * f[k]!),
    dParams: {
      f: { W: outer(dF, hx), b: dF },
      i: { W: outer(dI, hx), b: dI },
      c: { W: outer(dG, hx), b: dG },
      o: { W: outer(dO, hx), b: dO },
    },
  };
}

export function gruCellBackward(
  p: GruParams, hPrev: Vector, x: Vector, dh: Vector,
): { dx: Vector; dhPrev: Vector; dParams: { z: Gate; r: Gate; h: Gate } } {
  const n = hPrev.length;
  const hx = [...hPrev, ...x];
  const z = linear(p.z, hx).map(sigmoid);
  const r = linear(p.r, hx).map(sigmoid);
  const rhx = [...hPrev.map((h, k) => r[k]! * h), ...x];
  const hTilde = linear(p.h, rhx).map(Math.tanh);

  const dH = hTilde.map((ht, k) => dh[k]! * z[k]! * (1 - ht * ht));
  const dZ = z.map((zk, k) => dh[k]! * (hTilde[k]! - hPrev[k]!) * zk * (1 - zk));
  const dRhx = linearBack(p.h.W, dH, rhx.length);
  const dR = r.map((rk, k) => dRhx[k]! * hPrev[k]! * rk * (1 - rk));
  const fromZ = linearBack(p.z.W, dZ, hx.length);
  const fromR = linearBack(p.r.W, dR, hx.length);

  const dhPrev = hPrev.map((_, k) => dh[k]! * (1 - z[k]!) + dRhx[k]! * r[k]! + fromZ[k]! + fromR[k]!);
  const dx = x.map((_, k) => fromZ[n + k]! + fromR[n + k]! + dRhx[n + k]!);
  return {
    dx,
    dhPrev,
    dParams: { z: { W: outer(dZ, hx), b: dZ }, r: { W: outer(dR, hx), b: dR }, h: { W: outer(dH, rhx), b: dH } },
  };
}

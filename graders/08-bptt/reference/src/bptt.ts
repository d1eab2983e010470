// Reference solution of exercise 08, written as a student would hand it in (self-contained, no imports).
// Forward recomputes one lecture step, then walks it backwards. W acts on [h_{t-1}, x_t], so every
// dW is the outer product (gradient of the pre-activation) x (the concatenated input the gate read).

export type Vector = number[];
export type Matrix = number[][];
export interface Gate { W: Matrix; b: Vector }
export interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }
export interface GruParams { z: Gate; r: Gate; h: Gate }

function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** W . v + b, where v is the already concatenated input. */
function affine(p: Gate, v: Vector): Vector {
  return p.W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, p.b[j]!));
}

/** W^T . da: how a gate's pre-activation gradient flows back to its concatenated input. */
function backThrough(W: Matrix, da: Vector, width: number): Vector {
  const out = new Array<number>(width).fill(0);
  W.forEach((row, j) => row.forEach((w, k) => { out[k]! += w * da[j]!; }));
  return out;
}

function gateGradient(da: Vector, v: Vector): Gate {
  return { W: da.map((d) => v.map((vk) => d * vk)), b: da.slice() };
}

const add = (a: Vector, b: Vector): Vector => a.map((ak, k) => ak + b[k]!);

export function lstmCellBackward(
  p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector,
): { dx: Vector; dhPrev: Vector; dcPrev: Vector; dParams: { f: Gate; i: Gate; c: Gate; o: Gate } } {
  const n = hPrev.length;
  const v = [...hPrev, ...x];
  const f = affine(p.f, v).map(sigmoid);
  const i = affine(p.i, v).map(sigmoid);
  const g = affine(p.c, v).map(Math.tanh);
  const o = affine(p.o, v).map(sigmoid);
  const c = f.map((fk, k) => fk * cPrev[k]! + i[k]! * g[k]!);
  const tc = c.map(Math.tanh);

  // C_t reaches the loss directly (dc) and through h_t = o * tanh(C_t).
  const dC = dc.map((d, k) => d + dh[k]! * o[k]! * (1 - tc[k]! ** 2));
  const daO = dh.map((d, k) => d * tc[k]! * o[k]! * (1 - o[k]!));
  const daF = dC.map((d, k) => d * cPrev[k]! * f[k]! * (1 - f[k]!));
  const daI = dC.map((d, k) => d * g[k]! * i[k]! * (1 - i[k]!));
  const daG = dC.map((d, k) => d * i[k]! * (1 - g[k]! ** 2));

  let dv = backThrough(p.f.W, daF, v.length);
  dv = add(dv, backThrough(p.i.W, daI, v.length));
  dv = add(dv, backThrough(p.c.W, daG, v.length));
  dv = add(dv, backThrough(p.o.W, daO, v.length));
  return {
    dx: dv.slice(n),
    dhPrev: dv.slice(0, n),
    dcPrev: dC.map((d, k) => d * f[k]!),
    dParams: { f: gateGradient(daF, v), i: gateGradient(daI, v), c: gateGradient(daG, v), o: gateGradient(daO, v) },
  };
}

export function gruCellBackward(
  p: GruParams, hPrev: Vector, x: Vector, dh: Vector,
): { dx: Vector; dhPrev: Vector; dParams: { z: Gate; r: Gate; h: Gate } } {
  const n = hPrev.length;
  const v = [...hPrev, ...x];
  const z = affine(p.z, v).map(sigmoid);
  const r = affine(p.r, v).map(sigmoid);
  const u = [...hPrev.map((h, k) => r[k]! * h), ...x];
  const ht = affine(p.h, u).map(Math.tanh);

  // h_t = (1 - z) * h_{t-1} + z * h~: dh reaches h~ scaled by z, z scaled by (h~ - h_{t-1}).
  const daH = dh.map((d, k) => d * z[k]! * (1 - ht[k]! ** 2));
  const daZ = dh.map((d, k) => d * (ht[k]! - hPrev[k]!) * z[k]! * (1 - z[k]!));
  const du = backThrough(p.h.W, daH, u.length);
  const daR = r.map((rk, k) => du[k]! * hPrev[k]! * rk * (1 - rk));
  const dv = add(backThrough(p.z.W, daZ, v.length), backThrough(p.r.W, daR, v.length));

  return {
    dx: x.map((_, k) => dv[n + k]! + du[n + k]!),
    dhPrev: hPrev.map((_, k) => dh[k]! * (1 - z[k]!) + du[k]! * r[k]! + dv[k]!),
    dParams: { z: gateGradient(daZ, v), r: gateGradient(daR, v), h: gateGradient(daH, u) },
  };
}

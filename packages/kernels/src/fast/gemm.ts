// The one matrix product the fast kernels use, on row-major Float64Arrays with explicit offsets and strides:
//   C[i, j] (+)= Σ_k A[i, k] · B[j, k]       ("NT": both operands are read along their rows)
// Every product in an LSTM/GRU/RNN layer has this form once the weights it needs as columns are transposed:
// gates = X·W_ihᵀ reads W_ih's rows as they are stored, and the backward's Wᵀ-products read a transposed copy.
// Reading both operands along contiguous rows keeps every load a sequential stream, which is what scalar
// JavaScript does best (V8 does not vectorise, so the work is in loads, bounds checks and adds).
//
// Blocking: K is cut into KC-long slices and B into NC-row blocks, so one B block (NC x KC, 128 KiB) stays in L2
// while every pair of A rows (2 x KC, 4 KiB, in L1) runs across it. The 2x4 micro-tile keeps 8 accumulators and
// 2 A values in registers; measured on this project's 2-core EPYC it beat 1x8, 4x4 and 2x8 tiles (apps/bench).

import { scratch } from './scratch.js';

const KC = 256;
const NC = 64;

/**
 * C[cOff + i*ldc + j] = (accumulate ? C[...] : 0) + Σ_k A[aOff + i*lda + k] * B[bOff + j*ldb + k]
 * for i < m, j < n, k < kDim.
 */
export function gemmNT(
  m: number, n: number, kDim: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
  accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  if (kDim <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOff + i * ldc, cOff + i * ldc + n);
    return;
  }
  const pairs = m & ~1;
  for (let k0 = 0; k0 < kDim; k0 += KC) {
    const kc = Math.min(KC, kDim - k0);
    const acc = accumulate || k0 > 0;
    if (pairs < m) rowTimesRows(n, kc, a, aOff + pairs * lda + k0, b, bOff + k0, ldb, c, cOff + pairs * ldc, acc);
    if (pairs === 0) continue;
    for (let j0 = 0; j0 < n; j0 += NC) {
      const jEnd = Math.min(n, j0 + NC);
      const jQuadEnd = j0 + ((jEnd - j0) & ~3);
      let i = 0;
      for (; i < pairs; i += 2) {
        const ai = aOff + i * lda + k0;
        const ci = cOff + i * ldc;
        let j = j0;
        for (; j < jQuadEnd; j += 4) tile2x4(kc, a, ai, lda, b, bOff + j * ldb + k0, ldb, c, ci + j, ldc, acc);
        for (; j < jEnd; j++) tile2x1(kc, a, ai, lda, b, bOff + j * ldb + k0, c, ci + j, ldc, acc);
      }
    }
  }
}

/**
 * One row of A against every row of B: the recurrent product of a single sequence (N = 1) and the odd row left
 * over by the 2-row tiles. Eight B rows at a time share each A value; without a tile function call per 4 columns
 * this measured about 1.5x faster than running the 1-row case through the tiles.
 */
function rowTimesRows(
  n: number, kc: number, a: Float64Array, a0: number, b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, c0: number, acc: boolean,
): void {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
    const b4 = b3 + ldb, b5 = b4 + ldb, b6 = b5 + ldb, b7 = b6 + ldb;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let k = 0; k < kc; k++) {
      const x = a[a0 + k]!;
      s0 += x * b[b0 + k]!; s1 += x * b[b1 + k]!; s2 += x * b[b2 + k]!; s3 += x * b[b3 + k]!;
      s4 += x * b[b4 + k]!; s5 += x * b[b5 + k]!; s6 += x * b[b6 + k]!; s7 += x * b[b7 + k]!;
    }
    const cj = c0 + j;
    if (acc) {
      s0 += c[cj]!; s1 += c[cj + 1]!; s2 += c[cj + 2]!; s3 += c[cj + 3]!;
      s4 += c[cj + 4]!; s5 += c[cj + 5]!; s6 += c[cj + 6]!; s7 += c[cj + 7]!;
    }
    c[cj] = s0; c[cj + 1] = s1; c[cj + 2] = s2; c[cj + 3] = s3;
    c[cj + 4] = s4; c[cj + 5] = s5; c[cj + 6] = s6; c[cj + 7] = s7;
  }
  for (; j < n; j++) {
    const bj = bOff + j * ldb;
    let s = 0;
    for (let k = 0; k < kc; k++) s += a[a0 + k]! * b[bj + k]!;
    c[c0 + j] = acc ? c[c0 + j]! + s : s;
  }
}

function tile2x4(
  kc: number, a: Float64Array, a0: number, lda: number, b: Float64Array, b0: number, ldb: number,
  c: Float64Array, c0: number, ldc: number, acc: boolean,
): void {
  const a1 = a0 + lda;
  const b1 = b0 + ldb;
  const b2 = b1 + ldb;
  const b3 = b2 + ldb;
  const c1 = c0 + ldc;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  if (acc) {
    s00 = c[c0]!; s01 = c[c0 + 1]!; s02 = c[c0 + 2]!; s03 = c[c0 + 3]!;
    s10 = c[c1]!; s11 = c[c1 + 1]!; s12 = c[c1 + 2]!; s13 = c[c1 + 3]!;
  }
  // Interleaving each B load with its two uses keeps fewer values live than loading all six first (measured faster).
  for (let k = 0; k < kc; k++) {
    const x0 = a[a0 + k]!;
    const x1 = a[a1 + k]!;
    let y = b[b0 + k]!;
    s00 += x0 * y; s10 += x1 * y;
    y = b[b1 + k]!;
    s01 += x0 * y; s11 += x1 * y;
    y = b[b2 + k]!;
    s02 += x0 * y; s12 += x1 * y;
    y = b[b3 + k]!;
    s03 += x0 * y; s13 += x1 * y;
  }
  c[c0] = s00; c[c0 + 1] = s01; c[c0 + 2] = s02; c[c0 + 3] = s03;
  c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
}

function tile2x1(
  kc: number, a: Float64Array, a0: number, lda: number, b: Float64Array, b0: number,
  c: Float64Array, c0: number, ldc: number, acc: boolean,
): void {
  const a1 = a0 + lda;
  let s0 = acc ? c[c0]! : 0;
  let s1 = acc ? c[c0 + ldc]! : 0;
  for (let k = 0; k < kc; k++) {
    const y = b[b0 + k]!;
    s0 += a[a0 + k]! * y;
    s1 += a[a1 + k]! * y;
  }
  c[c0] = s0;
  c[c0 + ldc] = s1;
}

/** dst[dOff + j*ldd + i] = src[sOff + i*lds + j] for i < rows, j < cols, in 8x8 blocks so both sides stay cached. */
export function transpose(
  rows: number, cols: number,
  src: Float64Array, sOff: number, lds: number,
  dst: Float64Array, dOff: number, ldd: number,
): void {
  for (let i0 = 0; i0 < rows; i0 += 8) {
    const iEnd = Math.min(rows, i0 + 8);
    for (let j0 = 0; j0 < cols; j0 += 8) {
      const jEnd = Math.min(cols, j0 + 8);
      for (let i = i0; i < iEnd; i++) {
        const s = sOff + i * lds;
        for (let j = j0; j < jEnd; j++) dst[dOff + j * ldd + i] = src[s + j]!;
      }
    }
  }
}

/**
 * C[cOff + i*ldc + j] (+)= Σ_r A[aOff + r*lda + i] * B[bOff + r*ldb + j] for i < m, j < n, r < kDim: the
 * weight-gradient product (Σ over time and batch of da ⊗ x). Both operands are transposed into scratch first so
 * the product runs as gemmNT; the copies cost O(kDim*(m+n)) against the product's O(kDim*m*n).
 */
export function gemmTN(
  m: number, n: number, kDim: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
  accumulate: boolean,
): void {
  if (m <= 0 || n <= 0) return;
  const aT = scratch('gemmTN.a', m * kDim);
  const bT = scratch('gemmTN.b', n * kDim);
  transpose(kDim, m, a, aOff, lda, aT, 0, kDim);
  transpose(kDim, n, b, bOff, ldb, bT, 0, kDim);
  gemmNT(m, n, kDim, aT, 0, kDim, bT, 0, kDim, c, cOff, ldc, accumulate);
}

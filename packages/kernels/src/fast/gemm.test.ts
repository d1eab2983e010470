// The matrix products and transposes against their definitions: gemmNT and transpose in scalar JavaScript and
// their WebAssembly SIMD forms (wasm/gemm-wasm.ts, run on copies of the operands in the module's memory), and the
// two gemmNTs against each other.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemmNT, gemmTN, transpose } from './gemm.js';
import { layOut, simdModule } from './wasm/simd-module.js';

/** wasm/gemm-wasm.ts's gemmNT with gemmNT's signature: the operands copied into wasm memory, all of C copied back. */
function gemmNTWasm(
  m: number, n: number, k: number, a: Float64Array, aOff: number, lda: number, b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number, accumulate: boolean,
): void {
  const simd = simdModule()!;
  // B one element into its region, so its rows start unaligned (v128 loads must not care).
  const { at, total } = layOut({ a: a.length, b: b.length + 1, c: c.length });
  const mem = simd.reserve(total)!;
  mem.set(a, at.a);
  mem.set(b, at.b + 1);
  mem.set(c, at.c);
  simd.fn.gemmNT(m, n, k, at.a + aOff, lda, at.b + 1 + bOff, ldb, at.c + cOff, ldc, accumulate ? 1 : 0);
  c.set(mem.subarray(at.c, at.c + c.length));
}

const products = [{ name: 'gemmNT (scalar)', gemm: gemmNT }, { name: 'gemmNT (wasm SIMD)', gemm: gemmNTWasm }];

/** A deterministic fill, so big operands cost nothing to generate. */
function filled(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

/** C[i, j] = Σ_k A[i, k] B[j, k], the definition. */
function naiveNT(m: number, n: number, k: number, a: Float64Array, lda: number, b: Float64Array, ldb: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let r = 0; r < k; r++) s += a[i * lda + r]! * b[j * ldb + r]!;
    c[i * n + j] = s;
  }
  return c;
}

function maxScaledError(got: Float64Array, want: Float64Array): number {
  let scale = 1;
  for (const w of want) scale = Math.max(scale, Math.abs(w));
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / scale);
  return worst;
}

// Sizes straddle the 2x4 micro-tile, the 64-row B blocks and the 256-long K slices.
const dims = fc.record({
  m: fc.integer({ min: 1, max: 9 }), n: fc.integer({ min: 1, max: 140 }), k: fc.integer({ min: 0, max: 600 }),
  padA: fc.integer({ min: 0, max: 3 }), padB: fc.integer({ min: 0, max: 3 }), padC: fc.integer({ min: 0, max: 3 }),
  off: fc.integer({ min: 0, max: 5 }), accumulate: fc.boolean(), seed: fc.integer(),
});

describe.each(products)('$name', ({ gemm }) => {
  it('should equal the definition for every size, stride and offset', () => {
    fc.assert(fc.property(dims, ({ m, n, k, padA, padB, padC, off, accumulate, seed }) => {
      const lda = k + padA, ldb = k + padB, ldc = n + padC;
      const a = filled(off + m * lda, seed), b = filled(off + n * ldb, seed + 1);
      const c = filled(off + m * ldc, seed + 2);
      const before = c.slice();
      gemm(m, n, k, a, off, lda, b, off, ldb, c, off, ldc, accumulate);
      const want = naiveNT(m, n, k, a.subarray(off), lda, b.subarray(off), ldb);
      const got = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        got[i * n + j] = c[off + i * ldc + j]! - (accumulate ? before[off + i * ldc + j]! : 0);
      }
      expect(maxScaledError(got, want)).toBeLessThan(1e-13);
      // Padding between rows and the offset prefix are never written.
      for (let i = 0; i < off; i++) expect(c[i]).toBe(before[i]);
      for (let i = 0; i < m; i++) for (let j = n; j < ldc && off + i * ldc + j < c.length; j++) expect(c[off + i * ldc + j]).toBe(before[off + i * ldc + j]);
    }), { numRuns: 60 });
  });
});

describe('gemmNT in wasm SIMD', () => {
  it('should equal the scalar gemmNT on odd sizes, offsets and strides', () => {
    fc.assert(fc.property(dims, ({ m, n, k, padA, padB, padC, off, accumulate, seed }) => {
      const lda = k + padA, ldb = k + padB, ldc = n + padC;
      const a = filled(off + m * lda, seed), b = filled(off + n * ldb, seed + 1);
      const scalar = filled(off + m * ldc, seed + 2);
      const simd = scalar.slice();
      gemmNT(m, n, k, a, off, lda, b, off, ldb, scalar, off, ldc, accumulate);
      gemmNTWasm(m, n, k, a, off, lda, b, off, ldb, simd, off, ldc, accumulate);
      expect(maxScaledError(simd, scalar)).toBeLessThan(1e-13);
    }), { numRuns: 100, examples: [[{ m: 1, n: 1, k: 1, padA: 0, padB: 0, padC: 0, off: 1, accumulate: true, seed: 5 }]] });
  });

  it('should leave C alone with k = 0 when accumulating, and zero it otherwise', () => {
    const c = Float64Array.from({ length: 6 }, (_, i) => i + 1);
    gemmNTWasm(2, 3, 0, new Float64Array(0), 0, 0, new Float64Array(0), 0, 0, c, 0, 3, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4, 5, 6]);
    gemmNTWasm(2, 2, 0, new Float64Array(0), 0, 0, new Float64Array(0), 0, 0, c, 0, 3, false);
    expect(Array.from(c)).toEqual([0, 0, 3, 0, 0, 6]);
  });
});

describe('gemmTN', () => {
  it('should equal Aᵀ·B by the definition', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 300 }), fc.integer(), (m, n, k, seed) => {
      const a = filled(k * m, seed), b = filled(k * n, seed + 7);
      const c = new Float64Array(m * n);
      gemmTN(m, n, k, a, 0, m, b, 0, n, c, 0, n, false);
      const aT = new Float64Array(m * k);
      transpose(k, m, a, 0, m, aT, 0, k);
      const bT = new Float64Array(n * k);
      transpose(k, n, b, 0, n, bT, 0, k);
      expect(maxScaledError(c, naiveNT(m, n, k, aT, k, bT, k))).toBeLessThan(1e-13);
    }), { numRuns: 40 });
  });
});

/** wasm/gemm-wasm.ts's transpose with transpose's signature, on copies in wasm memory. */
function transposeWasm(rows: number, cols: number, src: Float64Array, sOff: number, lds: number, dst: Float64Array, dOff: number, ldd: number): void {
  const simd = simdModule()!;
  const { at, total } = layOut({ src: src.length, dst: dst.length });
  const mem = simd.reserve(total)!;
  mem.set(src, at.src);
  mem.set(dst, at.dst);
  simd.fn.transpose(rows, cols, at.src + sOff, lds, at.dst + dOff, ldd);
  dst.set(mem.subarray(at.dst, at.dst + dst.length));
}

describe.each([{ name: 'transpose (scalar)', move: transpose }, { name: 'transpose (wasm)', move: transposeWasm }])('$name', ({ move }) => {
  it('should move element (i, j) to (j, i) and write nothing else', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), (rows, cols, pad, off) => {
      const lds = cols + pad, ldd = rows + pad;
      const src = Float64Array.from({ length: off + rows * lds }, (_, i) => i);
      const dst = new Float64Array(off + cols * ldd).fill(-1);
      move(rows, cols, src, off, lds, dst, off, ldd);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect(dst[off + j * ldd + i]).toBe(src[off + i * lds + j]);
      expect(dst.filter((x) => x === -1).length).toBe(dst.length - rows * cols);
    }));
  });
});

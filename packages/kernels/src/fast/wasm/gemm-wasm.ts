// The WebAssembly SIMD form of ../gemm.ts's gemmNT, on float64 elements of the module's memory:
//   C[cOff + i*ldc + j] = (accumulate ? C[...] : 0) + Σ_k A[aOff + i*lda + k] · B[bOff + j*ldb + k]
// Offsets and strides are in elements, as in gemmNT, so the two are interchangeable and tested equal.
//
// The same blocking as gemmNT (K in 256-long slices, B in 64-row blocks); the micro-tiles vectorise along k: each
// accumulator is an f64x2 holding the partial sums of the even and the odd k, added together when the tile is
// stored. 2x4 tiles (8 accumulators) for row pairs; a single row (the recurrent product of one sequence) runs 1x8
// tiles, so 8 independent accumulators hide the add latency there too. An odd k is one more step whose loads fill
// lane 0 and zero lane 1 (v128.load64_zero), so no tile needs a scalar copy of its loop.
import {
  type Code, defineFunction, f64, f64x2, type FunctionDef, get, i32, ifThen, type Local, select, set, seq, v128, whileLoop,
} from './wasm-assembler.js';

const KC = 256;
const NC = 64;
/** Largest tile: 8 accumulators (2x4 or 1x8). */
const MAX_ACCUMULATORS = 8;

export function gemmNTFunction(): FunctionDef {
  return defineFunction({
    name: 'gemmNT',
    params: { m: 'i32', n: 'i32', k: 'i32', aOff: 'i32', lda: 'i32', bOff: 'i32', ldb: 'i32', cOff: 'i32', ldc: 'i32', accumulate: 'i32' },
    locals: {
      k0: 'i32', kc: 'i32', acc: 'i32', pairBytes: 'i32', odd: 'i32', j0: 'i32', jEnd: 'i32', i: 'i32', j: 'i32', p: 'i32',
      ldaBytes: 'i32', ldbBytes: 'i32', pc: 'i32',
      pa0: 'i32', pa1: 'i32', pb0: 'i32', pb1: 'i32', pb2: 'i32', pb3: 'i32', pb4: 'i32', pb5: 'i32', pb6: 'i32', pb7: 'i32',
      a0: 'v128', a1: 'v128', y: 'v128',
      s0: 'v128', s1: 'v128', s2: 'v128', s3: 'v128', s4: 'v128', s5: 'v128', s6: 'v128', s7: 'v128',
    },
    body: (v) => {
      const pa = [v.pa0, v.pa1];
      const pb = [v.pb0, v.pb1, v.pb2, v.pb3, v.pb4, v.pb5, v.pb6, v.pb7];
      const sums = [v.s0, v.s1, v.s2, v.s3, v.s4, v.s5, v.s6, v.s7];
      const aRegs = [v.a0, v.a1];
      const add = (x: Local, n: number | Code) => set(x, i32.add(get(x), typeof n === 'number' ? i32.const(n) : n));
      const bytes = (elementIndex: Code) => i32.shl(elementIndex, i32.const(3));

      /** One k step (two k values, or one when `load` is load64_zero) of an R x C tile. */
      const step = (R: number, C: number, load: (addr: Code) => Code): Code[] => {
        const out: Code[] = [];
        for (let r = 0; r < R; r++) out.push(set(aRegs[r]!, load(i32.add(get(pa[r]!), get(v.p)))));
        // Each B load is used at once by every row, so only one B register is live (as in gemm.ts's tile2x4).
        for (let c = 0; c < C; c++) {
          out.push(set(v.y, load(i32.add(get(pb[c]!), get(v.p)))));
          for (let r = 0; r < R; r++) {
            const s = sums[r * C + c]!;
            out.push(set(s, f64x2.add(get(s), f64x2.mul(get(aRegs[r]!), get(v.y)))));
          }
        }
        return out;
      };

      /** C[i..i+R, j..j+C] (+)= the tile's products over this K slice. */
      const tile = (R: number, C: number): Code => {
        if (R * C > MAX_ACCUMULATORS) throw new Error(`tile ${R}x${C} needs more than ${MAX_ACCUMULATORS} accumulators`);
        const out: Code[] = [];
        out.push(set(v.pa0, bytes(i32.add(i32.add(get(v.aOff), i32.mul(get(v.i), get(v.lda))), get(v.k0)))));
        if (R > 1) out.push(set(v.pa1, i32.add(get(v.pa0), get(v.ldaBytes))));
        out.push(set(v.pb0, bytes(i32.add(i32.add(get(v.bOff), i32.mul(get(v.j), get(v.ldb))), get(v.k0)))));
        for (let c = 1; c < C; c++) out.push(set(pb[c]!, i32.add(get(pb[c - 1]!), get(v.ldbBytes))));
        for (let s = 0; s < R * C; s++) out.push(set(sums[s]!, f64x2.const(0)));
        out.push(set(v.p, i32.const(0)));
        out.push(whileLoop(i32.lt_s(get(v.p), get(v.pairBytes)), ...step(R, C, (addr) => v128.load(addr)), add(v.p, 16)));
        out.push(ifThen(get(v.odd), step(R, C, (addr) => v128.load64_zero(addr))));
        for (let r = 0; r < R; r++) {
          out.push(set(v.pc, bytes(i32.add(i32.add(get(v.cOff), i32.mul(i32.add(get(v.i), i32.const(r)), get(v.ldc))), get(v.j)))));
          for (let c = 0; c < C; c++) {
            const s = sums[r * C + c]!;
            const sum = f64.add(f64x2.extract_lane(get(s), 0), f64x2.extract_lane(get(s), 1));
            const previous = select(f64.load(get(v.pc), 8 * c), f64.const(0), get(v.acc));
            out.push(f64.store(get(v.pc), f64.add(sum, previous), 8 * c));
          }
        }
        return seq(...out);
      };

      /** Tiles of width C across the block while C more columns fit. */
      const columns = (R: number, C: number): Code =>
        whileLoop(i32.le_s(i32.add(get(v.j), i32.const(C)), get(v.jEnd)), tile(R, C), add(v.j, C));

      const zeroC = seq(
        set(v.i, i32.const(0)),
        whileLoop(i32.lt_s(get(v.i), get(v.m)),
          set(v.j, i32.const(0)),
          whileLoop(i32.lt_s(get(v.j), get(v.n)),
            f64.store(bytes(i32.add(i32.add(get(v.cOff), i32.mul(get(v.i), get(v.ldc))), get(v.j))), f64.const(0)),
            add(v.j, 1)),
          add(v.i, 1)),
      );

      return [
        // No k: C is zeroed (or left as it is when accumulating), as gemmNT does.
        ifThen(i32.and(i32.le_s(get(v.k), i32.const(0)), i32.eqz(get(v.accumulate))), [zeroC]),
        set(v.ldaBytes, bytes(get(v.lda))),
        set(v.ldbBytes, bytes(get(v.ldb))),
        set(v.k0, i32.const(0)),
        whileLoop(i32.lt_s(get(v.k0), get(v.k)),
          set(v.kc, i32.sub(get(v.k), get(v.k0))),
          set(v.kc, select(i32.const(KC), get(v.kc), i32.gt_s(get(v.kc), i32.const(KC)))),
          set(v.acc, i32.or(get(v.accumulate), i32.gt_s(get(v.k0), i32.const(0)))),
          set(v.pairBytes, bytes(i32.and(get(v.kc), i32.const(~1)))),
          set(v.odd, i32.and(get(v.kc), i32.const(1))),
          set(v.j0, i32.const(0)),
          whileLoop(i32.lt_s(get(v.j0), get(v.n)),
            set(v.jEnd, i32.add(get(v.j0), i32.const(NC))),
            set(v.jEnd, select(get(v.n), get(v.jEnd), i32.gt_s(get(v.jEnd), get(v.n)))),
            set(v.i, i32.const(0)),
            whileLoop(i32.lt_s(i32.add(get(v.i), i32.const(1)), get(v.m)),
              set(v.j, get(v.j0)), columns(2, 4), columns(2, 1),
              add(v.i, 2)),
            ifThen(i32.lt_s(get(v.i), get(v.m)), [
              set(v.j, get(v.j0)), columns(1, 8), columns(1, 4), columns(1, 1),
            ]),
            add(v.j0, NC)),
          add(v.k0, KC)),
      ];
    },
  });
}

/**
 * dst[dstOff + j*ldd + i] = src[srcOff + i*lds + j] for i < rows, j < cols (elements), in 8x8 blocks so both sides
 * stay cached, as ../gemm.ts's transpose: the backward's products read transposed weights and activations.
 */
export function transposeFunction(): FunctionDef {
  return defineFunction({
    name: 'transpose',
    params: { rows: 'i32', cols: 'i32', srcOff: 'i32', lds: 'i32', dstOff: 'i32', ldd: 'i32' },
    locals: { i0: 'i32', j0: 'i32', i: 'i32', j: 'i32', iEnd: 'i32', jEnd: 'i32', ps: 'i32', pd: 'i32', lddBytes: 'i32' },
    body: (v) => {
      const add = (x: Local, n: number | Code) => set(x, i32.add(get(x), typeof n === 'number' ? i32.const(n) : n));
      const blockEnd = (start: Local, limit: Local) => select(get(limit), i32.add(get(start), i32.const(8)), i32.lt_s(get(limit), i32.add(get(start), i32.const(8))));
      return [
        set(v.lddBytes, i32.shl(get(v.ldd), i32.const(3))),
        whileLoop(i32.lt_s(get(v.i0), get(v.rows)),
          set(v.iEnd, blockEnd(v.i0, v.rows)),
          set(v.j0, i32.const(0)),
          whileLoop(i32.lt_s(get(v.j0), get(v.cols)),
            set(v.jEnd, blockEnd(v.j0, v.cols)),
            set(v.i, get(v.i0)),
            whileLoop(i32.lt_s(get(v.i), get(v.iEnd)),
              set(v.ps, i32.shl(i32.add(i32.add(get(v.srcOff), i32.mul(get(v.i), get(v.lds))), get(v.j0)), i32.const(3))),
              set(v.pd, i32.shl(i32.add(i32.add(get(v.dstOff), i32.mul(get(v.j0), get(v.ldd))), get(v.i)), i32.const(3))),
              set(v.j, get(v.j0)),
              whileLoop(i32.lt_s(get(v.j), get(v.jEnd)),
                f64.store(get(v.pd), f64.load(get(v.ps))),
                add(v.ps, 8), add(v.pd, get(v.lddBytes)), add(v.j, 1)),
              add(v.i, 1)),
            add(v.j0, 8)),
          add(v.i0, 8)),
      ];
    },
  });
}

// The assembler against known encodings and the engine's own validator: LEB128 as the spec's examples give it,
// small modules that must validate and compute what their instructions say, and the fast kernels' module.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simdModuleBytes } from './simd-module.js';
import { webAssembly } from './webassembly-api.js';
import {
  assembleModule, defineFunction, f64, f64x2, get, i32, i64x2, ifThen, select, set, sleb, uleb, v128, whileLoop,
} from './wasm-assembler.js';

const wasm = webAssembly!;

/** Instantiates functions over a fresh one-page memory. */
function instantiate(...functions: Parameters<typeof assembleModule>[0]) {
  const memory = new wasm.Memory({ initial: 1 });
  const instance = new wasm.Instance(new wasm.Module(assembleModule(functions)), { env: { memory } });
  return { exports: instance.exports as Record<string, (...args: number[]) => number>, f64: new Float64Array(memory.buffer) };
}

describe('LEB128', () => {
  it('should encode the textbook examples', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(0)).toEqual([0]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('should round-trip every i32 through an i32.const the engine evaluates', () => {
    const fn = (n: number) => defineFunction({ name: 'k', params: {}, locals: {}, result: 'i32', body: () => [i32.const(n)] });
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => {
      expect(instantiate(fn(n)).exports.k!()).toBe(n);
    }), { numRuns: 50, examples: [[0], [-1], [2 ** 31 - 1], [-(2 ** 31)], [64], [-65]] });
  });
});

describe('assembleModule', () => {
  it('should build modules the engine validates, and the fast kernels module among them', () => {
    expect(wasm.validate(simdModuleBytes())).toBe(true);
    const ok = defineFunction({ name: 'f', params: { x: 'f64' }, locals: {}, result: 'f64', body: (v) => [f64.add(get(v.x), get(v.x))] });
    expect(wasm.validate(assembleModule([ok]))).toBe(true);
    // The validator is real: an f64 body declared to return an i32 is rejected.
    const wrong = { ...ok, result: 'i32' as const };
    expect(wasm.validate(assembleModule([wrong]))).toBe(false);
  });

  it('should run structured loops, ifs and selects as written', () => {
    // Σ_{i<n} (i odd ? i : 0) with a while loop, an if and a select.
    const sumOdd = defineFunction({
      name: 'sumOdd', params: { n: 'i32' }, locals: { i: 'i32', s: 'i32' }, result: 'i32',
      body: (v) => [
        whileLoop(i32.lt_s(get(v.i), get(v.n)),
          ifThen(i32.and(get(v.i), i32.const(1)), [set(v.s, i32.add(get(v.s), get(v.i)))], [set(v.s, i32.add(get(v.s), i32.const(0)))]),
          set(v.i, i32.add(get(v.i), i32.const(1)))),
        select(get(v.s), i32.const(-1), i32.ge_s(get(v.n), i32.const(0))),
      ],
    });
    const { exports } = instantiate(sumOdd);
    expect(exports.sumOdd!(10)).toBe(1 + 3 + 5 + 7 + 9);
    expect(exports.sumOdd!(0)).toBe(0);
    expect(exports.sumOdd!(-3)).toBe(-1);
  });

  it('should compute f64x2 arithmetic lane by lane, as the JavaScript doubles would', () => {
    // Each store's expected value is checked below, in the order of the stores.
    const lanes = defineFunction({
      name: 'lanes', params: {}, locals: { a: 'v128', b: 'v128', c: 'v128' },
      body: (v) => [
        set(v.a, v128.load(i32.const(0))), set(v.b, v128.load(i32.const(16))), set(v.c, v128.load(i32.const(32))),
        v128.store(i32.const(64), f64x2.sub(f64x2.add(f64x2.mul(get(v.a), get(v.b)), get(v.c)), f64x2.div(get(v.a), get(v.b)))),
        v128.store(i32.const(80), f64x2.pmax(get(v.a), get(v.c))),
        f64.store(i32.const(96), f64.add(f64x2.extract_lane(get(v.a), 0), f64x2.extract_lane(get(v.a), 1))),
        v128.store(i32.const(112), i64x2.shl(i64x2.add(i64x2.const(3), i64x2.const(1020)), i32.const(52))),
        v128.store(i32.const(128), v128.load64_zero(i32.const(8))),
        v128.store(i32.const(144), v128.bitselect(get(v.a), get(v.b), f64x2.ge(get(v.a), get(v.b)))),
        v128.store64_lane(i32.const(160), v128.load64_splat(i32.const(40)), 1),
      ],
    });
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 6, maxLength: 6 }), ([a0, a1, b0, b1, c0, c1]) => {
      fc.pre(b0 !== 0 && b1 !== 0);
      const { exports, f64: m } = instantiate(lanes);
      m.set([a0!, a1!, b0!, b1!, c0!, c1!]);
      exports.lanes!();
      expect([m[8], m[9]]).toEqual([a0! * b0! + c0! - a0! / b0!, a1! * b1! + c1! - a1! / b1!]);
      expect([m[10], m[11]]).toEqual([a0! < c0! ? c0 : a0, a1! < c1! ? c1 : a1]);
      expect(m[12]).toBe(a0! + a1!);
      expect([m[14], m[15]]).toEqual([2 ** 0, 2 ** 0]); // exponent field 1023 = 2^0
      expect([m[16], m[17]]).toEqual([a1, 0]);
      expect([m[18], m[19]]).toEqual([a0! >= b0! ? a0 : b0, a1! >= b1! ? a1 : b1]);
      expect(m[20]).toBe(c1);
    }), { numRuns: 40, examples: [[[1.5, -2.5, 3, 4, 2.5, -0.5]]] });
  });
});

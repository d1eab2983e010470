// The SIMD activations (gates-wasm.ts) against the correctly rounded sigmoid and tanh of ../../activations.ts, and
// the gate functions of the module against the scalar fast kernels' formulas on one step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ulpDistance } from '../../__test-helpers__/high-precision.js';
import { sigmoid as sigmoidExact, sigmoidFast, tanh as tanhExact } from '../../activations.js';
import { tanhOneExp } from '../tanh-one-exp.js';
import { sigmoid, tanh } from './gates-wasm.js';
import { layOut, simdModule } from './simd-module.js';
import { webAssembly } from './webassembly-api.js';
import { assembleModule, defineFunction, get, i32, ifThen, set, v128, whileLoop } from './wasm-assembler.js';

const wasm = webAssembly!;

/** x[i] → sigmoid or tanh of it, two lanes at a time, through the macros the gate functions use. */
const activate = defineFunction({
  name: 'activate',
  params: { useTanh: 'i32', count: 'i32' },
  locals: { p: 'i32', end: 'i32', x: 'v128', y: 'v128', a: 'v128', e: 'v128', k: 'v128', kf: 'v128', r: 'v128', r2: 'v128', r4: 'v128' },
  body: (v) => [
    set(v.end, i32.shl(get(v.count), i32.const(3))),
    whileLoop(i32.lt_s(get(v.p), get(v.end)),
      set(v.x, v128.load(get(v.p))),
      ifThen(get(v.useTanh), [tanh(v.x, v.y, v)], [sigmoid(v.x, v.y, v)]),
      v128.store(get(v.p), get(v.y)),
      set(v.p, i32.add(get(v.p), i32.const(16)))),
  ],
});
const memory = new wasm.Memory({ initial: 1 });
const run = (new wasm.Instance(new wasm.Module(assembleModule([activate])), { env: { memory } }).exports as { activate: (t: number, n: number) => void }).activate;

/** The SIMD sigmoid or tanh of each x (an even count is padded). */
function simd(useTanh: boolean, xs: number[]): number[] {
  const mem = new Float64Array(memory.buffer);
  mem.set(xs);
  run(useTanh ? 1 : 0, xs.length + (xs.length & 1));
  return Array.from(mem.subarray(0, xs.length));
}

const gateRange = fc.double({ min: -40, max: 40, noNaN: true });
const anyFinite = fc.oneof(gateRange, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), fc.double({ min: -800, max: -600, noNaN: true }));
const edges = [0, -0, 2 ** -1074, 1e-300, 0.03125, -0.03124999, 0.5, -0.5, 0.3465735902799726, 20, -20, 354, -354, 708, -708, 709, -745, 1e308, -1e308];

describe('SIMD sigmoid', () => {
  it('should be within 3 ulps of the correctly rounded σ(x) where σ(x) > 1e-300', () => {
    fc.assert(fc.property(fc.array(anyFinite, { minLength: 1, maxLength: 9 }), (xs) => {
      simd(false, xs).forEach((got, i) => {
        const want = sigmoidExact(xs[i]!);
        if (want > 1e-300) expect(ulpDistance(got, want), `σ(${xs[i]})`).toBeLessThanOrEqual(3);
        else expect(got).toBeLessThan(1e-300);
      });
    }), { numRuns: 500, examples: [[edges]] });
  });

  it('should keep the special values', () => {
    const [nan, inf, negInf, zero] = simd(false, [NaN, Infinity, -Infinity, -0]);
    expect(nan).toBeNaN();
    expect([inf, negInf, zero]).toEqual([1, simd(false, [-708])[0], 0.5]);
  });
});

describe('SIMD tanh', () => {
  it('should be within 4 ulps of the correctly rounded tanh x for every finite x', () => {
    fc.assert(fc.property(fc.array(anyFinite, { minLength: 1, maxLength: 9 }), (xs) => {
      simd(true, xs).forEach((got, i) => {
        const want = tanhExact(xs[i]!);
        if (want === 0) expect(Object.is(got, want), `tanh(${xs[i]}) = ${got}`).toBe(true);
        else expect(ulpDistance(got, want), `tanh(${xs[i]})`).toBeLessThanOrEqual(4);
      });
    }), { numRuns: 500, examples: [[edges]] });
  });

  it('should keep the special values', () => {
    const got = simd(true, [NaN, Infinity, -Infinity, -0]);
    expect(got[0]).toBeNaN();
    expect(got.slice(1, 3)).toEqual([1, -1]);
    expect(Object.is(got[3], -0)).toBe(true);
  });
});

/** |got - want| within `rel` of max(1, |want|). */
const expectClose = (got: number | undefined, want: number, rel = 1e-14) =>
  expect(Math.abs(got! - want), `${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));

describe('the gate functions', () => {
  it('should compute one LSTM and one GRU step as the scalar formulas do', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 9 }), fc.array(gateRange, { minLength: 64, maxLength: 64 }), (N, H, pool) => {
      const value = (i: number) => pool[i % pool.length]! * (1 + i / 1000);
      const { fn, reserve } = simdModule()!;
      const { at, total } = layOut({ gates: N * 4 * H, cPrev: N * H, c: N * H, m: N * H, hh: N * 3 * H, bhn: H, hPrev: N * H, hn: N * H, h: N * H });
      const mem = reserve(total)!;
      for (let i = 0; i < total; i++) mem[i] = value(i);
      const before = mem.slice(0, total);
      fn.lstmGates(N, H, at.gates, at.cPrev, at.c, at.m);
      for (let n = 0; n < N; n++) for (let k = 0; k < H; k++) {
        const g = (block: number) => before[at.gates + n * 4 * H + block * H + k]!;
        const [i, f, gg, o] = [sigmoidFast(g(0)), sigmoidFast(g(1)), tanhOneExp(g(2)), sigmoidFast(g(3))];
        const c = f * before[at.cPrev + n * H + k]! + i * gg;
        expectClose(mem[at.c + n * H + k], c);
        expectClose(mem[at.m + n * H + k], o * tanhOneExp(c));
        expectClose(mem[at.gates + n * 4 * H + 3 * H + k], o);
      }
      // The GRU's gates start again from the original pre-activations.
      mem.set(before);
      fn.gruGates(N, H, at.gates, at.hh, at.bhn, at.hPrev, at.hn, at.h);
      for (let n = 0; n < N; n++) for (let k = 0; k < H; k++) {
        const a = (block: number) => before[at.gates + n * 3 * H + block * H + k]!;
        const hh = (block: number) => before[at.hh + n * 3 * H + block * H + k]!;
        const r = sigmoidFast(a(0) + hh(0));
        const z = sigmoidFast(a(1) + hh(1));
        const hn = hh(2) + before[at.bhn + k]!;
        const nn = tanhOneExp(a(2) + r * hn);
        expect(mem[at.hn + n * H + k]).toBe(hn);
        expectClose(mem[at.h + n * H + k], (1 - z) * nn + z * before[at.hPrev + n * H + k]!);
      }
    }), { numRuns: 60 });
  });
});

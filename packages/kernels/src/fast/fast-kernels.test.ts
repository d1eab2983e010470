// The fast layer kernels, scalar and WebAssembly, against the readable ones at the seam (../torch/layer-seam.ts):
// same outputs, same tape, same gradients, for every mode, size and option the seam carries, including strided views
// (batch-first input, one half of a bidirectional output) and partial gradient requests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  LayerBackwardArgs, LayerKernels, LayerTape, LayerWeightGrads, RnnLayerForwardArgs, RnnNonlinearity, SequenceView,
} from '../torch/layer-seam.js';
import { readableKernels } from '../torch/readable-kernels.js';
import { fastKernels, fastPath, fastScalarKernels, fastWasmKernels } from './fast-kernels.js';

type Mode = 'LSTM' | 'GRU' | 'RNN';
type Layout = 'time-major' | 'batch-first' | 'padded';

interface LayerCase {
  mode: Mode;
  nonlinearity: RnnNonlinearity;
  L: number; N: number; I: number; H: number; P: number;
  bias: boolean; reverse: boolean; layout: Layout;
  upstream: { dy: boolean; dhN: boolean; dcN: boolean; dx: boolean };
  wantGrads: { wIh: boolean; wHh: boolean; bIh: boolean; bHh: boolean; wHr: boolean };
  seed: number;
}

const TOLERANCE = 1e-12;

function filled(n: number, seed: number, range = 1): Float64Array {
  const out = new Float64Array(n);
  let s = (seed >>> 0) || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = (s / 4294967296 - 0.5) * 2 * range;
  }
  return out;
}

/** A (L, N, width) sequence laid out as the case says, filled from `seed` (padding included, so reads of it show). */
function sequence(c: LayerCase, width: number, seed: number): SequenceView {
  const { L, N } = c;
  if (c.layout === 'time-major') return { data: filled(L * N * width, seed), offset: 0, strideT: N * width, strideN: width };
  if (c.layout === 'batch-first') return { data: filled(L * N * width, seed), offset: 0, strideT: width, strideN: L * width };
  // The second half of a bidirectional (L, N, 2*width + 1) buffer, behind a 3-element offset.
  const row = 2 * width + 1;
  return { data: filled(3 + L * N * row, seed), offset: 3 + width, strideT: N * row, strideN: row };
}

const cloneView = (v: SequenceView): SequenceView => ({ ...v, data: v.data.slice() });

function setup(c: LayerCase) {
  const G = c.mode === 'LSTM' ? 4 : c.mode === 'GRU' ? 3 : 1;
  const { L, N, I, H } = c;
  const P = c.mode === 'LSTM' ? c.P : 0;
  const Hout = P || H;
  const s = c.seed;
  const weights = {
    wIh: filled(G * H * I, s + 1), wHh: filled(G * H * Hout, s + 2),
    bIh: c.bias ? filled(G * H, s + 3) : null, bHh: c.bias ? filled(G * H, s + 4) : null,
    wHr: P ? filled(P * H, s + 5) : null,
  };
  const args: RnnLayerForwardArgs = {
    dims: { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: P },
    weights, reverse: c.reverse, nonlinearity: c.nonlinearity,
    x: sequence(c, I, s + 6),
    h0: filled(N * Hout, s + 7), c0: c.mode === 'LSTM' ? filled(N * H, s + 8) : null,
    y: sequence(c, Hout, s + 9), hN: filled(N * Hout, s + 10), cN: c.mode === 'LSTM' ? filled(N * H, s + 11) : null,
  };
  const grads = (): LayerBackwardArgs => {
    const w = c.wantGrads;
    const dWeights: LayerWeightGrads = {
      wIh: w.wIh ? filled(weights.wIh.length, s + 12) : null,
      wHh: w.wHh ? filled(weights.wHh.length, s + 13) : null,
      bIh: w.bIh && weights.bIh ? filled(G * H, s + 14) : null,
      bHh: w.bHh && weights.bHh ? filled(G * H, s + 15) : null,
      wHr: w.wHr && weights.wHr ? filled(weights.wHr.length, s + 16) : null,
    };
    return {
      dy: c.upstream.dy ? sequence(c, Hout, s + 17) : null,
      dhN: c.upstream.dhN ? filled(N * Hout, s + 18) : null,
      dcN: c.upstream.dcN && c.mode === 'LSTM' ? filled(N * H, s + 19) : null,
      dx: c.upstream.dx ? sequence(c, I, s + 20) : null,
      dh0: filled(N * Hout, s + 21), dc0: c.mode === 'LSTM' ? filled(N * H, s + 22) : null,
      dWeights,
    };
  };
  return { args, grads };
}

function run(kernels: LayerKernels, c: LayerCase) {
  const { args: base, grads } = setup(c);
  const args = { ...base, y: cloneView(base.y), hN: base.hN.slice(), cN: base.cN?.slice() ?? null };
  const inputsBefore = JSON.stringify([Array.from(args.x.data), Array.from(args.h0), Array.from(args.c0 ?? [])]);
  let tape: LayerTape;
  if (c.mode === 'LSTM') tape = kernels.lstmLayerForward(args);
  else if (c.mode === 'GRU') tape = kernels.gruLayerForward(args);
  else tape = kernels.rnnLayerForward(args);
  const tapeBefore = JSON.stringify(Object.values(tape).map((t: Float64Array) => Array.from(t)));
  const g = grads();
  if (c.mode === 'LSTM') kernels.lstmLayerBackward(args, tape, g);
  else if (c.mode === 'GRU') kernels.gruLayerBackward(args, tape, g);
  else kernels.rnnLayerBackward(args, tape, g);
  const untouched = JSON.stringify([Array.from(args.x.data), Array.from(args.h0), Array.from(args.c0 ?? [])]) === inputsBefore
    && JSON.stringify(Object.values(tape).map((t: Float64Array) => Array.from(t))) === tapeBefore;
  return {
    untouched,
    results: {
      y: args.y.data, hN: args.hN, cN: args.cN,
      'tape.gates': tape.gates, 'tape.c': tape.c, 'tape.m': tape.m, 'tape.hn': tape.hn, 'tape.h': tape.h,
      dx: g.dx?.data ?? null, dh0: g.dh0, dc0: g.dc0,
      dWih: g.dWeights.wIh, dWhh: g.dWeights.wHh, dBih: g.dWeights.bIh, dBhh: g.dWeights.bHh, dWhr: g.dWeights.wHr,
    } as Record<string, Float64Array | null>,
  };
}

/** The worst |fast - readable| in any result, relative to that result's largest magnitude (at least 1). */
function worstDifference(fast: Record<string, Float64Array | null>, ref: Record<string, Float64Array | null>): { error: number; where: string } {
  let worst = { error: 0, where: 'nowhere' };
  for (const [name, want] of Object.entries(ref)) {
    const got = fast[name] ?? null;
    if (want === null || got === null) {
      if (want !== got) return { error: Infinity, where: `${name}: one side is null` };
      continue;
    }
    if (got.length !== want.length) return { error: Infinity, where: `${name}: length ${got.length} vs ${want.length}` };
    let scale = 1;
    for (const w of want) scale = Math.max(scale, Math.abs(w));
    for (let i = 0; i < want.length; i++) {
      const error = Math.abs(got[i]! - want[i]!) / scale;
      if (!(error <= worst.error)) worst = { error, where: `${name}[${i}]: fast ${got[i]} vs readable ${want[i]}` };
    }
  }
  return worst;
}

const flags = <K extends string>(...keys: K[]): fc.Arbitrary<Record<K, boolean>> =>
  fc.tuple(...keys.map(() => fc.boolean())).map((bits) => Object.fromEntries(keys.map((k, i) => [k, bits[i]!])) as Record<K, boolean>);

const layerCase: fc.Arbitrary<LayerCase> = fc.record({
  mode: fc.constantFrom<Mode>('LSTM', 'GRU', 'RNN'),
  nonlinearity: fc.constantFrom<RnnNonlinearity>('tanh', 'relu'),
  L: fc.integer({ min: 0, max: 6 }), N: fc.integer({ min: 1, max: 5 }), I: fc.integer({ min: 1, max: 9 }),
  H: fc.integer({ min: 1, max: 20 }), P: fc.integer({ min: 0, max: 19 }),
  bias: fc.boolean(), reverse: fc.boolean(), layout: fc.constantFrom<Layout>('time-major', 'batch-first', 'padded'),
  upstream: flags('dy', 'dhN', 'dcN', 'dx'),
  wantGrads: flags('wIh', 'wHh', 'bIh', 'bHh', 'wHr'),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
}).map((c) => ({ ...c, P: c.P < c.H ? c.P : 0 }));

function expectSame(kernels: LayerKernels, c: LayerCase): void {
  const fast = run(kernels, c);
  const ref = run(readableKernels, c);
  const { error, where } = worstDifference(fast.results, ref.results);
  expect(error, `worst at ${where}`).toBeLessThanOrEqual(TOLERANCE);
  expect(fast.untouched, 'the fast kernels wrote into their inputs or the tape').toBe(true);
}

describe.each([fastScalarKernels, fastWasmKernels])('$name', (kernels) => {
  it('should equal the readable kernels (outputs, tape and gradients) on every mode, size and option', () => {
    fc.assert(fc.property(layerCase, (c) => expectSame(kernels, c)), { numRuns: 150 });
  });

  it('should equal the readable kernels where the products cross their cache blocks (K > 256, > 64 rows)', () => {
    const all = { wIh: true, wHh: true, bIh: true, bHh: true, wHr: true };
    const up = { dy: true, dhN: true, dcN: true, dx: true };
    for (const mode of ['LSTM', 'GRU', 'RNN'] as const) {
      expectSame(kernels, { mode, nonlinearity: 'tanh', L: 3, N: 3, I: 300, H: 70, P: mode === 'LSTM' ? 5 : 0, bias: true, reverse: true, layout: 'padded', upstream: up, wantGrads: all, seed: 7 });
    }
  });

  it('should give the same results when called again (scratch buffers and wasm memory carry nothing between calls)', () => {
    fc.assert(fc.property(layerCase, layerCase, (first, second) => {
      const before = run(kernels, second).results;
      run(kernels, { ...first, L: first.L + 2, N: first.N + 1 });
      const after = run(kernels, second).results;
      expect(worstDifference(after, before).error).toBe(0);
    }), { numRuns: 40 });
  });
});

describe('fastKernels', () => {
  it('should run on WebAssembly SIMD here (Node 20 has it), unless GATECHECK_FAST_KERNELS says otherwise', () => {
    expect(fastPath()).toBe(process.env.GATECHECK_FAST_KERNELS === 'js' ? 'js' : 'wasm');
  });

  it('should equal the readable kernels through whichever path it chose', () => {
    fc.assert(fc.property(layerCase, (c) => expectSame(fastKernels, c)), { numRuns: 30 });
  });
});

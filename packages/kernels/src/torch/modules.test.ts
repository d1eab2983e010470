// Properties of the PyTorch-form modules (readable kernels): BPTT against centred finite differences for every
// module and option, and the structural identities PyTorch's semantics imply.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRelativeError, numericGradient } from '../__test-helpers__/finite-difference.js';
import {
  batchEntry, dataOf, dot, forwardOf, makeModule, randomTensor, reverseTime, seeded, sequenceSetup, swapLeadingAxes, type SequenceSetup,
} from '../__test-helpers__/modules.js';
import { GRUCell, LSTMCell, RNNCell } from './modules.js';
import type { Float64StateDict } from './state-dict.js';
import type { Float64Tensor } from './tensor.js';

const dataOfDict = (sd: Float64StateDict) => Object.fromEntries(Object.entries(sd).map(([k, t]) => [k, t.data]));
const withData = (sd: Float64StateDict, data: Record<string, Float64Array>): Float64StateDict =>
  Object.fromEntries(Object.entries(sd).map(([k, t]) => [k, { shape: t.shape, data: data[k]! }]));
const like = (t: Float64Tensor, data: Float64Array): Float64Tensor => ({ shape: t.shape, data });

/** dL/d(everything) for L = Σ output·wOutput + Σ h_n·wH + Σ c_n·wC, analytic and numeric, same structure. */
function gradientsOf(s: SequenceSetup, dropout = 0) {
  const random = seeded(s.seed);
  const module = makeModule(s, { random });
  const params = module.stateDict();
  const d = dataOf(s, random);
  const maskSeed = s.seed ^ 0x5bd1e995;
  const run = (p: Record<string, Float64Array>, input: Float64Array, h0: Float64Array | null, c0: Float64Array | null) => {
    // A fresh module per evaluation, replaying the same dropout masks.
    const m = makeModule(s, { params: withData(params, p), random: seeded(maskSeed) }, dropout).train(dropout > 0);
    return forwardOf(m, like(d.input, input), h0 && d.h0 ? like(d.h0, h0) : null, c0 && d.c0 ? like(d.c0, c0) : null);
  };
  type Args = { input: Float64Array; params: Record<string, Float64Array>; h0?: Float64Array; c0?: Float64Array };
  const args: Args = { input: d.input.data, params: dataOfDict(params) };
  if (d.h0) args.h0 = d.h0.data;
  if (d.c0) args.c0 = d.c0.data;
  const loss = (a: Args) => {
    const r = run(a.params, a.input, a.h0 ?? null, a.c0 ?? null);
    return dot(r.output, d.wOutput) + dot(r.hN, d.wH) + dot(r.cN, d.wC);
  };
  const g = run(args.params, args.input, args.h0 ?? null, args.c0 ?? null).backward({ output: d.wOutput, hN: d.wH, cN: d.wC });
  const analytic: Args = { input: g.input.data, params: dataOfDict(g.params) };
  if (d.h0) analytic.h0 = g.h0.data;
  if (d.c0) analytic.c0 = g.c0!.data;
  return { analytic, numeric: () => numericGradient(args, loss), numericFine: () => numericGradient(args, loss, 1e-6) };
}

describe('sequence modules backward (BPTT)', () => {
  it('should agree with centred finite differences for LSTM, GRU, RNN (tanh, relu) and every option', () => {
    fc.assert(fc.property(sequenceSetup(), (s) => {
      const { analytic, numeric, numericFine } = gradientsOf(s);
      const n = numeric();
      // relu has a kink at 0: skip the rare draws where a finite-difference step straddles it.
      if (s.kind === 'RNN_RELU') fc.pre(maxRelativeError(n, numericFine()).error < 1e-8);
      const { error, path } = maxRelativeError(analytic, n);
      expect(error, `worst at ${path}`).toBeLessThan(1e-7);
    }), { numRuns: 60 });
  });

  it('should agree with finite differences through dropout masks in training mode', () => {
    fc.assert(fc.property(sequenceSetup({ numLayers: fc.constant(2), kind: fc.constantFrom('LSTM' as const, 'GRU' as const, 'RNN_TANH' as const) }), fc.double({ min: 0.1, max: 0.9, noNaN: true }), (s, p) => {
      const { analytic, numeric } = gradientsOf(s, p);
      const { error, path } = maxRelativeError(analytic, numeric());
      expect(error, `worst at ${path}`).toBeLessThan(1e-7);
    }), { numRuns: 15 });
  });
});

describe('cells backward', () => {
  const cellCase = fc.record({
    kind: fc.constantFrom('LSTMCell', 'GRUCell', 'RNNCell_tanh', 'RNNCell_relu'), inputSize: fc.integer({ min: 1, max: 4 }),
    hiddenSize: fc.integer({ min: 1, max: 4 }), batch: fc.integer({ min: 0, max: 3 }), bias: fc.boolean(), withState: fc.boolean(), seed: fc.integer(),
  });
  it('should agree with centred finite differences for LSTMCell, GRUCell and RNNCell', () => {
    fc.assert(fc.property(cellCase, (c) => {
      const random = seeded(c.seed);
      const opts = { inputSize: c.inputSize, hiddenSize: c.hiddenSize, bias: c.bias };
      const make = (params?: Float64StateDict) =>
        c.kind === 'LSTMCell' ? new LSTMCell(opts, { random, ...(params ? { params } : {}) })
          : c.kind === 'GRUCell' ? new GRUCell(opts, { random, ...(params ? { params } : {}) })
            : new RNNCell({ ...opts, nonlinearity: c.kind === 'RNNCell_relu' ? 'relu' : 'tanh' }, { random, ...(params ? { params } : {}) });
      const params = make().stateDict();
      const lead = c.batch === 0 ? [] : [c.batch];
      const input = randomTensor([...lead, c.inputSize], random);
      const hx = randomTensor([...lead, c.hiddenSize], random);
      const cx = randomTensor([...lead, c.hiddenSize], random);
      const wh = randomTensor([...lead, c.hiddenSize], random);
      const wc = randomTensor([...lead, c.hiddenSize], random);
      const isLstm = c.kind === 'LSTMCell';
      const step = (p: Record<string, Float64Array>, x: Float64Array, h: Float64Array | null, cc: Float64Array | null) => {
        const m = make(withData(params, p));
        const hT = h ? like(hx, h) : null;
        return m instanceof LSTMCell ? m.forward(like(input, x), { hx: hT, cx: cc ? like(cx, cc) : null }) : m.forward(like(input, x), hT);
      };
      type Args = { x: Float64Array; p: Record<string, Float64Array>; h?: Float64Array; c?: Float64Array };
      const args: Args = { x: input.data, p: dataOfDict(params) };
      if (c.withState) {
        args.h = hx.data;
        if (isLstm) args.c = cx.data;
      }
      const loss = (a: Args) => {
        const r = step(a.p, a.x, a.h ?? null, a.c ?? null);
        return dot(r.h, wh) + (isLstm ? dot(r.c, wc) : 0);
      };
      const g = step(args.p, args.x, args.h ?? null, args.c ?? null).backward({ h: wh, c: isLstm ? wc : null });
      const analytic: Args = { x: g.input.data, p: dataOfDict(g.params) };
      if (c.withState) {
        analytic.h = g.hx.data;
        if (isLstm) analytic.c = g.cx!.data;
      }
      const n = numericGradient(args, loss);
      if (c.kind === 'RNNCell_relu') fc.pre(maxRelativeError(n, numericGradient(args, loss, 1e-6)).error < 1e-8);
      const { error, path } = maxRelativeError(analytic, n);
      expect(error, `worst at ${path}`).toBeLessThan(1e-7);
    }), { numRuns: 80 });
  });
});

describe('sequence module identities', () => {
  it('should treat batch_first as a transpose of input, output and input gradient', () => {
    fc.assert(fc.property(sequenceSetup({ batched: fc.constant(true), batchFirst: fc.constant(false) }), (s) => {
      const random = seeded(s.seed);
      const timeMajor = makeModule(s, { random });
      const batchFirst = makeModule({ ...s, batchFirst: true }, { params: timeMajor.stateDict() });
      const d = dataOf(s, random);
      const call = (m: ReturnType<typeof makeModule>, x: Float64Tensor) => forwardOf(m, x, d.h0, d.c0);
      const a = call(timeMajor, d.input);
      const b = call(batchFirst, swapLeadingAxes(d.input));
      expect(b.output).toEqual(swapLeadingAxes(a.output));
      expect(b.hN).toEqual(a.hN);
      const ga = a.backward({ output: d.wOutput, hN: d.wH, cN: d.wC });
      const gb = b.backward({ output: swapLeadingAxes(d.wOutput), hN: d.wH, cN: d.wC });
      expect(gb.input).toEqual(swapLeadingAxes(ga.input));
      expect(gb.params).toEqual(ga.params);
    }));
  });

  it('should give for a batch of N what N unbatched runs give', () => {
    fc.assert(fc.property(sequenceSetup({ batched: fc.constant(true), batchFirst: fc.constant(false), withState: fc.constant(true), batch: fc.integer({ min: 1, max: 3 }) }), (s) => {
      const random = seeded(s.seed);
      const m = makeModule(s, { random });
      const d = dataOf(s, random);
      const call = (x: Float64Tensor, h0: Float64Tensor | null, c0: Float64Tensor | null) => forwardOf(m, x, h0, c0);
      const batched = call(d.input, d.h0, d.c0);
      for (let n = 0; n < s.batch; n++) {
        const single = call(batchEntry(d.input, n), batchEntry(d.h0!, n), d.c0 ? batchEntry(d.c0, n) : null);
        expect(single.output).toEqual(batchEntry(batched.output, n));
        expect(single.hN).toEqual(batchEntry(batched.hN, n));
        if (d.c0) expect(single.cN).toEqual(batchEntry(batched.cN!, n));
      }
    }));
  });

  it('should run the reverse direction as the forward direction on the reversed sequence', () => {
    fc.assert(fc.property(sequenceSetup({ bidirectional: fc.constant(true), numLayers: fc.constant(1), batched: fc.constant(true), batchFirst: fc.constant(false), withState: fc.constant(true) }), (s) => {
      const random = seeded(s.seed);
      const bi = makeModule(s, { random });
      const reverseParams: Float64StateDict = {};
      for (const [k, t] of Object.entries(bi.stateDict())) if (k.endsWith('_reverse')) reverseParams[k.slice(0, -'_reverse'.length)] = t;
      const uni = makeModule({ ...s, bidirectional: false }, { params: reverseParams });
      const d = dataOf(s, random);
      const second = (t: Float64Tensor | null) => (t ? { shape: [1, ...t.shape.slice(1)], data: t.data.slice(t.data.length / 2) } : null);
      const call = forwardOf;
      const a = call(bi, d.input, d.h0, d.c0);
      const b = call(uni, reverseTime(d.input), second(d.h0), second(d.c0));
      const width = b.output.shape[2]!;
      const reverseHalf = new Float64Array(b.output.data.length);
      for (let row = 0; row < reverseHalf.length / width; row++) reverseHalf.set(a.output.data.subarray(row * 2 * width + width, (row + 1) * 2 * width), row * width);
      expect(reverseTime(b.output).data).toEqual(reverseHalf);
      expect(b.hN).toEqual(second(a.hN));
    }));
  });
});

describe('dropout between layers', () => {
  it('should leave eval mode untouched by dropout and never draw from the random source', () => {
    fc.assert(fc.property(sequenceSetup({ numLayers: fc.constant(2) }), fc.double({ min: 0, max: 1, noNaN: true }), (s, p) => {
      const random = seeded(s.seed);
      const plain = makeModule(s, { random });
      const d = dataOf(s, random);
      let calls = 0;
      const dropping = makeModule(s, { params: plain.stateDict(), random: () => (calls++, 0) }, p).eval();
      expect(forwardOf(dropping, d.input, d.h0, d.c0).output).toEqual(forwardOf(plain, d.input, d.h0, d.c0).output);
      expect(calls).toBe(0);
    }), { numRuns: 30 });
  });

  it('should feed the top layer zeros with dropout 1 in training mode', () => {
    fc.assert(fc.property(sequenceSetup({ numLayers: fc.constant(2), bidirectional: fc.constant(false) }), (s) => {
      const random = seeded(s.seed);
      const stack = makeModule(s, { random }, 1).train();
      const d = dataOf(s, random);
      const hOut = s.kind === 'LSTM' && s.projSize > 0 ? s.projSize : s.hiddenSize;
      const topParams = Object.fromEntries(Object.entries(stack.stateDict()).filter(([k]) => k.endsWith('_l1')).map(([k, t]) => [k.replace('_l1', '_l0'), t]));
      const top = makeModule({ ...s, numLayers: 1, inputSize: hOut }, { params: topParams });
      const zeros = { shape: [...d.input.shape.slice(0, -1), hOut], data: new Float64Array((d.input.data.length / s.inputSize) * hOut) };
      const second = (t: Float64Tensor | null) => (t ? { shape: [1, ...t.shape.slice(1)], data: t.data.slice(t.data.length / 2) } : null);
      expect(forwardOf(stack, d.input, d.h0, d.c0).output).toEqual(forwardOf(top, zeros, second(d.h0), second(d.c0)).output);
    }), { numRuns: 30 });
  });

  it('should draw one number per lower-layer output element and scale kept ones by 1/(1-p)', () => {
    const s: SequenceSetup = { kind: 'RNN_TANH', inputSize: 2, hiddenSize: 3, numLayers: 2, bias: true, batchFirst: false, bidirectional: false, projSize: 0, seqLen: 4, batch: 2, batched: true, withState: false, seed: 11 };
    const random = seeded(s.seed);
    const plain = makeModule(s, { random });
    const d = dataOf(s, random);
    let calls = 0;
    const keepAll = makeModule(s, { params: plain.stateDict(), random: () => (calls++, 0.5) }, 0.25).train();
    // Nothing dropped (0.5 >= 0.25), every lower output scaled by 4/3: the same as scaling layer 1's W_ih by 4/3.
    const scaled = plain.stateDict();
    scaled.weight_ih_l1!.data.forEach((v, k, a) => { a[k] = v / 0.75; });
    const reference = makeModule(s, { params: scaled });
    const a = forwardOf(keepAll, d.input, null, null).output.data;
    const b = forwardOf(reference, d.input, null, null).output.data;
    a.forEach((v, k) => expect(Math.abs(v - b[k]!)).toBeLessThan(1e-14));
    expect(calls).toBe(s.seqLen * s.batch * s.hiddenSize);
  });
});

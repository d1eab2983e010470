// torchLstm / torchGru (exercises 06/07's contract) against PyTorch's golden files and against the Float64 API.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataOf, forwardOf, makeModule, seeded, sequenceSetup } from '../__test-helpers__/modules.js';
import { goldenTensor, readGolden, type GoldenJson } from '../__test-helpers__/fixtures.js';
import { torchGru, torchLstm } from './contract.js';
import { KernelArgumentError } from './errors.js';
import { stateDictToNested, type StateDict } from './state-dict.js';
import { toNested, type Tensor } from './tensor.js';

const nested = (t: GoldenJson | null): Tensor | undefined => (t ? toNested(goldenTensor(t as never)!) : undefined);
const paramsOf = (g: GoldenJson): StateDict => {
  const out: Record<string, ReturnType<typeof goldenTensor>> = {};
  for (const [k, v] of Object.entries(g.params)) out[k] = goldenTensor(v as never);
  return stateDictToNested(out as never);
};
const flat = (t: Tensor): number[] => (Array.isArray(t) ? t.flatMap(flat) : [t]);
const close = (actual: Tensor, expected: GoldenJson) => {
  const a = flat(actual);
  expect(a).toHaveLength(expected.data.length);
  a.forEach((v, k) => expect(Math.abs(v - expected.data[k]) / Math.max(1, Math.abs(expected.data[k]))).toBeLessThanOrEqual(1e-10));
};
const optionsOf = (c: GoldenJson) => ({
  inputSize: c.input_size, hiddenSize: c.hidden_size, numLayers: c.num_layers, bias: c.bias,
  batchFirst: c.batch_first, bidirectional: c.bidirectional, ...(c.proj_size !== undefined ? { projSize: c.proj_size } : {}),
});

describe('torchLstm', () => {
  for (const file of ['lstm_1layer.json', 'lstm_2layer_batchfirst.json', 'lstm_bidirectional.json', 'lstm_proj.json', 'lstm_unbatched_nostate.json']) {
    it(`should reproduce PyTorch's outputs in ${file}`, () => {
      const g = readGolden(file);
      const state = g.inputs.h0 ? { h0: nested(g.inputs.h0)!, c0: nested(g.inputs.c0)! } : undefined;
      const { output, hN, cN } = torchLstm(optionsOf(g.config), paramsOf(g), nested(g.inputs.input)!, state);
      close(output, g.outputs.output);
      close(hN, g.outputs.h_n);
      close(cN, g.outputs.c_n);
    });
  }

  it('should give unbatched states for unbatched input (lstm_unbatched_nostate.json shapes)', () => {
    const g = readGolden('lstm_unbatched_nostate.json');
    const { output, hN, cN } = torchLstm(optionsOf(g.config), paramsOf(g), nested(g.inputs.input)!);
    expect([(output as Tensor[]).length, ((output as Tensor[])[0] as Tensor[]).length]).toEqual([5, 3]);
    expect([(hN as Tensor[]).length, ((hN as Tensor[])[0] as Tensor[]).length]).toEqual([1, 3]);
    expect((cN as Tensor[]).length).toBe(1);
  });

  it('should reject bad arguments with a one-line KernelArgumentError', () => {
    const g = readGolden('lstm_1layer.json');
    const input = nested(g.inputs.input)!;
    const call = (opts: object, params = paramsOf(g), x: Tensor = input) => () => torchLstm(opts as never, params, x);
    expect(call({ ...optionsOf(g.config), projSize: 6 })).toThrow(new KernelArgumentError('proj_size has to be smaller than hidden_size'));
    expect(call(optionsOf(g.config), paramsOf(g), [[[1, 2, 3]]])).toThrow('input.size(-1) must be equal to input_size. Expected 4, got 3');
    expect(call({ ...optionsOf(g.config), inputSize: 5 })).toThrow('size mismatch for weight_ih_l0: copying a param with shape [24, 4] from checkpoint, the shape in current model is [24, 5].');
    const { bias_hh_l0: _dropped, ...missing } = paramsOf(g);
    expect(call(optionsOf(g.config), missing)).toThrow('Error(s) in loading state_dict for LSTM: Missing key(s) in state_dict: "bias_hh_l0".');
    expect(call(optionsOf(g.config), paramsOf(g), [[[1, 2, 3, 4], [1, 2, 3]]])).toThrow(KernelArgumentError);
    expect(call(optionsOf(g.config), paramsOf(g), [1, 2, 3, 4])).toThrow('LSTM: Expected input to be 2-D or 3-D but received 1-D tensor');
    expect(() => torchLstm(optionsOf(g.config), paramsOf(g), input, { h0: nested(g.inputs.h0)! } as never)).toThrow('state must be { h0, c0 }');
  });
});

describe('torchGru', () => {
  for (const file of ['gru_1layer.json', 'gru_2layer_bidirectional.json', 'gru_nobias_batchfirst.json']) {
    it(`should reproduce PyTorch's outputs in ${file}`, () => {
      const g = readGolden(file);
      const { output, hN } = torchGru(optionsOf(g.config), paramsOf(g), nested(g.inputs.input)!, nested(g.inputs.h0));
      close(output, g.outputs.output);
      close(hN, g.outputs.h_n);
    });
  }

  it('should reject projSize like PyTorch does for GRU', () => {
    const g = readGolden('gru_1layer.json');
    expect(() => torchGru({ ...optionsOf(g.config), projSize: 2 } as never, paramsOf(g), nested(g.inputs.input)!))
      .toThrow('proj_size argument is only supported for LSTM, not RNN or GRU');
  });

  it('should check h0\'s shape with PyTorch\'s message', () => {
    const g = readGolden('gru_1layer.json');
    expect(() => torchGru(optionsOf(g.config), paramsOf(g), nested(g.inputs.input)!, [[[0, 0, 0, 0, 0, 0]]]))
      .toThrow('Expected hidden size (1, 3, 6), got [1, 1, 6]');
  });
});

describe('contract adapters and the Float64 API', () => {
  it('should return exactly what the LSTM and GRU modules return, as nested arrays', () => {
    fc.assert(fc.property(sequenceSetup({ kind: fc.constantFrom('LSTM' as const, 'GRU' as const) }), (s) => {
      const random = seeded(s.seed);
      const m = makeModule(s, { random });
      const d = dataOf(s, random);
      const ref = forwardOf(m, d.input, d.h0, d.c0);
      const opts = { inputSize: s.inputSize, hiddenSize: s.hiddenSize, numLayers: s.numLayers, bias: s.bias, batchFirst: s.batchFirst, bidirectional: s.bidirectional };
      const params = stateDictToNested(m.stateDict());
      if (s.kind === 'LSTM') {
        const state = d.h0 && d.c0 ? { h0: toNested(d.h0), c0: toNested(d.c0) } : undefined;
        const got = torchLstm({ ...opts, projSize: s.projSize }, params, toNested(d.input), state);
        expect(got).toEqual({ output: toNested(ref.output), hN: toNested(ref.hN), cN: toNested(ref.cN!) });
      } else {
        const got = torchGru(opts, params, toNested(d.input), d.h0 ? toNested(d.h0) : undefined);
        expect(got).toEqual({ output: toNested(ref.output), hN: toNested(ref.hN) });
      }
    }), { numRuns: 50 });
  });
});

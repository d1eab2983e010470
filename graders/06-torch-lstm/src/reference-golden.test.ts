// The reference solution and the correct variant are held to PyTorch itself: the golden files in
// packages/kernels/fixtures/pytorch were produced by torch.nn.LSTM 1.13 in float64 (see that folder's README).
import { describe, expect, it } from 'vitest';
import { lstm as reference } from '../reference/src/torch-lstm.js';
import { lstm as flatBuffers } from '../variants/flat-buffers.js';
import { goldenCases, maxAbsDiff } from './__test-helpers__/golden.js';

const cases = goldenCases('LSTM');

describe.each([['reference', reference], ['flat-buffers variant', flatBuffers]])('%s lstm on the PyTorch golden files', (_name, lstm) => {
  it('should find golden files covering every option', () => {
    const configs = cases.map((g) => g.config);
    expect(configs.some((c) => (c.num_layers as number) > 1)).toBe(true);
    expect(configs.some((c) => c.batch_first)).toBe(true);
    expect(configs.some((c) => c.bidirectional)).toBe(true);
    expect(configs.some((c) => (c.proj_size as number) > 0)).toBe(true);
    expect(cases.some((g) => g.inputs.h0 === undefined)).toBe(true);
  });

  it.each(cases.map((g) => [g.file, g] as const))('should match %s to 1e-12', (_file, g) => {
    const c = g.config;
    const opts = {
      inputSize: c.input_size as number, hiddenSize: c.hidden_size as number, numLayers: c.num_layers as number,
      bias: c.bias as boolean, batchFirst: c.batch_first as boolean, bidirectional: c.bidirectional as boolean,
      projSize: c.proj_size as number,
    };
    const state = g.inputs.h0 === undefined ? undefined : { h0: g.inputs.h0, c0: g.inputs.c0! };
    const r = lstm(opts, g.params, g.inputs.input!, state);
    expect(maxAbsDiff(r.output, g.outputs.output)).toBeLessThan(1e-12);
    expect(maxAbsDiff(r.hN, g.outputs.h_n)).toBeLessThan(1e-12);
    expect(maxAbsDiff(r.cN, g.outputs.c_n)).toBeLessThan(1e-12);
  });
});

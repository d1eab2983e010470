// The reference solution and the correct variant are held to PyTorch itself: the golden files in
// packages/kernels/fixtures/pytorch were produced by torch.nn.GRU 1.13 in float64 (see that folder's README).
import { describe, expect, it } from 'vitest';
import { gru as reference } from '../reference/src/torch-gru.js';
import { gru as perGateMatrices } from '../variants/per-gate-matrices.js';
import { goldenCases, maxAbsDiff } from './__test-helpers__/golden.js';

const cases = goldenCases('GRU');

describe.each([['reference', reference], ['per-gate-matrices variant', perGateMatrices]])('%s gru on the PyTorch golden files', (_name, gru) => {
  it('should find golden files covering layers, batchFirst, bidirectional and no bias', () => {
    const configs = cases.map((g) => g.config);
    expect(configs.some((c) => (c.num_layers as number) > 1)).toBe(true);
    expect(configs.some((c) => c.batch_first)).toBe(true);
    expect(configs.some((c) => c.bidirectional)).toBe(true);
    expect(configs.some((c) => c.bias === false)).toBe(true);
  });

  it.each(cases.map((g) => [g.file, g] as const))('should match %s to 1e-12', (_file, g) => {
    const c = g.config;
    const opts = {
      inputSize: c.input_size as number, hiddenSize: c.hidden_size as number, numLayers: c.num_layers as number,
      bias: c.bias as boolean, batchFirst: c.batch_first as boolean, bidirectional: c.bidirectional as boolean,
    };
    const r = gru(opts, g.params, g.inputs.input!, g.inputs.h0);
    expect(maxAbsDiff(r.output, g.outputs.output)).toBeLessThan(1e-12);
    expect(maxAbsDiff(r.hN, g.outputs.h_n)).toBeLessThan(1e-12);
  });
});

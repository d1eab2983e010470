// Weights as PyTorch saves them run here unchanged: the golden files' params (packages/kernels/fixtures/pytorch,
// PyTorch 1.13.1 float64) through safetensors and JSON give PyTorch's outputs.
import { describe, expect, it } from 'vitest';
import { goldenTensor, readGolden } from './__test-helpers__/fixtures.js';
import { writeSafetensors } from './safetensors.js';
import { readStateDictJson, readStateDictSafetensors, writeStateDictJson, writeStateDictSafetensors } from './state-dict-files.js';
import { GRU, LSTM } from './torch/modules.js';

describe('state dict files', () => {
  it('should run lstm_proj.json\'s weights from safetensors and give PyTorch\'s output', () => {
    const g = readGolden('lstm_proj.json');
    const bytes = writeStateDictSafetensors(readStateDictJson(g), { metadata: { format: 'pt' } });
    const params = readStateDictSafetensors(bytes);
    expect(Object.keys(params)).toEqual(Object.keys(g.params));
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 6, projSize: 2 }, { params });
    const run = lstm.forward(goldenTensor(g.inputs.input)!, { h0: goldenTensor(g.inputs.h0), c0: goldenTensor(g.inputs.c0) });
    Array.from(run.output.data).forEach((v, k) => expect(Math.abs(v - g.outputs.output.data[k])).toBeLessThanOrEqual(1e-10));
  });

  it('should pick a submodule\'s parameters by prefix, as saved from a larger model', () => {
    const g = readGolden('gru_1layer.json');
    const sd = readStateDictJson(g);
    const model = Object.fromEntries(Object.entries(sd).map(([k, t]) => [`encoder.rnn.${k}`, t]));
    const bytes = writeSafetensors({ ...model, 'head.weight': { shape: [1], data: Float64Array.from([2]) } });
    const params = readStateDictSafetensors(bytes, { prefix: 'encoder.rnn.' });
    const gru = new GRU({ inputSize: 4, hiddenSize: 6 }, { params });
    expect(gru.stateDict()).toEqual(sd);
    expect(() => readStateDictSafetensors(bytes, { prefix: 'decoder.' })).toThrow('no parameter name starts with "decoder."');
  });

  it('should round-trip the JSON encoding exactly and reject a malformed entry', () => {
    const sd = readStateDictJson(readGolden('lstm_2layer_batchfirst.json'));
    expect(readStateDictJson(writeStateDictJson(sd))).toEqual(sd);
    expect(() => readStateDictJson('{"weight_ih_l0": {"shape": [2, 2], "data": [1, 2, 3]}}')).toThrow('weight_ih_l0: shape [2, 2] needs 4 values, data has 3');
    expect(() => readStateDictJson('{"w": ')).toThrow(/not valid JSON/);
  });
});

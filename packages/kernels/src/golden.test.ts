// Every bundled golden file (packages/kernels/fixtures/pytorch/*.json and fixtures/pytorch-extra/*.json, both from
// PyTorch 1.13.1 in float64) passes within 1e-10 × max(1, |expected|), forward and every recorded gradient;
// broken files fail with a reason.
import { describe, expect, it } from 'vitest';
import { EXTRA_FIXTURES_DIR, goldenFileNames, readGolden } from './__test-helpers__/fixtures.js';
import { checkGolden, checkGoldenText } from './golden.js';

describe('checkGolden on the bundled PyTorch files', () => {
  it('should find the bundled golden files', () => {
    expect(goldenFileNames().length).toBeGreaterThanOrEqual(15);
  });

  for (const file of goldenFileNames()) {
    it(`should match ${file} within 1e-10`, () => {
      const result = checkGolden(readGolden(file));
      expect(result.reason).toBeNull();
      expect(result.compared).toBeGreaterThan(0);
      expect(result.maxError, JSON.stringify(result.worst)).toBeLessThanOrEqual(1e-10);
      expect(result.pass).toBe(true);
    });
  }
});

describe('checkGolden on more PyTorch files (fixtures/pytorch-extra, scripts/make-golden.py)', () => {
  it('should find them', () => {
    expect(goldenFileNames(EXTRA_FIXTURES_DIR).length).toBeGreaterThanOrEqual(12);
  });

  for (const file of goldenFileNames(EXTRA_FIXTURES_DIR)) {
    it(`should match ${file} within 1e-10`, () => {
      const result = checkGolden(readGolden(file, EXTRA_FIXTURES_DIR));
      expect(result.reason).toBeNull();
      expect(result.maxError, JSON.stringify(result.worst)).toBeLessThanOrEqual(1e-10);
    });
  }
});

describe('checkGolden on altered files', () => {
  it('should fail and point at the value when one recorded gradient is off by 1e-8', () => {
    const g = readGolden('lstm_bidirectional.json');
    g.grads.params.weight_hh_l0_reverse.data[5] += 1e-8;
    const result = checkGolden(g);
    expect(result.pass).toBe(false);
    expect(result.worst?.path).toBe('grads.params.weight_hh_l0_reverse[5]');
    expect(result.maxError).toBeGreaterThan(1e-9);
  });

  it('should fail a lecture step that differs', () => {
    const g = readGolden('lecture_saturated.json');
    g.gru.steps[1].h_tilde.data[0] = 0.5;
    expect(checkGolden(g)).toMatchObject({ pass: false, worst: { path: 'gru.steps[1].h_tilde[0]' } });
  });

  it('should give a reason for a shape mismatch', () => {
    const g = readGolden('gru_1layer.json');
    g.outputs.h_n.shape = [3, 6];
    expect(checkGolden(g)).toMatchObject({ pass: false, reason: 'outputs.h_n: shape [1, 3, 6], PyTorch\'s is [3, 6]' });
  });

  it('should give a reason for data that does not fill its shape', () => {
    const g = readGolden('gru_1layer.json');
    g.inputs.input.data.pop();
    expect(checkGolden(g).reason).toMatch(/^inputs\.input: shape \[5, 3, 4\] needs 60 values, data has 59/);
  });

  it('should report arguments the kernels reject in PyTorch\'s words', () => {
    const g = readGolden('lstm_proj.json');
    g.config.proj_size = 6;
    expect(checkGolden(g).reason).toBe('the kernels rejected the file\'s arguments: proj_size has to be smaller than hidden_size');
  });

  it('should reject an unknown module, a missing section, an unknown option and non-JSON', () => {
    expect(checkGolden({ module: 'Transformer' }).reason).toMatch(/unknown module "Transformer"/);
    const g = readGolden('rnn_tanh_2layer.json');
    delete g.inputs;
    expect(checkGolden(g).reason).toBe('inputs: missing or not an object');
    const h = readGolden('rnn_tanh_2layer.json');
    h.config.zoneout = 0.1;
    expect(checkGolden(h).reason).toMatch(/config\.zoneout/);
    expect(checkGoldenText('{"module": ').reason).toMatch(/^not valid JSON/);
    expect(checkGolden([1, 2]).reason).toMatch(/not a golden file/);
  });

  it('should fail a file that records nothing to compare', () => {
    const g = readGolden('lstmcell_basic.json');
    for (const k of Object.keys(g.outputs)) g.outputs[k] = null;
    for (const k of Object.keys(g.grads)) g.grads[k] = null;
    expect(checkGolden(g)).toMatchObject({ pass: false, reason: 'the file records no values to compare' });
  });
});

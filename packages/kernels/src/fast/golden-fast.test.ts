// The fast kernels inside the PyTorch-form modules against PyTorch itself: every golden file in
// packages/kernels/fixtures/pytorch (made by PyTorch 1.13.1 in float64, see that folder's README), forward and every
// gradient, within 1e-10 × max(1, |expected|).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRU, GRUCell, LSTM, LSTMCell, RNN } from '../torch/modules.js';
import type { Float64StateDict } from '../torch/state-dict.js';
import type { Float64Tensor } from '../torch/tensor.js';
import { fastKernels } from './fast-kernels.js';

const FIXTURES = new URL('../../fixtures/pytorch/', import.meta.url);
const TOLERANCE = 1e-10;

type Json = { shape: number[]; data: number[] } | null;
interface Golden {
  module: string;
  config: Record<string, unknown>;
  params: Record<string, Json>;
  inputs: Record<string, Json>;
  outputs: Record<string, Json>;
  loss_weights: Record<string, Json>;
  grads: Record<string, Json> & { params: Record<string, Json> };
}

const tensor = (j: Json): Float64Tensor | null => (j ? { shape: j.shape, data: Float64Array.from(j.data) } : null);

function stateDict(params: Record<string, Json>): Float64StateDict {
  const out: Float64StateDict = {};
  for (const [name, j] of Object.entries(params)) out[name] = tensor(j)!;
  return out;
}

function options(config: Record<string, unknown>) {
  return {
    inputSize: config.input_size as number, hiddenSize: config.hidden_size as number,
    numLayers: config.num_layers as number | undefined, bias: config.bias as boolean | undefined,
    batchFirst: config.batch_first as boolean | undefined, bidirectional: config.bidirectional as boolean | undefined,
    dropout: config.dropout as number | undefined,
  };
}

/** Runs one golden file through the modules with the fast kernels: what came out, by the file's names. */
function runGolden(g: Golden): { outputs: Record<string, Float64Tensor | null>; grads: Record<string, Float64Tensor | null> } {
  const setup = { params: stateDict(g.params), kernels: fastKernels };
  const input = tensor(g.inputs.input ?? null)!;
  const w = g.loss_weights;
  const paramGrads = (p: Float64StateDict) => Object.fromEntries(Object.entries(p).map(([k, t]) => [`params.${k}`, t]));
  if (g.module === 'LSTMCell' || g.module === 'GRUCell') {
    const opts = { inputSize: g.config.input_size as number, hiddenSize: g.config.hidden_size as number, bias: g.config.bias as boolean };
    const run = g.module === 'LSTMCell'
      ? new LSTMCell(opts, setup).forward(input, { hx: tensor(g.inputs.hx ?? null), cx: tensor(g.inputs.cx ?? null) })
      : new GRUCell(opts, setup).forward(input, tensor(g.inputs.hx ?? null));
    const d = run.backward({ h: tensor(w.h ?? null), c: tensor(w.c ?? null) });
    return { outputs: { h: run.h, c: run.c }, grads: { input: d.input, hx: d.hx, cx: d.cx, ...paramGrads(d.params) } };
  }
  const h0 = tensor(g.inputs.h0 ?? null);
  const run = g.module === 'LSTM'
    ? new LSTM({ ...options(g.config), projSize: g.config.proj_size as number }, setup).forward(input, { h0, c0: tensor(g.inputs.c0 ?? null) })
    : g.module === 'GRU'
      ? new GRU(options(g.config), setup).forward(input, h0)
      : new RNN({ ...options(g.config), nonlinearity: g.config.nonlinearity as 'tanh' | 'relu' }, setup).forward(input, h0);
  const d = run.backward({ output: tensor(w.output ?? null), hN: tensor(w.h_n ?? null), cN: tensor(w.c_n ?? null) });
  return { outputs: { output: run.output, h_n: run.hN, c_n: run.cN }, grads: { input: d.input, h0: d.h0, c0: d.c0, ...paramGrads(d.params) } };
}

/** Worst error, scaled by max(1, |expected|), over every tensor the file records. */
function worstError(expected: Record<string, Json>, got: Record<string, Float64Tensor | null>): { error: number; where: string } {
  let worst = { error: 0, where: 'nothing compared' };
  for (const [name, want] of Object.entries(expected)) {
    if (!want) continue;
    const have = got[name];
    if (!have) return { error: Infinity, where: `${name}: not produced` };
    if (have.shape.join() !== want.shape.join()) return { error: Infinity, where: `${name}: shape [${have.shape}] vs [${want.shape}]` };
    want.data.forEach((v, i) => {
      const error = Math.abs(have.data[i]! - v) / Math.max(1, Math.abs(v));
      if (!(error <= worst.error)) worst = { error, where: `${name}[${i}]: got ${have.data[i]}, PyTorch ${v}` };
    });
  }
  return worst;
}

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
const modules = files.map((f) => [f, JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as Golden] as const)
  .filter(([, g]) => g.module !== 'lecture');

describe('fast kernels on the PyTorch golden files', () => {
  it('should find golden files to check', () => {
    expect(modules.length).toBeGreaterThan(0);
  });

  it.each(modules)('%s: forward and every gradient within 1e-10', (_file, g) => {
    const { outputs, grads } = runGolden(g);
    const expectedGrads: Record<string, Json> = {};
    for (const [k, v] of Object.entries(g.grads)) {
      if (k === 'params') for (const [p, t] of Object.entries(v as Record<string, Json>)) expectedGrads[`params.${p}`] = t;
      else expectedGrads[k] = v as Json;
    }
    const fwd = worstError(g.outputs, outputs);
    expect(fwd.error, `forward, worst at ${fwd.where}`).toBeLessThanOrEqual(TOLERANCE);
    const bwd = worstError(expectedGrads, grads);
    expect(bwd.error, `gradients, worst at ${bwd.where}`).toBeLessThanOrEqual(TOLERANCE);
  });
});

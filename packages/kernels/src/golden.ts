// PyTorch golden files (fixtures/pytorch/README.md): reading them and checking the reference kernels against them.
// A golden file records one module run by PyTorch in float64 — config, state_dict, inputs, outputs, the weights of
// a linear loss and that loss's gradients — or (module "lecture") every intermediate of the slides' equations.
// Nothing here knows any particular file: every module, option and shape the format can express is handled the same.
import { lstmCell as lectureLstmCell, candidateCell, cellState, forgetGate, gruHidden, inputGate, outputGate, hiddenState, resetGate, updateGate, candidateHidden, type Gate, type GruParams, type LstmParams, type Vector } from './lecture-arrays.js';
import { KernelArgumentError } from './torch/errors.js';
import type { LayerKernels } from './torch/layer-seam.js';
import { readableKernels } from './torch/readable-kernels.js';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell } from './torch/modules.js';
import type { Float64StateDict } from './torch/state-dict.js';
import { float64Tensor, shapeText, sizeOf, type Float64Tensor } from './torch/tensor.js';

/** A golden file that cannot be understood: what is wrong, in one line. */
export class GoldenFormatError extends Error {
  override name = 'GoldenFormatError';
}

/** The tensor encoding of golden files: shape plus row-major data. */
export interface GoldenTensor {
  shape: number[];
  data: number[];
}

/** One comparison's worst element. */
export interface GoldenWorst {
  /** Where, e.g. `grads.params.weight_hh_l0[7]` or `gru.steps[2].h_tilde[0]`. */
  path: string;
  expected: number;
  actual: number;
}

/** The outcome of checking one golden file. */
export interface GoldenCheck {
  /** The file's `name` field, or '' when it has none. */
  name: string;
  /** The file's `module` field. */
  module: string;
  /** True when every recorded value matched within `tolerance × max(1, |expected|)`. */
  pass: boolean;
  /** The largest |actual - expected| / max(1, |expected|) over every recorded value (Infinity on a shape mismatch). */
  maxError: number;
  /** Where `maxError` was reached; null when nothing was compared. */
  worst: GoldenWorst | null;
  /** How many values were compared. */
  compared: number;
  /** Why the check failed when it is not a numeric mismatch (shape, missing result, rejected argument). */
  reason: string | null;
}

/** How `checkGolden` runs. */
export interface GoldenOptions {
  /** Per-element tolerance factor: |actual - expected| <= tolerance × max(1, |expected|). Default 1e-10. */
  tolerance?: number;
  /** Layer kernels for the PyTorch-form modules. Default the readable reference. */
  kernels?: LayerKernels;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function goldenTensor(v: unknown, path: string): Float64Tensor {
  if (!isObject(v) || !Array.isArray(v.shape) || !Array.isArray(v.data)) throw new GoldenFormatError(`${path}: expected { "shape": [...], "data": [...] }`);
  const shape = v.shape as unknown[];
  if (!shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) throw new GoldenFormatError(`${path}: shape must be whole numbers >= 0`);
  const data = v.data as unknown[];
  if (data.length !== sizeOf(shape as number[])) throw new GoldenFormatError(`${path}: shape ${shapeText(shape as number[])} needs ${sizeOf(shape as number[])} values, data has ${data.length}`);
  if (!data.every((x) => typeof x === 'number')) throw new GoldenFormatError(`${path}: data must hold numbers only`);
  return float64Tensor(shape as number[], data as number[]);
}

const optionalTensor = (v: unknown, path: string): Float64Tensor | null => (v === null || v === undefined ? null : goldenTensor(v, path));

function section(g: Record<string, unknown>, key: string, path = key): Record<string, unknown> {
  const v = g[key];
  if (!isObject(v)) throw new GoldenFormatError(`${path}: missing or not an object`);
  return v;
}

function stateDictOf(v: Record<string, unknown>, path: string): Float64StateDict {
  const out: Float64StateDict = {};
  for (const [name, t] of Object.entries(v)) out[name] = goldenTensor(t, `${path}.${name}`);
  return out;
}

/** Accumulates the worst scaled error over many comparisons. */
class Comparison {
  maxError = 0;
  worst: GoldenWorst | null = null;
  compared = 0;
  reason: string | null = null;

  tensor(path: string, expected: Float64Tensor | null, actual: Float64Tensor | null): void {
    if (expected === null) return;
    if (actual === null) return this.fail(`${path}: PyTorch recorded a value, the kernels produced none`);
    if (shapeText(expected.shape) !== shapeText(actual.shape)) {
      return this.fail(`${path}: shape ${shapeText(actual.shape)}, PyTorch's is ${shapeText(expected.shape)}`);
    }
    this.values(path, expected.data, actual.data);
  }

  values(path: string, expected: ArrayLike<number>, actual: ArrayLike<number>): void {
    if (expected.length !== actual.length) return this.fail(`${path}: ${actual.length} values, PyTorch has ${expected.length}`);
    for (let k = 0; k < expected.length; k++) {
      const e = expected[k]!;
      const a = actual[k]!;
      // NaN anywhere it is not expected counts as an infinite error.
      const error = Object.is(e, a) || (Number.isNaN(e) && Number.isNaN(a)) ? 0 : Math.abs(a - e) / Math.max(1, Math.abs(e));
      const scaled = Number.isNaN(error) ? Infinity : error;
      this.compared++;
      if (this.worst === null || scaled > this.maxError) {
        this.maxError = Math.max(this.maxError, scaled);
        this.worst = { path: `${path}[${k}]`, expected: e, actual: a };
      }
    }
  }

  fail(reason: string): void {
    this.reason ??= reason;
    this.maxError = Infinity;
  }
}

/** PyTorch's constructor arguments (snake_case) as the module options (camelCase); unknown keys are an error. */
function optionsOf(config: Record<string, unknown>, known: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const mapped = known[key];
    if (mapped === undefined) throw new GoldenFormatError(`config.${key}: not a constructor argument this module knows`);
    if (value !== null) out[mapped] = value;
  }
  return out;
}

const CELL_OPTIONS = { input_size: 'inputSize', hidden_size: 'hiddenSize', bias: 'bias' };
const SEQUENCE_OPTIONS = { ...CELL_OPTIONS, num_layers: 'numLayers', batch_first: 'batchFirst', dropout: 'dropout', bidirectional: 'bidirectional' };

function checkSequence(g: Record<string, unknown>, module: 'LSTM' | 'GRU' | 'RNN', kernels: LayerKernels, cmp: Comparison): void {
  const config = section(g, 'config');
  const known = module === 'LSTM' ? { ...SEQUENCE_OPTIONS, proj_size: 'projSize' } : module === 'RNN' ? { ...SEQUENCE_OPTIONS, nonlinearity: 'nonlinearity' } : SEQUENCE_OPTIONS;
  // Modules start in eval mode, so a file made with dropout > 0 is checked without dropout (the only reproducible run).
  const setup = { params: stateDictOf(section(g, 'params'), 'params'), kernels };
  const inputs = section(g, 'inputs');
  const outputs = section(g, 'outputs');
  const weights = section(g, 'loss_weights');
  const grads = section(g, 'grads');
  const input = goldenTensor(inputs.input, 'inputs.input');
  const h0 = optionalTensor(inputs.h0, 'inputs.h0');
  const c0 = optionalTensor(inputs.c0, 'inputs.c0');
  const options = optionsOf(config, known);
  const run = module === 'LSTM'
    ? new LSTM(options as never, setup).forward(input, { h0, c0 })
    : module === 'GRU' ? new GRU(options as never, setup).forward(input, h0) : new RNN(options as never, setup).forward(input, h0);
  cmp.tensor('outputs.output', optionalTensor(outputs.output, 'outputs.output'), run.output);
  cmp.tensor('outputs.h_n', optionalTensor(outputs.h_n, 'outputs.h_n'), run.hN);
  cmp.tensor('outputs.c_n', optionalTensor(outputs.c_n, 'outputs.c_n'), run.cN);
  const d = run.backward({
    output: optionalTensor(weights.output, 'loss_weights.output'),
    hN: optionalTensor(weights.h_n, 'loss_weights.h_n'),
    cN: optionalTensor(weights.c_n, 'loss_weights.c_n'),
  });
  cmp.tensor('grads.input', optionalTensor(grads.input, 'grads.input'), d.input);
  cmp.tensor('grads.h0', optionalTensor(grads.h0, 'grads.h0'), d.h0);
  cmp.tensor('grads.c0', optionalTensor(grads.c0, 'grads.c0'), d.c0);
  checkParamGrads(grads, d.params, cmp);
}

function checkParamGrads(grads: Record<string, unknown>, actual: Float64StateDict, cmp: Comparison): void {
  if (grads.params === null || grads.params === undefined) return;
  const expected = section(grads, 'params', 'grads.params');
  for (const [name, t] of Object.entries(expected)) cmp.tensor(`grads.params.${name}`, optionalTensor(t, `grads.params.${name}`), actual[name] ?? null);
}

function checkCell(g: Record<string, unknown>, module: 'LSTMCell' | 'GRUCell' | 'RNNCell', kernels: LayerKernels, cmp: Comparison): void {
  const config = section(g, 'config');
  const options = optionsOf(config, module === 'RNNCell' ? { ...CELL_OPTIONS, nonlinearity: 'nonlinearity' } : CELL_OPTIONS);
  const setup = { params: stateDictOf(section(g, 'params'), 'params'), kernels };
  const inputs = section(g, 'inputs');
  const outputs = section(g, 'outputs');
  const weights = section(g, 'loss_weights');
  const grads = section(g, 'grads');
  const input = goldenTensor(inputs.input, 'inputs.input');
  const hx = optionalTensor(inputs.hx, 'inputs.hx');
  const run = module === 'LSTMCell'
    ? new LSTMCell(options as never, setup).forward(input, { hx, cx: optionalTensor(inputs.cx, 'inputs.cx') })
    : module === 'GRUCell' ? new GRUCell(options as never, setup).forward(input, hx) : new RNNCell(options as never, setup).forward(input, hx);
  cmp.tensor('outputs.h', optionalTensor(outputs.h, 'outputs.h'), run.h);
  cmp.tensor('outputs.c', optionalTensor(outputs.c, 'outputs.c'), run.c);
  const d = run.backward({ h: optionalTensor(weights.h, 'loss_weights.h'), c: optionalTensor(weights.c, 'loss_weights.c') });
  cmp.tensor('grads.input', optionalTensor(grads.input, 'grads.input'), d.input);
  cmp.tensor('grads.hx', optionalTensor(grads.hx, 'grads.hx'), d.hx);
  cmp.tensor('grads.cx', optionalTensor(grads.cx, 'grads.cx'), d.cx);
  checkParamGrads(grads, d.params, cmp);
}

function vectorOf(v: unknown, path: string): Vector {
  const t = goldenTensor(v, path);
  if (t.shape.length !== 1) throw new GoldenFormatError(`${path}: expected a 1-D tensor, got shape ${shapeText(t.shape)}`);
  return Array.from(t.data);
}

function gateOf(v: unknown, path: string, hidden: number, withBias: boolean): Gate {
  if (!isObject(v)) throw new GoldenFormatError(`${path}: expected { "W": tensor${withBias ? ', "b": tensor' : ''} }`);
  const W = goldenTensor(v.W, `${path}.W`);
  if (W.shape.length !== 2 || W.shape[0] !== hidden) throw new GoldenFormatError(`${path}.W: expected shape [${hidden}, hidden + input], got ${shapeText(W.shape)}`);
  const cols = W.shape[1]!;
  const rows = Array.from({ length: hidden }, (_, r) => Array.from(W.data.subarray(r * cols, r * cols + cols)));
  // The slides' GRU has no biases: a gate without `b` uses zeros (fixtures README).
  const b = v.b === undefined || v.b === null ? new Array<number>(hidden).fill(0) : vectorOf(v.b, `${path}.b`);
  if (b.length !== hidden) throw new GoldenFormatError(`${path}.b: expected ${hidden} values, got ${b.length}`);
  return { W: rows, b };
}

function stepsOf(v: unknown, path: string): Record<string, unknown>[] {
  if (!Array.isArray(v) || !v.every(isObject)) throw new GoldenFormatError(`${path}: expected an array of step records`);
  return v as Record<string, unknown>[];
}

function compareStep(cmp: Comparison, path: string, step: Record<string, unknown>, key: string, actual: Vector): void {
  if (step[key] === undefined || step[key] === null) return;
  cmp.values(`${path}.${key}`, vectorOf(step[key], `${path}.${key}`), actual);
}

function checkLecture(g: Record<string, unknown>, cmp: Comparison): void {
  if (g.lstm === undefined && g.gru === undefined) throw new GoldenFormatError('a lecture file needs "lstm" or "gru"');
  if (g.lstm !== undefined && g.lstm !== null) {
    const s = section(g, 'lstm');
    const params = section(s, 'params', 'lstm.params');
    const h0 = vectorOf(s.h0, 'lstm.h0');
    const hidden = h0.length;
    const p: LstmParams = {
      f: gateOf(params.f, 'lstm.params.f', hidden, true), i: gateOf(params.i, 'lstm.params.i', hidden, true),
      c: gateOf(params.c, 'lstm.params.c', hidden, true), o: gateOf(params.o, 'lstm.params.o', hidden, true),
    };
    const xs = Array.isArray(s.xs) ? s.xs.map((x, t) => vectorOf(x, `lstm.xs[${t}]`)) : [];
    const steps = stepsOf(s.steps, 'lstm.steps');
    if (steps.length !== xs.length) throw new GoldenFormatError(`lstm: ${xs.length} inputs but ${steps.length} steps`);
    let h = h0;
    let c = vectorOf(s.c0, 'lstm.c0');
    xs.forEach((x, t) => {
      const path = `lstm.steps[${t}]`;
      const step = steps[t]!;
      const f = forgetGate(p.f, h, x);
      const i = inputGate(p.i, h, x);
      const cTilde = candidateCell(p.c, h, x);
      const o = outputGate(p.o, h, x);
      const cNext = cellState(f, c, i, cTilde);
      const hNext = hiddenState(o, cNext);
      // The gate-by-gate path and the cell must agree; a mismatch is a kernel bug, not a file problem.
      const viaCell = lectureLstmCell(p, h, c, x);
      cmp.values(`${path}.h (lstmCell)`, hNext, viaCell.h);
      compareStep(cmp, path, step, 'f', f);
      compareStep(cmp, path, step, 'i', i);
      compareStep(cmp, path, step, 'c_tilde', cTilde);
      compareStep(cmp, path, step, 'o', o);
      compareStep(cmp, path, step, 'c', cNext);
      compareStep(cmp, path, step, 'h', hNext);
      h = hNext;
      c = cNext;
    });
  }
  if (g.gru !== undefined && g.gru !== null) {
    const s = section(g, 'gru');
    const params = section(s, 'params', 'gru.params');
    const h0 = vectorOf(s.h0, 'gru.h0');
    const hidden = h0.length;
    const p: GruParams = {
      z: gateOf(params.z, 'gru.params.z', hidden, false), r: gateOf(params.r, 'gru.params.r', hidden, false),
      h: gateOf(params.h, 'gru.params.h', hidden, false),
    };
    const xs = Array.isArray(s.xs) ? s.xs.map((x, t) => vectorOf(x, `gru.xs[${t}]`)) : [];
    const steps = stepsOf(s.steps, 'gru.steps');
    if (steps.length !== xs.length) throw new GoldenFormatError(`gru: ${xs.length} inputs but ${steps.length} steps`);
    let h = h0;
    xs.forEach((x, t) => {
      const path = `gru.steps[${t}]`;
      const step = steps[t]!;
      const z = updateGate(p.z, h, x);
      const r = resetGate(p.r, h, x);
      const hTilde = candidateHidden(p.h, r, h, x);
      const hNext = gruHidden(z, h, hTilde);
      compareStep(cmp, path, step, 'z', z);
      compareStep(cmp, path, step, 'r', r);
      compareStep(cmp, path, step, 'h_tilde', hTilde);
      compareStep(cmp, path, step, 'h', hNext);
      h = hNext;
    });
  }
}

/**
 * Checks the reference kernels against one parsed golden file. Never throws for a bad file: an unreadable or
 * unknown file, or arguments the kernels reject, come back as `pass: false` with a `reason`.
 */
export function checkGolden(json: unknown, options: GoldenOptions = {}): GoldenCheck {
  const tolerance = options.tolerance ?? 1e-10;
  const cmp = new Comparison();
  const g = isObject(json) ? json : null;
  const name = g && typeof g.name === 'string' ? g.name : '';
  const module = g && typeof g.module === 'string' ? g.module : '';
  try {
    if (!g) throw new GoldenFormatError('not a golden file: the top level is not a JSON object');
    if (!module) throw new GoldenFormatError('not a golden file: no "module" field');
    if (g.dtype !== undefined && g.dtype !== 'float64') throw new GoldenFormatError(`dtype "${String(g.dtype)}": only float64 golden files can be held to ${tolerance}`);
    const kernels = options.kernels ?? readableKernels;
    switch (module) {
      case 'LSTM': case 'GRU': case 'RNN':
        checkSequence(g, module, kernels, cmp);
        break;
      case 'LSTMCell': case 'GRUCell': case 'RNNCell':
        checkCell(g, module, kernels, cmp);
        break;
      case 'lecture':
        checkLecture(g, cmp);
        break;
      default:
        throw new GoldenFormatError(`unknown module "${module}" (known: LSTM, GRU, RNN, LSTMCell, GRUCell, RNNCell, lecture)`);
    }
    if (cmp.compared === 0 && cmp.reason === null) cmp.fail('the file records no values to compare');
  } catch (error) {
    if (!(error instanceof GoldenFormatError || error instanceof KernelArgumentError)) throw error;
    cmp.fail(error instanceof KernelArgumentError ? `the kernels rejected the file's arguments: ${error.message}` : error.message);
  }
  const pass = cmp.reason === null && cmp.maxError <= tolerance;
  return { name, module, pass, maxError: cmp.maxError, worst: cmp.worst, compared: cmp.compared, reason: cmp.reason };
}

/** Parses a golden file's text and checks it; invalid JSON is a failed check with the parser's reason. */
export function checkGoldenText(text: string, options: GoldenOptions = {}): GoldenCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = `not valid JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return { name: '', module: '', pass: false, maxError: Infinity, worst: null, compared: 0, reason };
  }
  return checkGolden(json, options);
}

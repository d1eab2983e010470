// PyTorch's parameter names, order and shapes for each module, and loading a state dict against them
// (torch.nn.Module.load_state_dict, strict). Names: weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k},
// weight_hr_l{k} (LSTM with proj_size), each with `_reverse` for the backward direction; cells drop the `_l{k}`.
import { KernelArgumentError } from './errors.js';
import { gateCount, type RecurrentSpec } from './options.js';
import { float64Tensor, fromNested, shapeText, type Float64Tensor, type Tensor } from './tensor.js';

/** Parameters by PyTorch name, in the Float64 API's tensors. */
export type Float64StateDict = Record<string, Float64Tensor>;

/** The contract's state dict: PyTorch names, nested arrays (shared/spec/exercises.md). */
export type StateDict = Record<string, number[][] | number[]>;

/** One parameter of one direction of one layer. */
export interface ParameterSlot {
  name: string;
  shape: [number] | [number, number];
  layer: number;
  /** 0 forward, 1 reverse. */
  direction: number;
  role: 'wIh' | 'wHh' | 'bIh' | 'bHh' | 'wHr';
}

/** Every parameter `spec` has, in PyTorch's state_dict() order. `cell` drops the `_l{k}` suffix. */
export function parameterSlots(spec: RecurrentSpec, cell = false): ParameterSlot[] {
  const G = gateCount(spec.mode) * spec.hiddenSize;
  const hOut = spec.projSize || spec.hiddenSize;
  const D = spec.bidirectional ? 2 : 1;
  const slots: ParameterSlot[] = [];
  for (let layer = 0; layer < spec.numLayers; layer++) {
    const inSize = layer === 0 ? spec.inputSize : D * hOut;
    for (let direction = 0; direction < D; direction++) {
      const suffix = cell ? '' : `_l${layer}${direction === 1 ? '_reverse' : ''}`;
      const add = (base: string, role: ParameterSlot['role'], shape: ParameterSlot['shape']) =>
        slots.push({ name: `${base}${suffix}`, shape, layer, direction, role });
      add('weight_ih', 'wIh', [G, inSize]);
      add('weight_hh', 'wHh', [G, hOut]);
      if (spec.bias) {
        add('bias_ih', 'bIh', [G]);
        add('bias_hh', 'bHh', [G]);
      }
      if (spec.projSize > 0) add('weight_hr', 'wHr', [spec.projSize, spec.hiddenSize]);
    }
  }
  return slots;
}

/**
 * Checks `params` against the module's parameters like load_state_dict(strict=True): the same names, each of the
 * expected shape. Returns fresh copies in PyTorch's order (the module never aliases caller buffers).
 */
export function checkStateDict(spec: RecurrentSpec, params: Float64StateDict, moduleName: string, cell = false): Float64StateDict {
  if (typeof params !== 'object' || params === null) throw new KernelArgumentError(`state_dict for ${moduleName} must be an object of tensors`);
  const slots = parameterSlots(spec, cell);
  const missing = slots.filter((s) => !(s.name in params)).map((s) => `"${s.name}"`);
  const unexpected = Object.keys(params).filter((k) => !slots.some((s) => s.name === k)).map((k) => `"${k}"`);
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [
      missing.length > 0 ? `Missing key(s) in state_dict: ${missing.join(', ')}.` : '',
      unexpected.length > 0 ? `Unexpected key(s) in state_dict: ${unexpected.join(', ')}.` : '',
    ].filter(Boolean);
    throw new KernelArgumentError(`Error(s) in loading state_dict for ${moduleName}: ${parts.join(' ')}`);
  }
  const out: Float64StateDict = {};
  for (const s of slots) {
    const t = params[s.name]!;
    if (!t || !Array.isArray(t.shape) || !(t.data instanceof Float64Array)) {
      throw new KernelArgumentError(`Error(s) in loading state_dict for ${moduleName}: ${s.name} is not a float64 tensor`);
    }
    if (shapeText(t.shape) !== shapeText(s.shape)) {
      throw new KernelArgumentError(
        `Error(s) in loading state_dict for ${moduleName}: size mismatch for ${s.name}: copying a param with shape ${shapeText(t.shape)} from checkpoint, the shape in current model is ${shapeText(s.shape)}.`);
    }
    out[s.name] = float64Tensor(t.shape, Float64Array.from(t.data));
  }
  return out;
}

/** PyTorch's default initialisation: every parameter uniform in [-1/sqrt(H), 1/sqrt(H)]. */
export function initStateDict(spec: RecurrentSpec, random: () => number, cell = false): Float64StateDict {
  const k = 1 / Math.sqrt(spec.hiddenSize);
  const out: Float64StateDict = {};
  for (const s of parameterSlots(spec, cell)) {
    const t = float64Tensor(s.shape);
    for (let j = 0; j < t.data.length; j++) t.data[j] = (2 * random() - 1) * k;
    out[s.name] = t;
  }
  return out;
}

/** The contract's nested-array state dict as Float64 tensors. */
export function stateDictFromNested(params: StateDict): Float64StateDict {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new KernelArgumentError('params must be an object mapping parameter names to arrays');
  const out: Float64StateDict = {};
  for (const [name, value] of Object.entries(params)) out[name] = fromNested(value as Tensor, `params.${name}`);
  return out;
}

/** Float64 tensors as the contract's nested arrays. */
export function stateDictToNested(params: Float64StateDict): StateDict {
  const out: StateDict = {};
  for (const [name, t] of Object.entries(params)) {
    if (t.shape.length === 1) out[name] = Array.from(t.data);
    else if (t.shape.length === 2) {
      const [rows, cols] = t.shape as [number, number];
      out[name] = Array.from({ length: rows }, (_, r) => Array.from(t.data.subarray(r * cols, r * cols + cols)));
    } else throw new KernelArgumentError(`${name}: a recurrent parameter has 1 or 2 dimensions, got ${t.shape.length}`);
  }
  return out;
}

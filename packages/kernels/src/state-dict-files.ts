// State dicts to and from the files PyTorch users have: the golden files' JSON encoding ({ name: { shape, data } },
// also a whole golden file, whose `params` is used) and safetensors (safetensors.torch.save_file(m.state_dict())).
// Names and layouts are PyTorch's unchanged, so `new LSTM(opts, { params: readStateDictSafetensors(bytes) })` runs
// weights trained in PyTorch as they are.
import { readSafetensors, writeSafetensors, type SafetensorsWriteOptions } from './safetensors.js';
import { KernelArgumentError } from './torch/errors.js';
import type { Float64StateDict } from './torch/state-dict.js';
import { float64Tensor, shapeText, sizeOf } from './torch/tensor.js';

/** How a state dict is picked out of a file that may hold a larger model's. */
export interface StateDictReadOptions {
  /** Keep only names starting with this prefix and drop it (e.g. 'encoder.rnn.' for a submodule). Default ''. */
  prefix?: string;
}

function selectPrefix(sd: Float64StateDict, prefix: string): Float64StateDict {
  if (!prefix) return sd;
  const out: Float64StateDict = {};
  for (const [name, t] of Object.entries(sd)) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = t;
  if (Object.keys(out).length === 0) throw new KernelArgumentError(`no parameter name starts with "${prefix}"`);
  return out;
}

/** Parses the golden files' parameter encoding: `{ name: { shape, data } }`, or a whole golden file's `params`. */
export function readStateDictJson(json: unknown, options: StateDictReadOptions = {}): Float64StateDict {
  const value = typeof json === 'string' ? parseJson(json) : json;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw new KernelArgumentError('a state dict must be a JSON object mapping names to { shape, data }');
  const params = isObject(value.params) && typeof value.module === 'string' ? value.params : value;
  const out: Float64StateDict = {};
  for (const [name, t] of Object.entries(params)) {
    if (!isObject(t) || !Array.isArray(t.shape) || !Array.isArray(t.data)) throw new KernelArgumentError(`${name}: expected { "shape": [...], "data": [...] }`);
    const shape = t.shape as unknown[];
    const data = t.data as unknown[];
    if (!shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) throw new KernelArgumentError(`${name}: shape must be whole numbers >= 0`);
    if (!data.every((d) => typeof d === 'number')) throw new KernelArgumentError(`${name}: data must hold numbers only`);
    if (data.length !== sizeOf(shape as number[])) throw new KernelArgumentError(`${name}: shape ${shapeText(shape as number[])} needs ${sizeOf(shape as number[])} values, data has ${data.length}`);
    out[name] = float64Tensor(shape as number[], data as number[]);
  }
  return selectPrefix(out, options.prefix ?? '');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new KernelArgumentError(`not valid JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** The golden files' parameter encoding, as JSON text; float64 values round-trip exactly. */
export function writeStateDictJson(sd: Float64StateDict): string {
  const out: Record<string, { shape: number[]; data: number[] }> = {};
  for (const [name, t] of Object.entries(sd)) out[name] = { shape: [...t.shape], data: Array.from(t.data) };
  return JSON.stringify(out);
}

/** Reads a state dict from safetensors bytes (any float or integer dtype, converted to float64). */
export function readStateDictSafetensors(bytes: Uint8Array, options: StateDictReadOptions = {}): Float64StateDict {
  return selectPrefix(readSafetensors(bytes).tensors, options.prefix ?? '');
}

/** Writes a state dict as safetensors bytes (F64 unless told otherwise), in the state dict's order. */
export function writeStateDictSafetensors(sd: Float64StateDict, options: SafetensorsWriteOptions = {}): Uint8Array {
  return writeSafetensors(sd, options);
}

// Constructor options of the PyTorch-form modules, and PyTorch's constructor checks (torch.nn.RNNBase,
// torch.nn.RNNCellBase) with its wording.
import { KernelArgumentError } from './errors.js';
import type { RnnNonlinearity } from './layer-seam.js';

/** Options shared by `LSTM`, `GRU` and `RNN` (camelCase of PyTorch's constructor arguments). */
export interface RecurrentOptions {
  /** Features per input step (input_size). */
  inputSize: number;
  /** Features of the hidden state h (hidden_size). */
  hiddenSize: number;
  /** Stacked layers; each reads the output of the one below. Default 1. */
  numLayers?: number;
  /** Whether b_ih and b_hh exist. Default true. */
  bias?: boolean;
  /** Input and output are (N, L, H) instead of (L, N, H); states keep (layers*D, N, H). Default false. */
  batchFirst?: boolean;
  /** Add a second direction per layer reading the sequence backwards; outputs are concatenated. Default false. */
  bidirectional?: boolean;
  /** Probability of zeroing each output of every layer but the last, in training mode only. Default 0. */
  dropout?: number;
}

/** `torch.nn.LSTM`'s options. */
export interface LstmOptions extends RecurrentOptions {
  /** If > 0, h = W_hr·(o*tanh(c)) has this many features (proj_size); must be < hiddenSize. Default 0. */
  projSize?: number;
}

/** `torch.nn.GRU`'s options. */
export type GruOptions = RecurrentOptions;

/** `torch.nn.RNN`'s options. */
export interface RnnOptions extends RecurrentOptions {
  /** The activation of h. Default 'tanh'. */
  nonlinearity?: RnnNonlinearity;
}

/** Options of `LSTMCell`, `GRUCell` and `RNNCell`. */
export interface CellOptions {
  /** Features of the input x. */
  inputSize: number;
  /** Features of h (and c). */
  hiddenSize: number;
  /** Whether b_ih and b_hh exist. Default true. */
  bias?: boolean;
}

/** `torch.nn.RNNCell`'s options. */
export interface RnnCellOptions extends CellOptions {
  /** The activation of h. Default 'tanh'. */
  nonlinearity?: RnnNonlinearity;
}

export type RecurrentMode = 'LSTM' | 'GRU' | 'RNN';

/** Fully resolved options of a sequence module. */
export interface RecurrentSpec {
  mode: RecurrentMode;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bias: boolean;
  batchFirst: boolean;
  bidirectional: boolean;
  dropout: number;
  projSize: number;
  nonlinearity: RnnNonlinearity;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function intOption(o: Record<string, unknown>, key: string, torchName: string, fallback?: number): number {
  const v = o[key] ?? fallback;
  if (v === undefined) throw new KernelArgumentError(`${torchName} (${key}) is required`);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new KernelArgumentError(`${torchName} should be of type int, got: ${typeName(v)} ${String(v)}`);
  return v;
}

function boolOption(o: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = o[key] ?? fallback;
  if (typeof v !== 'boolean') throw new KernelArgumentError(`${key} should be a boolean, got: ${typeName(v)} ${String(v)}`);
  return v;
}

function nonlinearityOption(o: Record<string, unknown>): RnnNonlinearity {
  const v = o.nonlinearity ?? 'tanh';
  if (v !== 'tanh' && v !== 'relu') throw new KernelArgumentError(`Unknown nonlinearity '${String(v)}'. Select from 'tanh' or 'relu'.`);
  return v;
}

const KNOWN: Record<RecurrentMode, string[]> = {
  LSTM: ['inputSize', 'hiddenSize', 'numLayers', 'bias', 'batchFirst', 'bidirectional', 'dropout', 'projSize'],
  GRU: ['inputSize', 'hiddenSize', 'numLayers', 'bias', 'batchFirst', 'bidirectional', 'dropout'],
  RNN: ['inputSize', 'hiddenSize', 'numLayers', 'bias', 'batchFirst', 'bidirectional', 'dropout', 'nonlinearity'],
};

/** Resolves defaults and applies `torch.nn.RNNBase.__init__`'s checks. */
export function resolveRecurrentOptions(mode: RecurrentMode, options: unknown): RecurrentSpec {
  if (!isObject(options)) throw new KernelArgumentError(`${mode} options must be an object, got ${typeName(options)}`);
  for (const key of Object.keys(options)) {
    if (key === 'projSize' && mode !== 'LSTM') throw new KernelArgumentError('proj_size argument is only supported for LSTM, not RNN or GRU');
    if (!KNOWN[mode].includes(key)) throw new KernelArgumentError(`${mode}.__init__() got an unexpected keyword argument '${key}'`);
  }
  const inputSize = intOption(options, 'inputSize', 'input_size');
  const hiddenSize = intOption(options, 'hiddenSize', 'hidden_size');
  const numLayers = intOption(options, 'numLayers', 'num_layers', 1);
  const projSize = intOption(options, 'projSize', 'proj_size', 0);
  const dropout = options.dropout ?? 0;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
    throw new KernelArgumentError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
  }
  if (inputSize <= 0) throw new KernelArgumentError('input_size must be greater than zero');
  if (hiddenSize <= 0) throw new KernelArgumentError('hidden_size must be greater than zero');
  if (numLayers <= 0) throw new KernelArgumentError('num_layers must be greater than zero');
  if (projSize < 0) throw new KernelArgumentError('proj_size should be a positive integer or zero to disable projections');
  if (projSize >= hiddenSize) throw new KernelArgumentError('proj_size has to be smaller than hidden_size');
  return {
    mode, inputSize, hiddenSize, numLayers, dropout, projSize,
    bias: boolOption(options, 'bias', true),
    batchFirst: boolOption(options, 'batchFirst', false),
    bidirectional: boolOption(options, 'bidirectional', false),
    nonlinearity: mode === 'RNN' ? nonlinearityOption(options) : 'tanh',
  };
}

/** Resolves a cell's options (`torch.nn.RNNCellBase.__init__`) into a one-layer, one-direction spec. */
export function resolveCellOptions(mode: RecurrentMode, options: unknown): RecurrentSpec {
  const name = `${mode}Cell`;
  if (!isObject(options)) throw new KernelArgumentError(`${name} options must be an object, got ${typeName(options)}`);
  const known = mode === 'RNN' ? ['inputSize', 'hiddenSize', 'bias', 'nonlinearity'] : ['inputSize', 'hiddenSize', 'bias'];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new KernelArgumentError(`${name}.__init__() got an unexpected keyword argument '${key}'`);
  }
  const inputSize = intOption(options, 'inputSize', 'input_size');
  const hiddenSize = intOption(options, 'hiddenSize', 'hidden_size');
  if (inputSize <= 0) throw new KernelArgumentError('input_size must be greater than zero');
  if (hiddenSize <= 0) throw new KernelArgumentError('hidden_size must be greater than zero');
  return {
    mode, inputSize, hiddenSize, numLayers: 1, bias: boolOption(options, 'bias', true), batchFirst: false,
    bidirectional: false, dropout: 0, projSize: 0, nonlinearity: mode === 'RNN' ? nonlinearityOption(options) : 'tanh',
  };
}

/** Gate blocks stacked in each weight: LSTM i,f,g,o; GRU r,z,n; RNN one. */
export const gateCount = (mode: RecurrentMode): number => (mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1);

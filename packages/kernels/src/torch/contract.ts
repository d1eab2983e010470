// Exercises 06 and 07's contract (shared/spec/exercises.md) on nested number arrays: torch.nn.LSTM / GRU in eval
// mode, PyTorch's shapes, zero default states. Graders compare students' `lstm`/`gru` with these.
import { KernelArgumentError } from './errors.js';
import { GRU, LSTM } from './modules.js';
import type { GruOptions, LstmOptions } from './options.js';
import { stateDictFromNested, type StateDict } from './state-dict.js';
import { fromNested, toNested, type Tensor } from './tensor.js';

function stateOf(state: unknown): { h0: Tensor; c0: Tensor } | undefined {
  if (state === undefined || state === null) return undefined;
  const s = state as { h0?: unknown; c0?: unknown };
  if (typeof state !== 'object' || s.h0 === undefined || s.c0 === undefined) throw new KernelArgumentError('state must be { h0, c0 } (both tensors) or omitted');
  return { h0: s.h0 as Tensor, c0: s.c0 as Tensor };
}

/** torch.nn.LSTM(opts) with `params` as its state_dict, eval mode: `output, (h_n, c_n) = lstm(input, (h0, c0))`. */
export function torchLstm(opts: LstmOptions, params: StateDict, input: Tensor, state?: { h0: Tensor; c0: Tensor }): { output: Tensor; hN: Tensor; cN: Tensor } {
  const module = new LSTM(opts, { params: stateDictFromNested(params) });
  const s = stateOf(state);
  const run = module.forward(fromNested(input, 'input'), s ? { h0: fromNested(s.h0, 'h0'), c0: fromNested(s.c0, 'c0') } : undefined);
  return { output: toNested(run.output), hN: toNested(run.hN), cN: toNested(run.cN!) };
}

/** torch.nn.GRU(opts) with `params` as its state_dict, eval mode: `output, h_n = gru(input, h0)`. */
export function torchGru(opts: GruOptions, params: StateDict, input: Tensor, h0?: Tensor): { output: Tensor; hN: Tensor } {
  const module = new GRU(opts, { params: stateDictFromNested(params) });
  const run = module.forward(fromNested(input, 'input'), h0 === undefined || h0 === null ? null : fromNested(h0, 'h0'));
  return { output: toNested(run.output), hN: toNested(run.hN) };
}

// PyTorch's recurrent modules on Float64 tensors: `new LSTM(options)`, `loadStateDict(...)`, `forward(...)`, then
// `run.backward(...)` for every gradient. Semantics, defaults, parameter names and argument checks are PyTorch's
// (torch.nn.LSTM / GRU / RNN / LSTMCell / GRUCell / RNNCell); the arithmetic is in the layer kernels.
import { runCell, type CellRun } from './cell.js';
import type { LayerKernels } from './layer-seam.js';
import {
  resolveCellOptions, resolveRecurrentOptions, type CellOptions, type GruOptions, type LstmOptions, type RecurrentMode,
  type RecurrentSpec, type RnnCellOptions, type RnnOptions,
} from './options.js';
import { readableKernels } from './readable-kernels.js';
import { runSequence, type SequenceRun } from './sequence.js';
import { checkStateDict, initStateDict, type Float64StateDict } from './state-dict.js';
import type { Float64Tensor } from './tensor.js';

/** How a module is set up besides its options. */
export interface ModuleSetup {
  /** Starting parameters by PyTorch name (checked like load_state_dict(strict=True)); default: PyTorch's init. */
  params?: Float64StateDict;
  /** Uniform [0, 1) source for the default initialisation and for dropout masks. Default Math.random. */
  random?: () => number;
  /** Layer implementation. Default the readable reference kernels. */
  kernels?: LayerKernels;
}

abstract class ModuleBase {
  /** The resolved options (defaults filled in). */
  readonly spec: RecurrentSpec;
  /** Training mode enables dropout between layers; modules start in eval mode here (PyTorch starts in training). */
  training = false;
  random: () => number;
  kernels: LayerKernels;
  protected params: Float64StateDict;

  protected constructor(spec: RecurrentSpec, protected readonly moduleName: string, protected readonly cell: boolean, setup: ModuleSetup) {
    this.spec = spec;
    this.random = setup.random ?? Math.random;
    this.kernels = setup.kernels ?? readableKernels;
    this.params = setup.params ? checkStateDict(spec, setup.params, moduleName, cell) : initStateDict(spec, this.random, cell);
  }

  /** A copy of the parameters, PyTorch's names and order. */
  stateDict(): Float64StateDict {
    const out: Float64StateDict = {};
    for (const [k, t] of Object.entries(this.params)) out[k] = { shape: [...t.shape], data: Float64Array.from(t.data) };
    return out;
  }

  /** Replaces every parameter (strict: same names, same shapes), copying the data. */
  loadStateDict(params: Float64StateDict): void {
    this.params = checkStateDict(this.spec, params, this.moduleName, this.cell);
  }

  train(mode = true): this {
    this.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }
}

abstract class SequenceModule extends ModuleBase {
  protected constructor(mode: RecurrentMode, options: unknown, setup: ModuleSetup) {
    super(resolveRecurrentOptions(mode, options), mode, false, setup);
  }

  protected run(input: Float64Tensor, h0: Float64Tensor | null, c0: Float64Tensor | null): SequenceRun {
    return runSequence(this.spec, this.params, input, h0, c0, { training: this.training, random: this.random, kernels: this.kernels });
  }
}

/** torch.nn.LSTM. */
export class LSTM extends SequenceModule {
  constructor(options: LstmOptions, setup: ModuleSetup = {}) {
    super('LSTM', options, setup);
  }

  /** input (L, N, H_in) / (N, L, H_in) with batchFirst / (L, H_in); h0, c0 default to zeros. */
  forward(input: Float64Tensor, state?: { h0?: Float64Tensor | null; c0?: Float64Tensor | null }): SequenceRun {
    return this.run(input, state?.h0 ?? null, state?.c0 ?? null);
  }
}

/** torch.nn.GRU. */
export class GRU extends SequenceModule {
  constructor(options: GruOptions, setup: ModuleSetup = {}) {
    super('GRU', options, setup);
  }

  forward(input: Float64Tensor, h0?: Float64Tensor | null): SequenceRun {
    return this.run(input, h0 ?? null, null);
  }
}

/** torch.nn.RNN (Elman, tanh or relu). */
export class RNN extends SequenceModule {
  constructor(options: RnnOptions, setup: ModuleSetup = {}) {
    super('RNN', options, setup);
  }

  forward(input: Float64Tensor, h0?: Float64Tensor | null): SequenceRun {
    return this.run(input, h0 ?? null, null);
  }
}

abstract class CellModule extends ModuleBase {
  protected constructor(mode: RecurrentMode, options: unknown, setup: ModuleSetup) {
    super(resolveCellOptions(mode, options), `${mode}Cell`, true, setup);
  }

  protected step(input: Float64Tensor, hx: Float64Tensor | null, cx: Float64Tensor | null): CellRun {
    return runCell(this.spec, this.params, input, hx, cx, this.kernels);
  }
}

/** torch.nn.LSTMCell: one step; input (N, H_in) or (H_in), states shaped (N, H) or (H). */
export class LSTMCell extends CellModule {
  constructor(options: CellOptions, setup: ModuleSetup = {}) {
    super('LSTM', options, setup);
  }

  forward(input: Float64Tensor, state?: { hx?: Float64Tensor | null; cx?: Float64Tensor | null }): CellRun {
    return this.step(input, state?.hx ?? null, state?.cx ?? null);
  }
}

/** torch.nn.GRUCell. */
export class GRUCell extends CellModule {
  constructor(options: CellOptions, setup: ModuleSetup = {}) {
    super('GRU', options, setup);
  }

  forward(input: Float64Tensor, hx?: Float64Tensor | null): CellRun {
    return this.step(input, hx ?? null, null);
  }
}

/** torch.nn.RNNCell. */
export class RNNCell extends CellModule {
  constructor(options: RnnCellOptions, setup: ModuleSetup = {}) {
    super('RNN', options, setup);
  }

  forward(input: Float64Tensor, hx?: Float64Tensor | null): CellRun {
    return this.step(input, hx ?? null, null);
  }
}

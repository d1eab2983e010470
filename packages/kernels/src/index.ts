// Public surface of @gatecheck/kernels: reference LSTM/GRU/RNN kernels in the lecture's form and PyTorch's form.
export { sigmoid, tanh, sigmoidFast, tanhFast } from './activations.js';

// Lecture form on the student contract's plain arrays (exercises 01–05, 08).
export * as lecture from './lecture-arrays.js';
export type { Vector, Matrix, Gate, LstmParams, GruParams } from './lecture-arrays.js';

// PyTorch form on Float64 tensors.
export { LSTM, GRU, RNN, LSTMCell, GRUCell, RNNCell, type ModuleSetup } from './torch/modules.js';
export type { LstmOptions, GruOptions, RnnOptions, CellOptions, RnnCellOptions, RecurrentOptions, RecurrentSpec } from './torch/options.js';
export type { SequenceRun, SequenceUpstream, SequenceGradients, RunMode } from './torch/sequence.js';
export type { CellRun, CellUpstream, CellGradients } from './torch/cell.js';
export { KernelArgumentError } from './torch/errors.js';
export { float64Tensor, fromNested, toNested, type Float64Tensor, type Tensor } from './torch/tensor.js';
export {
  parameterSlots, checkStateDict, initStateDict, stateDictFromNested, stateDictToNested,
  type Float64StateDict, type StateDict, type ParameterSlot,
} from './torch/state-dict.js';

// The per-direction, per-layer seam, its reference implementation, and the fast one (src/fast/, same seam): on
// WebAssembly SIMD where the engine has it, else scalar JavaScript; either can be asked for by name.
export { readableKernels } from './torch/readable-kernels.js';
export { fastKernels, fastWasmKernels, fastScalarKernels, fastPath, type FastPath } from './fast/fast-kernels.js';
export type {
  LayerKernels, LayerDims, LayerWeights, LayerWeightGrads, LayerForwardArgs, RnnLayerForwardArgs, LayerBackwardArgs,
  LayerTape, SequenceView, RnnNonlinearity,
} from './torch/layer-seam.js';

// Exercises 06/07's contract on nested arrays (eval mode).
export { torchLstm, torchGru } from './torch/contract.js';

// PyTorch golden files.
export { checkGolden, checkGoldenText, GoldenFormatError, type GoldenCheck, type GoldenOptions, type GoldenWorst, type GoldenTensor } from './golden.js';

// State dicts in files: the golden files' JSON and safetensors.
export { readSafetensors, writeSafetensors, SafetensorsFormatError, type SafetensorsContents, type SafetensorsDtype, type SafetensorsWriteOptions } from './safetensors.js';
export { readStateDictJson, writeStateDictJson, readStateDictSafetensors, writeStateDictSafetensors, type StateDictReadOptions } from './state-dict-files.js';

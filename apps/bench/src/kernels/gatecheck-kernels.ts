// The gatecheck kernels under test. @gatecheck/kernels' index does not export the modules and layer kernels yet,
// so this one file reaches into the package's sources; switch it to `from '@gatecheck/kernels'` once it does.
export { GRU, LSTM } from '../../../../packages/kernels/src/torch/modules.js';
export { readableKernels } from '../../../../packages/kernels/src/torch/readable-kernels.js';
export { fastKernels } from '../../../../packages/kernels/src/fast/fast-kernels.js';
export type {
  LayerBackwardArgs, LayerForwardArgs, LayerKernels, LayerTape,
} from '../../../../packages/kernels/src/torch/layer-seam.js';
export { gemmNT } from '../../../../packages/kernels/src/fast/gemm.js';

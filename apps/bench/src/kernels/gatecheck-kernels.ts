// The gatecheck kernels under test. The fast kernels are not exported by @gatecheck/kernels' index yet, so they
// (and the product they are built on, timed alone by the bench) are reached in the package's sources here, in one
// place; switch to `from '@gatecheck/kernels'` once the index exports `fastKernels`.
export { GRU, LSTM, readableKernels } from '@gatecheck/kernels';
export type { LayerBackwardArgs, LayerForwardArgs, LayerKernels, LayerTape } from '@gatecheck/kernels';
export { fastKernels } from '../../../../packages/kernels/src/fast/fast-kernels.js';
export { gemmNT } from '../../../../packages/kernels/src/fast/gemm.js';
export { sigmoidFast, tanhFast } from '../../../../packages/kernels/src/activations.js';

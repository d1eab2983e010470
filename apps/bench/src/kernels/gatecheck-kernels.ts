// The gatecheck kernels under test, in one place: the public API, plus (from the package's sources) the pieces the
// bench times alone to show what limits the fast path: both forms of its matrix product and the wasm gate step.
export { GRU, LSTM, readableKernels, fastKernels, fastScalarKernels, fastWasmKernels, sigmoidFast, tanhFast } from '@gatecheck/kernels';
export type { LayerBackwardArgs, LayerForwardArgs, LayerKernels, LayerTape } from '@gatecheck/kernels';
export { gemmNT } from '../../../../packages/kernels/src/fast/gemm.js';
export { layOut, simdModule } from '../../../../packages/kernels/src/fast/wasm/simd-module.js';

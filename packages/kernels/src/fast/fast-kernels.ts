// The fast LayerKernels (../torch/layer-seam.ts): same contract and tape as readableKernels, property-tested equal
// to it (fast-kernels.test.ts). Two implementations of one plan:
// - `fastScalarKernels`: scalar JavaScript built on one blocked matrix product (gemm.ts);
// - `fastWasmKernels`: the same on a WebAssembly SIMD module assembled in TypeScript (wasm/).
// `fastKernels` runs the wasm one where WebAssembly SIMD validates and the scalar one elsewhere;
// GATECHECK_FAST_KERNELS=js or =wasm in the environment forces either (read once, at the first call).
import type { LayerKernels } from '../torch/layer-seam.js';
import { gruLayerBackwardFast, gruLayerForwardFast } from './gru-layer-fast.js';
import { lstmLayerBackwardFast, lstmLayerForwardFast } from './lstm-layer-fast.js';
import { rnnLayerBackwardFast, rnnLayerForwardFast } from './rnn-layer-fast.js';
import { gruLayerBackwardWasm, lstmLayerBackwardWasm, rnnLayerBackwardWasm } from './wasm/backward-wasm.js';
import { gruLayerForwardWasm, lstmLayerForwardWasm, rnnLayerForwardWasm } from './wasm/layers-wasm.js';
import { simdModule } from './wasm/simd-module.js';

export const fastScalarKernels: LayerKernels = {
  name: 'fast-js',
  lstmLayerForward: lstmLayerForwardFast,
  lstmLayerBackward: lstmLayerBackwardFast,
  gruLayerForward: gruLayerForwardFast,
  gruLayerBackward: gruLayerBackwardFast,
  rnnLayerForward: rnnLayerForwardFast,
  rnnLayerBackward: rnnLayerBackwardFast,
};

/** Throws at the first call where WebAssembly SIMD is missing; `fastKernels` never does. */
export const fastWasmKernels: LayerKernels = {
  name: 'fast-wasm',
  lstmLayerForward: lstmLayerForwardWasm,
  lstmLayerBackward: lstmLayerBackwardWasm,
  gruLayerForward: gruLayerForwardWasm,
  gruLayerBackward: gruLayerBackwardWasm,
  rnnLayerForward: rnnLayerForwardWasm,
  rnnLayerBackward: rnnLayerBackwardWasm,
};

export type FastPath = 'wasm' | 'js';

let chosen: LayerKernels | undefined;

/** Which implementation `fastKernels` runs on here (decided once). */
export function fastPath(): FastPath {
  return chosenKernels() === fastWasmKernels ? 'wasm' : 'js';
}

function chosenKernels(): LayerKernels {
  if (chosen) return chosen;
  const forced = process.env.GATECHECK_FAST_KERNELS;
  if (forced === 'js') chosen = fastScalarKernels;
  else if (forced === 'wasm') {
    if (!simdModule()) throw new Error('GATECHECK_FAST_KERNELS=wasm, but WebAssembly SIMD is not available here');
    chosen = fastWasmKernels;
  } else if (forced === undefined || forced === '' || forced === 'auto') chosen = simdModule() ? fastWasmKernels : fastScalarKernels;
  else throw new Error(`GATECHECK_FAST_KERNELS must be js, wasm or auto, not "${forced}"`);
  return chosen;
}

export const fastKernels: LayerKernels = {
  name: 'fast',
  lstmLayerForward: (a) => chosenKernels().lstmLayerForward(a),
  lstmLayerBackward: (a, tape, g) => chosenKernels().lstmLayerBackward(a, tape, g),
  gruLayerForward: (a) => chosenKernels().gruLayerForward(a),
  gruLayerBackward: (a, tape, g) => chosenKernels().gruLayerBackward(a, tape, g),
  rnnLayerForward: (a) => chosenKernels().rnnLayerForward(a),
  rnnLayerBackward: (a, tape, g) => chosenKernels().rnnLayerBackward(a, tape, g),
};

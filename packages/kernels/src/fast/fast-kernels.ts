// The fast LayerKernels (../torch/layer-seam.ts): same contract and tape as readableKernels, property-tested equal
// to it (fast-kernels.test.ts), built on one blocked matrix product (gemm.ts).
import type { LayerKernels } from '../torch/layer-seam.js';
import { gruLayerBackwardFast, gruLayerForwardFast } from './gru-layer-fast.js';
import { lstmLayerBackwardFast, lstmLayerForwardFast } from './lstm-layer-fast.js';
import { rnnLayerBackwardFast, rnnLayerForwardFast } from './rnn-layer-fast.js';

export const fastKernels: LayerKernels = {
  name: 'fast',
  lstmLayerForward: lstmLayerForwardFast,
  lstmLayerBackward: lstmLayerBackwardFast,
  gruLayerForward: gruLayerForwardFast,
  gruLayerBackward: gruLayerBackwardFast,
  rnnLayerForward: rnnLayerForwardFast,
  rnnLayerBackward: rnnLayerBackwardFast,
};

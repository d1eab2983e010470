// The reference LayerKernels: plain loops that read like the equations in each layer file.
import { gruLayerBackward, gruLayerForward } from './gru-layer.js';
import type { LayerKernels } from './layer-seam.js';
import { lstmLayerBackward, lstmLayerForward } from './lstm-layer.js';
import { rnnLayerBackward, rnnLayerForward } from './rnn-layer.js';

export const readableKernels: LayerKernels = {
  name: 'readable',
  lstmLayerForward, lstmLayerBackward, gruLayerForward, gruLayerBackward, rnnLayerForward, rnnLayerBackward,
};

// One recurrent layer (PyTorch's tanh RNN, LSTM or GRU, single direction) on @gatecheck/kernels' layer kernels:
// the same forward and BPTT backward that the golden files check, so the lab trains on the graded references.
import { fastKernels, type LayerForwardArgs, type LayerKernels, type LayerTape, type LayerWeights } from '@gatecheck/kernels';
import type { Random } from './random.js';

export type RecurrentKind = 'rnn' | 'lstm' | 'gru';

const GATES: Record<RecurrentKind, number> = { rnn: 1, lstm: 4, gru: 3 };

export interface RecurrentLayer {
  kind: RecurrentKind;
  /** weight_ih, weight_hh, bias_ih, bias_hh (PyTorch's layouts). */
  params: Float64Array[];
  /** Runs the layer over x (L, N, inputSize) from zero states; `backward(dOutput)` returns dL/dx and the parameter gradients. */
  forward(x: Float64Array, length: number, batch: number): {
    output: Float64Array;
    backward(dOutput: Float64Array): { dx: Float64Array; dParams: Float64Array[] };
  };
}

export function createRecurrentLayer(kind: RecurrentKind, inputSize: number, hidden: number, random: Random, kernels: LayerKernels = fastKernels): RecurrentLayer {
  const g = GATES[kind] * hidden;
  const bound = 1 / Math.sqrt(hidden);
  const init = (n: number) => Float64Array.from({ length: n }, () => random.uniform(-bound, bound));
  const weights: LayerWeights = { wIh: init(g * inputSize), wHh: init(g * hidden), bIh: init(g), bHh: init(g), wHr: null };
  const params = [weights.wIh, weights.wHh, weights.bIh!, weights.bHh!];
  const view = (data: Float64Array, batch: number, size: number) => ({ data, offset: 0, strideT: batch * size, strideN: size });

  return {
    kind,
    params,
    forward(x, length, batch) {
      const output = new Float64Array(length * batch * hidden);
      const args: LayerForwardArgs = {
        dims: { seqLen: length, batch, inputSize, hiddenSize: hidden, projSize: 0 },
        weights, reverse: false,
        x: view(x, batch, inputSize),
        h0: new Float64Array(batch * hidden),
        c0: kind === 'lstm' ? new Float64Array(batch * hidden) : null,
        y: view(output, batch, hidden),
        hN: new Float64Array(batch * hidden),
        cN: kind === 'lstm' ? new Float64Array(batch * hidden) : null,
      };
      const tape: LayerTape =
        kind === 'lstm' ? kernels.lstmLayerForward(args)
        : kind === 'gru' ? kernels.gruLayerForward(args)
        : kernels.rnnLayerForward({ ...args, nonlinearity: 'tanh' });
      return {
        output,
        backward(dOutput) {
          const dx = new Float64Array(x.length);
          const dParams = params.map((p) => new Float64Array(p.length));
          const grads = {
            dy: view(dOutput, batch, hidden), dhN: null, dcN: null,
            dx: view(dx, batch, inputSize),
            dh0: new Float64Array(batch * hidden),
            dc0: kind === 'lstm' ? new Float64Array(batch * hidden) : null,
            dWeights: { wIh: dParams[0]!, wHh: dParams[1]!, bIh: dParams[2]!, bHh: dParams[3]!, wHr: null },
          };
          if (kind === 'lstm') kernels.lstmLayerBackward(args, tape, grads);
          else if (kind === 'gru') kernels.gruLayerBackward(args, tape, grads);
          else kernels.rnnLayerBackward({ ...args, nonlinearity: 'tanh' }, tape, grads);
          return { dx, dParams };
        },
      };
    },
  };
}

// A sequence model for the lab: one recurrent layer (tanh RNN, LSTM or GRU, from @gatecheck/kernels, with its
// BPTT backward) read out by a linear layer on the last hidden state. Parameters are initialised as PyTorch does
// (uniform in ±1/sqrt(hidden)) from the run's seeded generator.
import type { Random } from './random.js';
import { createRecurrentLayer, type RecurrentKind, type RecurrentLayer } from './recurrent.js';

export interface SequenceModel {
  kind: RecurrentKind;
  layer: RecurrentLayer;
  /** Readout: outputSize x hidden, row-major, and its bias. */
  readoutW: Float64Array;
  readoutB: Float64Array;
  hidden: number;
  outputSize: number;
  /** Every trainable buffer, recurrent layer first. */
  params: Float64Array[];
  parameterCount: number;
}

export function createModel(kind: RecurrentKind, inputSize: number, hidden: number, outputSize: number, random: Random): SequenceModel {
  const layer = createRecurrentLayer(kind, inputSize, hidden, random);
  const bound = 1 / Math.sqrt(hidden);
  const readoutW = Float64Array.from({ length: outputSize * hidden }, () => random.uniform(-bound, bound));
  const readoutB = Float64Array.from({ length: outputSize }, () => random.uniform(-bound, bound));
  const params = [...layer.params, readoutW, readoutB];
  return { kind, layer, readoutW, readoutB, hidden, outputSize, params, parameterCount: params.reduce((s, p) => s + p.length, 0) };
}

export interface StepResult {
  loss: number;
  /** Gradients in `model.params` order. */
  grads: Float64Array[];
  /**
   * For each time step t, the root-mean-square over examples of |dL_n/dx_t|, L_n being example n's own loss:
   * how much the answer still depends on the input t steps back (the vanishing gradient, made visible).
   */
  inputGradNorms: number[];
  /** Predictions: the readout for each example (N x outputSize). */
  logits: Float64Array;
}

/** Forward and backward over one batch; the loss is MSE (regression) or softmax cross-entropy (classification). */
export function lossAndGradients(
  model: SequenceModel,
  x: Float64Array,
  length: number,
  batch: number,
  target: Float64Array,
  kind: 'regression' | 'classification',
): StepResult {
  const { hidden: h, outputSize: k } = model;
  const { output, backward } = model.layer.forward(x, length, batch);
  const last = (length - 1) * batch * h;
  const logits = new Float64Array(batch * k);
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < k; o++) {
      let s = model.readoutB[o]!;
      for (let j = 0; j < h; j++) s += model.readoutW[o * h + j]! * output[last + n * h + j]!;
      logits[n * k + o] = s;
    }
  // dLoss/dlogits, averaged over the batch.
  const dLogits = new Float64Array(batch * k);
  let loss = 0;
  for (let n = 0; n < batch; n++) {
    if (kind === 'regression') {
      const diff = logits[n]! - target[n]!;
      loss += diff * diff;
      dLogits[n] = (2 * diff) / batch;
    } else {
      let max = -Infinity;
      for (let o = 0; o < k; o++) max = Math.max(max, logits[n * k + o]!);
      let z = 0;
      for (let o = 0; o < k; o++) z += Math.exp(logits[n * k + o]! - max);
      const t = target[n]!;
      loss += -(logits[n * k + t]! - max - Math.log(z));
      for (let o = 0; o < k; o++) dLogits[n * k + o] = (Math.exp(logits[n * k + o]! - max) / z - (o === t ? 1 : 0)) / batch;
    }
  }
  loss /= batch;
  const dW = new Float64Array(k * h);
  const dB = new Float64Array(k);
  const dOutput = new Float64Array(output.length);
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < k; o++) {
      const g = dLogits[n * k + o]!;
      dB[o] = dB[o]! + g;
      for (let j = 0; j < h; j++) {
        dW[o * h + j] = dW[o * h + j]! + g * output[last + n * h + j]!;
        dOutput[last + n * h + j] = dOutput[last + n * h + j]! + g * model.readoutW[o * h + j]!;
      }
    }
  const { dx, dParams } = backward(dOutput);
  const inputSize = dx.length / (length * batch);
  const inputGradNorms = Array.from({ length }, (_, t) => {
    let s = 0;
    for (let j = t * batch * inputSize; j < (t + 1) * batch * inputSize; j++) s += dx[j]! * dx[j]!;
    return Math.sqrt(s * batch); // dx carries 1/batch from the mean: per-example gradients are batch * dx
  });
  return { loss, grads: [...dParams, dW, dB], inputGradNorms, logits };
}

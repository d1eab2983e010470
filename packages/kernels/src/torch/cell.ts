// One step of a PyTorch cell module (torch.nn.LSTMCell / GRUCell / RNNCell) on Float64 tensors: a one-step,
// one-layer run of the same layer kernels the sequence modules use, with the cells' own shapes and checks.
import { KernelArgumentError } from './errors.js';
import type { LayerKernels, LayerTape, LayerWeightGrads, RnnLayerForwardArgs } from './layer-seam.js';
import type { RecurrentSpec } from './options.js';
import { type Float64StateDict } from './state-dict.js';
import { float64Tensor, shapeText, type Float64Tensor } from './tensor.js';

/** Upstream gradients dL/dh', dL/dc' (LSTMCell); omitted or null means zero. */
export interface CellUpstream {
  h?: Float64Tensor | null;
  c?: Float64Tensor | null;
}

/** Gradients of the loss with respect to what the step read. */
export interface CellGradients {
  input: Float64Tensor;
  /** dL/dhx (also when hx defaulted to zeros). */
  hx: Float64Tensor;
  /** dL/dcx (LSTMCell only, else null). */
  cx: Float64Tensor | null;
  params: Float64StateDict;
}

export interface CellRun {
  /** h' shaped like hx: (N, H), or (H) for 1-D input. */
  h: Float64Tensor;
  /** c' (LSTMCell only, else null). */
  c: Float64Tensor | null;
  backward(upstream: CellUpstream): CellGradients;
}

/** One cell step. `params` must already match (checkStateDict with cell names); hx/cx null means zeros. */
export function runCell(spec: RecurrentSpec, params: Float64StateDict, input: Float64Tensor, hx: Float64Tensor | null, cx: Float64Tensor | null, kernels: LayerKernels): CellRun {
  const name = `${spec.mode}Cell`;
  const isLstm = spec.mode === 'LSTM';
  const rank = input.shape.length;
  if (rank !== 1 && rank !== 2) throw new KernelArgumentError(`${name}: Expected input to be 1-D or 2-D but received ${rank}-D tensor`);
  const N = rank === 2 ? input.shape[0]! : 1;
  const inputSize = input.shape[rank - 1]!;
  if (inputSize !== spec.inputSize) throw new KernelArgumentError(`input has inconsistent input_size: got ${inputSize} expected ${spec.inputSize}`);
  const H = spec.hiddenSize;
  const stateShape = rank === 2 ? [N, H] : [H];
  // PyTorch's own names for the states in these messages: hidden0 (hx), hidden1 (cx).
  const checkState = (t: Float64Tensor | null, which: 'hx' | 'cx') => {
    if (!t) return;
    const label = which === 'hx' ? 'hidden0' : 'hidden1';
    if (t.shape.length !== rank) throw new KernelArgumentError(`${name}: Expected ${which} to be ${rank}-D for ${rank}-D input but received ${t.shape.length}-D tensor`);
    if (rank === 2 && t.shape[0] !== N) throw new KernelArgumentError(`Input batch size ${N} doesn't match ${label} batch size ${t.shape[0]}`);
    if (t.shape[rank - 1] !== H) throw new KernelArgumentError(`${label} has inconsistent hidden_size: got ${t.shape[rank - 1]}, expected ${H}`);
  };
  checkState(hx, 'hx');
  if (isLstm) checkState(cx, 'cx');
  const suffix = (base: string) => params[base]?.data ?? null;
  const a: RnnLayerForwardArgs = {
    dims: { seqLen: 1, batch: N, inputSize: spec.inputSize, hiddenSize: H, projSize: 0 },
    weights: { wIh: suffix('weight_ih')!, wHh: suffix('weight_hh')!, bIh: suffix('bias_ih'), bHh: suffix('bias_hh'), wHr: null },
    reverse: false,
    x: { data: input.data, offset: 0, strideT: 0, strideN: inputSize },
    h0: hx ? hx.data : new Float64Array(N * H),
    c0: isLstm ? (cx ? cx.data : new Float64Array(N * H)) : null,
    y: { data: new Float64Array(N * H), offset: 0, strideT: 0, strideN: H },
    hN: new Float64Array(N * H),
    cN: isLstm ? new Float64Array(N * H) : null,
    nonlinearity: spec.nonlinearity,
  };
  const tape: LayerTape = spec.mode === 'LSTM' ? kernels.lstmLayerForward(a) : spec.mode === 'GRU' ? kernels.gruLayerForward(a) : kernels.rnnLayerForward(a);
  const h = float64Tensor(stateShape, a.hN);
  const c = a.cN ? float64Tensor(stateShape, a.cN) : null;

  const backward = (upstream: CellUpstream): CellGradients => {
    const check = (t: Float64Tensor | null | undefined, what: string) => {
      if (t && shapeText(t.shape) !== shapeText(stateShape)) throw new KernelArgumentError(`gradient of ${what} must have shape ${shapeText(stateShape)}, got ${shapeText(t.shape)}`);
      return t ?? null;
    };
    const dh = check(upstream.h, 'h');
    const dc = check(upstream.c, 'c');
    if (dc && !isLstm) throw new KernelArgumentError(`${name} has no c to take a gradient from`);
    const dInput = float64Tensor(input.shape);
    const dhx = float64Tensor(stateShape);
    const dcx = isLstm ? float64Tensor(stateShape) : null;
    const dParams: Float64StateDict = {};
    for (const [k, t] of Object.entries(params)) dParams[k] = float64Tensor(t.shape);
    const dWeights: LayerWeightGrads = {
      wIh: dParams.weight_ih!.data, wHh: dParams.weight_hh!.data,
      bIh: dParams.bias_ih?.data ?? null, bHh: dParams.bias_hh?.data ?? null, wHr: null,
    };
    const g = {
      dy: null, dhN: dh ? dh.data : null, dcN: dc ? dc.data : null,
      dx: { data: dInput.data, offset: 0, strideT: 0, strideN: inputSize },
      dh0: dhx.data, dc0: dcx ? dcx.data : null, dWeights,
    };
    if (spec.mode === 'LSTM') kernels.lstmLayerBackward(a, tape, g);
    else if (spec.mode === 'GRU') kernels.gruLayerBackward(a, tape, g);
    else kernels.rnnLayerBackward(a, tape, g);
    return { input: dInput, hx: dhx, cx: dcx, params: dParams };
  };
  return { h, c, backward };
}

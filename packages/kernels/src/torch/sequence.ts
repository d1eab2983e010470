// Runs a whole PyTorch sequence module (torch.nn.LSTM / GRU / RNN semantics) on Float64 tensors by stacking
// per-direction, per-layer kernels (layer-seam.ts): shapes and their checks, batch_first and unbatched input,
// bidirectional wiring (the reverse direction's outputs are realigned to their time step), zero default states,
// dropout between layers in training mode, and the backward pass through all of it.
import { KernelArgumentError } from './errors.js';
import type { LayerForwardArgs, LayerKernels, LayerTape, LayerWeightGrads, LayerWeights, RnnLayerForwardArgs, SequenceView } from './layer-seam.js';
import type { RecurrentSpec } from './options.js';
import { parameterSlots, type Float64StateDict } from './state-dict.js';
import { float64Tensor, shapeText, type Float64Tensor } from './tensor.js';

/** How a module runs: training mode enables dropout between layers. */
export interface RunMode {
  /** Training mode: dropout (if the module has it) is applied between layers. Eval mode (false) never drops. */
  training: boolean;
  /** Uniform [0, 1) numbers for dropout masks; an element is dropped when random() < dropout. */
  random: () => number;
  /** The layer implementation (readable reference or fast). */
  kernels: LayerKernels;
}

/** Upstream gradients dL/d(output), dL/dh_n, dL/dc_n; omitted or null means zero. */
export interface SequenceUpstream {
  output?: Float64Tensor | null;
  hN?: Float64Tensor | null;
  cN?: Float64Tensor | null;
}

/** Gradients of the loss with respect to everything the forward read. */
export interface SequenceGradients {
  input: Float64Tensor;
  /** dL/dh0 (also when h0 defaulted to zeros). */
  h0: Float64Tensor;
  /** dL/dc0 (LSTM only, else null). */
  c0: Float64Tensor | null;
  /** dL/d(parameter) by PyTorch name. */
  params: Float64StateDict;
}

/** The result of a forward pass, able to run its own backward pass. */
export interface SequenceRun {
  output: Float64Tensor;
  hN: Float64Tensor;
  /** LSTM only, else null. */
  cN: Float64Tensor | null;
  /** BPTT through the whole forward (dropout masks included); may be called more than once. */
  backward(upstream: SequenceUpstream): SequenceGradients;
}

interface Strides { strideT: number; strideN: number }

const dimsText = (t: Float64Tensor | null) => `${t ? t.shape.length : 0}-D`;

function checkShape(t: Float64Tensor, expected: number[], message: (exp: string, got: string) => string): void {
  if (shapeText(t.shape) !== shapeText(expected)) throw new KernelArgumentError(message(`(${expected.join(', ')})`, shapeText(t.shape)));
}

/**
 * Forward pass of a sequence module. `params` must already match the module (checkStateDict); `h0`/`c0` null
 * means zeros. Throws KernelArgumentError with PyTorch's wording for inputs PyTorch rejects.
 */
export function runSequence(
  spec: RecurrentSpec, params: Float64StateDict, input: Float64Tensor, h0: Float64Tensor | null, c0: Float64Tensor | null, mode: RunMode,
): SequenceRun {
  const name = spec.mode;
  const isLstm = spec.mode === 'LSTM';
  const rank = input.shape.length;
  if (rank !== 2 && rank !== 3) throw new KernelArgumentError(`${name}: Expected input to be 2-D or 3-D but received ${rank}-D tensor`);
  const batched = rank === 3;
  const inputSize = input.shape[rank - 1]!;
  if (inputSize !== spec.inputSize) throw new KernelArgumentError(`input.size(-1) must be equal to input_size. Expected ${spec.inputSize}, got ${inputSize}`);
  const L = batched && spec.batchFirst ? input.shape[1]! : input.shape[0]!;
  const N = batched ? (spec.batchFirst ? input.shape[0]! : input.shape[1]!) : 1;
  if (L === 0) throw new KernelArgumentError('Expected sequence length to be larger than 0 in RNN');
  const H = spec.hiddenSize;
  const hOut = spec.projSize || H;
  const D = spec.bidirectional ? 2 : 1;
  const states = D * spec.numLayers;

  if (isLstm && (h0 || c0)) {
    const wrong = (t: Float64Tensor | null) => t !== null && t.shape.length !== rank;
    if (wrong(h0) || wrong(c0)) {
      throw new KernelArgumentError(`For ${batched ? 'batched 3-D' : 'unbatched 2-D'} input, hx and cx should also be ${rank}-D but got (${dimsText(h0 ?? c0)}, ${dimsText(c0 ?? h0)}) tensors`);
    }
  } else if (h0 && h0.shape.length !== rank) {
    throw new KernelArgumentError(`For ${batched ? 'batched 3-D' : 'unbatched 2-D'} input, hx should also be ${rank}-D but got ${dimsText(h0)} tensor`);
  }
  const hShape = batched ? [states, N, hOut] : [states, hOut];
  const cShape = batched ? [states, N, H] : [states, H];
  if (h0) checkShape(h0, hShape, (e, g) => `Expected hidden${isLstm ? '[0]' : ''} size ${e}, got ${g}`);
  if (c0) checkShape(c0, cShape, (e, g) => `Expected hidden[1] size ${e}, got ${g}`);
  const h0Data = h0 ? h0.data : new Float64Array(states * N * hOut);
  const c0Data = isLstm ? (c0 ? c0.data : new Float64Array(states * N * H)) : null;

  // Strides of (t, n) in a tensor laid out like the input/output (last axis = features of size `width`).
  const outerStrides = (width: number): Strides =>
    !batched ? { strideT: width, strideN: 0 } : spec.batchFirst ? { strideT: width, strideN: L * width } : { strideT: N * width, strideN: width };
  const timeMajor = (width: number): Strides => ({ strideT: N * width, strideN: width });

  const outputShape = !batched ? [L, D * hOut] : spec.batchFirst ? [N, L, D * hOut] : [L, N, D * hOut];
  const output = float64Tensor(outputShape);
  const hN = float64Tensor(hShape);
  const cN = isLstm ? float64Tensor(cShape) : null;
  const slots = parameterSlots(spec);

  const weightsOf = (layer: number, direction: number): LayerWeights => {
    const get = (role: string) => {
      const s = slots.find((x) => x.layer === layer && x.direction === direction && x.role === role);
      return s ? params[s.name]!.data : null;
    };
    return { wIh: get('wIh')!, wHh: get('wHh')!, bIh: get('bIh'), bHh: get('bHh'), wHr: get('wHr') };
  };
  const forward = (a: RnnLayerForwardArgs): LayerTape =>
    spec.mode === 'LSTM' ? mode.kernels.lstmLayerForward(a) : spec.mode === 'GRU' ? mode.kernels.gruLayerForward(a) : mode.kernels.rnnLayerForward(a);

  const args: RnnLayerForwardArgs[][] = [];
  const tapes: LayerTape[][] = [];
  const masks: (Float64Array | null)[] = [];
  let x: { data: Float64Array; strides: Strides; size: number } = { data: input.data, strides: outerStrides(spec.inputSize), size: spec.inputSize };
  for (let layer = 0; layer < spec.numLayers; layer++) {
    const last = layer === spec.numLayers - 1;
    const out = last ? output.data : new Float64Array(L * N * D * hOut);
    const outStrides = last ? outerStrides(D * hOut) : timeMajor(D * hOut);
    args.push([]);
    tapes.push([]);
    for (let direction = 0; direction < D; direction++) {
      const k = layer * D + direction;
      const a: RnnLayerForwardArgs = {
        dims: { seqLen: L, batch: N, inputSize: x.size, hiddenSize: H, projSize: spec.projSize },
        weights: weightsOf(layer, direction),
        reverse: direction === 1,
        x: { data: x.data, offset: 0, ...x.strides },
        h0: h0Data.subarray(k * N * hOut, (k + 1) * N * hOut),
        c0: c0Data ? c0Data.subarray(k * N * H, (k + 1) * N * H) : null,
        y: { data: out, offset: direction * hOut, ...outStrides },
        hN: hN.data.subarray(k * N * hOut, (k + 1) * N * hOut),
        cN: cN ? cN.data.subarray(k * N * H, (k + 1) * N * H) : null,
        nonlinearity: spec.nonlinearity,
      };
      args[layer]!.push(a);
      tapes[layer]!.push(forward(a));
    }
    if (!last) {
      let next = out;
      let mask: Float64Array | null = null;
      if (mode.training && spec.dropout > 0) {
        mask = new Float64Array(out.length);
        next = new Float64Array(out.length);
        const keep = 1 - spec.dropout;
        for (let j = 0; j < out.length; j++) {
          mask[j] = mode.random() < spec.dropout ? 0 : 1 / keep;
          next[j] = out[j]! * mask[j]!;
        }
      }
      masks.push(mask);
      x = { data: next, strides: timeMajor(D * hOut), size: D * hOut };
    }
  }

  const backward = (upstream: SequenceUpstream): SequenceGradients => {
    const dOutput = upstream.output ?? null;
    const dhN = upstream.hN ?? null;
    const dcN = upstream.cN ?? null;
    if (dOutput) checkShape(dOutput, outputShape, (e, g) => `gradient of output must have shape ${e}, got ${g}`);
    if (dhN) checkShape(dhN, hShape, (e, g) => `gradient of h_n must have shape ${e}, got ${g}`);
    if (dcN) {
      if (!isLstm) throw new KernelArgumentError(`${name} has no c_n to take a gradient from`);
      checkShape(dcN, cShape, (e, g) => `gradient of c_n must have shape ${e}, got ${g}`);
    }
    const dInput = float64Tensor(input.shape);
    const dh0 = float64Tensor(hShape);
    const dc0 = isLstm ? float64Tensor(cShape) : null;
    const dParams: Float64StateDict = {};
    for (const s of slots) dParams[s.name] = float64Tensor(s.shape);
    const gradsOf = (layer: number, direction: number): LayerWeightGrads => {
      const get = (role: string) => {
        const s = slots.find((q) => q.layer === layer && q.direction === direction && q.role === role);
        return s ? dParams[s.name]!.data : null;
      };
      return { wIh: get('wIh'), wHh: get('wHh'), bIh: get('bIh'), bHh: get('bHh'), wHr: get('wHr') };
    };
    let dy: { data: Float64Array; strides: Strides } | null = dOutput ? { data: dOutput.data, strides: outerStrides(D * hOut) } : null;
    for (let layer = spec.numLayers - 1; layer >= 0; layer--) {
      const dx = layer === 0
        ? { data: dInput.data, strides: outerStrides(spec.inputSize) }
        : { data: new Float64Array(L * N * D * hOut), strides: timeMajor(D * hOut) };
      for (let direction = 0; direction < D; direction++) {
        const k = layer * D + direction;
        const a = args[layer]![direction]!;
        const view = (v: { data: Float64Array; strides: Strides } | null, offset: number): SequenceView | null =>
          v ? { data: v.data, offset, ...v.strides } : null;
        const g = {
          dy: view(dy, direction * hOut),
          dhN: dhN ? dhN.data.subarray(k * N * hOut, (k + 1) * N * hOut) : null,
          dcN: dcN ? dcN.data.subarray(k * N * H, (k + 1) * N * H) : null,
          dx: view(dx, 0),
          dh0: dh0.data.subarray(k * N * hOut, (k + 1) * N * hOut),
          dc0: dc0 ? dc0.data.subarray(k * N * H, (k + 1) * N * H) : null,
          dWeights: gradsOf(layer, direction),
        };
        const tape = tapes[layer]![direction]!;
        if (spec.mode === 'LSTM') mode.kernels.lstmLayerBackward(a as LayerForwardArgs, tape, g);
        else if (spec.mode === 'GRU') mode.kernels.gruLayerBackward(a as LayerForwardArgs, tape, g);
        else mode.kernels.rnnLayerBackward(a, tape, g);
      }
      if (layer > 0) {
        const mask = masks[layer - 1];
        if (mask) for (let j = 0; j < dx.data.length; j++) dx.data[j]! *= mask[j]!;
        dy = dx;
      }
    }
    return { input: dInput, h0: dh0, c0: dc0, params: dParams };
  };

  return { output, hN, cN, backward };
}

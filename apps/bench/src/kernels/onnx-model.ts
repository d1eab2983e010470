// Builds the one-operator ONNX model (opset 14) the onnxruntime engines run: Y, Y_h(, Y_c) = LSTM|GRU(X, W, R, B,
// "", initial_h(, initial_c)), with the problem's weights as float32 initializers. ONNX stacks gates differently
// from PyTorch, so the blocks are reordered here:
//   LSTM: PyTorch i, f, g, o  ->  ONNX i, o, f, c
//   GRU:  PyTorch r, z, n     ->  ONNX z, r, h, with linear_before_reset = 1, which is PyTorch's n = tanh(W_in x +
//         b_in + r*(W_hn h + b_hn)) (ONNX's default applies r before the product, the original GRU paper's form).
// B is [Wb | Rb] = [b_ih | b_hh] in the same block order. Y comes out as (L, num_directions=1, N, H).
import onnxProto from 'onnx-proto';
import type { Problem } from './problem.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** Rows of a (G*H x cols) PyTorch weight with its gate blocks put in `order` (indices of PyTorch blocks). */
function reorderBlocks(w: Float64Array, H: number, cols: number, order: readonly number[]): Float32Array {
  const out = new Float32Array(order.length * H * cols);
  order.forEach((from, to) => out.set(w.subarray(from * H * cols, (from + 1) * H * cols), to * H * cols));
  return out;
}

export const onnxGateOrder = (mode: Problem['mode']): readonly number[] => (mode === 'LSTM' ? [0, 3, 1, 2] : [1, 0, 2]);

function initializer(name: string, dims: number[], data: Float32Array) {
  return onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
}

function valueInfo(name: string, dims: number[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: FLOAT,
        shape: onnx.TensorShapeProto.create({ dim: dims.map((d) => onnx.TensorShapeProto.Dimension.create({ dimValue: d })) }),
      }),
    }),
  });
}

/** The serialized model for `p` (weights baked in; inputs X, initial_h, initial_c). */
export function buildOnnxModel(p: Problem): Uint8Array {
  const { L, N, I, H, G, mode } = p;
  const order = onnxGateOrder(mode);
  const lstm = mode === 'LSTM';
  const b = new Float32Array(2 * G * H);
  b.set(reorderBlocks(p.bIh, H, 1, order), 0);
  b.set(reorderBlocks(p.bHh, H, 1, order), G * H);
  const attributes = [onnx.AttributeProto.create({ name: 'hidden_size', type: onnx.AttributeProto.AttributeType.INT, i: H })];
  if (!lstm) attributes.push(onnx.AttributeProto.create({ name: 'linear_before_reset', type: onnx.AttributeProto.AttributeType.INT, i: 1 }));
  const node = onnx.NodeProto.create({
    opType: mode,
    input: ['X', 'W', 'R', 'B', '', 'initial_h', ...(lstm ? ['initial_c'] : [])],
    output: ['Y', 'Y_h', ...(lstm ? ['Y_c'] : [])],
    attribute: attributes,
  });
  const graph = onnx.GraphProto.create({
    name: `${mode.toLowerCase()}_one_op`,
    node: [node],
    initializer: [
      initializer('W', [1, G * H, I], reorderBlocks(p.wIh, H, I, order)),
      initializer('R', [1, G * H, H], reorderBlocks(p.wHh, H, H, order)),
      initializer('B', [1, 2 * G * H], b),
    ],
    input: [valueInfo('X', [L, N, I]), valueInfo('initial_h', [1, N, H]), ...(lstm ? [valueInfo('initial_c', [1, N, H])] : [])],
    output: [valueInfo('Y', [L, 1, N, H]), valueInfo('Y_h', [1, N, H]), ...(lstm ? [valueInfo('Y_c', [1, N, H])] : [])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'gatecheck-bench',
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 14 })],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

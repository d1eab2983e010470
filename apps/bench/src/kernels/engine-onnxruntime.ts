// onnxruntime running the one-operator ONNX model (onnx-model.ts), float32, forward only (onnxruntime is an
// inference runtime: no gradients). Each call wraps the inputs as ort tensors, runs the session and reads the
// outputs, which is what a caller pays per call.
import type { Engine, Prepared } from './engine.js';
import { buildOnnxModel } from './onnx-model.js';
import type { Problem, Results } from './problem.js';

/** The part of the onnxruntime-node and onnxruntime-web APIs used here (they share it). */
interface OrtTensor { data: unknown }
interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
export interface OrtApi {
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSession> };
}

export function onnxruntimeEngine(name: string, load: () => Promise<OrtApi>, sessionOptions: Record<string, unknown>, note: string): Engine {
  return {
    name, precision: 'float32', note,
    async prepare(p: Problem): Promise<Prepared> {
      const ort = await load();
      const { L, N, I, H } = p;
      const session = await ort.InferenceSession.create(buildOnnxModel(p), sessionOptions);
      const x = Float32Array.from(p.x);
      const h0 = Float32Array.from(p.h0);
      const c0 = Float32Array.from(p.c0);
      const run = () => session.run({
        X: new ort.Tensor('float32', x, [L, N, I]),
        initial_h: new ort.Tensor('float32', h0, [1, N, H]),
        ...(p.mode === 'LSTM' ? { initial_c: new ort.Tensor('float32', c0, [1, N, H]) } : {}),
      });
      return {
        async forward(): Promise<Results> {
          const out = await run();
          const data = (k: string) => out[k]!.data as Float32Array;
          // Y is (L, 1, N, H): with one direction its data is already (L, N, H).
          return { y: data('Y'), hN: data('Y_h'), ...(p.mode === 'LSTM' ? { cN: data('Y_c') } : {}) };
        },
        dispose: () => void session.release(),
      };
    },
  };
}

// TensorFlow.js, float32, on its "cpu" (plain JavaScript) or "wasm" (WebAssembly, SIMD when the runtime has it)
// backend. The layer is written as a tf.* loop with the same algorithm as gatecheck's fast path — one matMul for
// the input projection of all steps, then one matMul per step over the batch — rather than tf.layers.lstm/gru,
// because tf.layers' GRU applies the reset gate before the product (not PyTorch's GRU) and its LSTM defaults to a
// hard sigmoid; the loop computes exactly PyTorch's equations, so its numbers can be checked. Gradients come from
// tf.grads (TensorFlow.js's tape). Each call uploads x, computes, and downloads every result with dataSync(),
// which is what a caller pays per call; weights stay resident.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Engine, Prepared } from './engine.js';
import type { Problem, Results } from './problem.js';

export type TfBackend = 'cpu' | 'wasm';

let wasmPathsSet = false;

async function useBackend(backend: TfBackend): Promise<void> {
  if (backend === 'wasm' && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend "${backend}" failed to initialise`);
  await tf.ready();
}

/** What the wasm backend found: SIMD and threads, for the notes. */
export async function tfWasmFeatures(): Promise<string> {
  await useBackend('wasm');
  return `SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'on' : 'off'}`;
}

type T2 = tf.Tensor2D;

/** The layer as a function of everything the gradients are taken with respect to. */
function layer(p: Problem, x: T2, wIhT: T2, wHhT: T2, bIh: tf.Tensor1D, bHh: tf.Tensor1D, h0: T2, c0: T2): { y: tf.Tensor; h: T2; c: T2 | null } {
  const { L, N, H } = p;
  // (L*N, G*H): every step's input projection in one product.
  const xw = tf.matMul(x, wIhT);
  const ys: T2[] = [];
  let h = h0;
  let c = c0;
  if (p.mode === 'LSTM') {
    const xb = tf.add(xw, tf.add(bIh, bHh));
    for (let t = 0; t < L; t++) {
      const a = tf.add(tf.slice(xb, [t * N, 0], [N, 4 * H]), tf.matMul(h, wHhT)) as T2;
      const [ai, af, ag, ao] = tf.split(a, 4, 1) as [T2, T2, T2, T2];
      c = tf.add(tf.mul(tf.sigmoid(af), c), tf.mul(tf.sigmoid(ai), tf.tanh(ag))) as T2;
      h = tf.mul(tf.sigmoid(ao), tf.tanh(c)) as T2;
      ys.push(h);
    }
    return { y: tf.stack(ys), h, c };
  }
  const xb = tf.add(xw, bIh);
  for (let t = 0; t < L; t++) {
    const [xr, xz, xn] = tf.split(tf.slice(xb, [t * N, 0], [N, 3 * H]), 3, 1) as [T2, T2, T2];
    const [hr, hz, hn] = tf.split(tf.add(tf.matMul(h, wHhT), bHh), 3, 1) as [T2, T2, T2];
    const r = tf.sigmoid(tf.add(xr, hr));
    const z = tf.sigmoid(tf.add(xz, hz));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as T2;
    ys.push(h);
  }
  return { y: tf.stack(ys), h, c: null };
}

export function tfjsEngine(backend: TfBackend, note: string, extra: Partial<Engine> = {}): Engine {
  return {
    name: `tfjs-${backend}`, precision: 'float32', note, ...extra,
    async prepare(p: Problem): Promise<Prepared> {
      await useBackend(backend);
      const { L, N, I, H, G } = p;
      const lstm = p.mode === 'LSTM';
      const f32 = (a: Float64Array) => Float32Array.from(a);
      // Keras/tfjs layout: kernels are (in, G*H), so the PyTorch weights are stored transposed once, up front.
      const wIhT = tf.tensor2d(f32(p.wIh), [G * H, I]).transpose() as T2;
      const wHhT = tf.tensor2d(f32(p.wHh), [G * H, H]).transpose() as T2;
      const bIh = tf.tensor1d(f32(p.bIh));
      const bHh = tf.tensor1d(f32(p.bHh));
      const h0 = tf.tensor2d(f32(p.h0), [N, H]);
      const c0 = tf.tensor2d(f32(p.c0), [N, H]);
      const wY = tf.tensor3d(f32(p.wY), [L, N, H]);
      const wH = tf.tensor2d(f32(p.wH), [N, H]);
      const wC = tf.tensor2d(f32(p.wC), [N, H]);
      const xData = f32(p.x);
      const resident = [wIhT, wHhT, bIh, bHh, h0, c0, wY, wH, wC];

      // The GRU has no c0: tf.grads refuses inputs the loss does not depend on, so it only gets the LSTM's.
      const loss = (x: T2, a: T2, b: T2, bi: tf.Tensor1D, bh: tf.Tensor1D, hs: T2, cs?: T2): tf.Scalar => {
        const out = layer(p, x, a, b, bi, bh, hs, cs ?? c0);
        let l = tf.add(tf.sum(tf.mul(out.y, wY)), tf.sum(tf.mul(out.h, wH)));
        if (out.c) l = tf.add(l, tf.sum(tf.mul(out.c, wC)));
        return l as tf.Scalar;
      };
      const gradients = tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor);

      return {
        forward: (): Results => tf.tidy(() => {
          const x = tf.tensor2d(xData, [L * N, I]);
          const out = layer(p, x, wIhT, wHhT, bIh, bHh, h0, c0);
          return { y: out.y.dataSync() as Float32Array, hN: out.h.dataSync() as Float32Array, ...(out.c ? { cN: out.c.dataSync() as Float32Array } : {}) };
        }),
        forwardBackward: (): Results => tf.tidy(() => {
          const x = tf.tensor2d(xData, [L * N, I]);
          const [dx, dWihT, dWhhT, dbIh, dbHh, dh0, dc0] = gradients(lstm ? [x, wIhT, wHhT, bIh, bHh, h0, c0] : [x, wIhT, wHhT, bIh, bHh, h0]);
          const data = (t: tf.Tensor) => t.dataSync() as Float32Array;
          // Gradients w.r.t. the transposed weights, transposed back to PyTorch's layout (part of the call's work).
          return {
            grads: {
              x: data(dx!), wIh: data(dWihT!.transpose()), wHh: data(dWhhT!.transpose()), bIh: data(dbIh!), bHh: data(dbHh!), h0: data(dh0!),
              ...(dc0 ? { c0: data(dc0) } : {}),
            },
          };
        }),
        dispose: () => resident.forEach((t) => t.dispose()),
      };
    },
  };
}

// gatecheck's own kernels, float64, in two ways of calling them:
// - "module": the public API a grader or user calls (new LSTM(...).forward(tensor), run.backward(...)); per call it
//   checks shapes, allocates the outputs and the tape, and wires the layer.
// - "layer": the per-direction layer kernels (layer-seam.ts) called directly on preallocated buffers, which is
//   the arithmetic alone; the difference between the two rows is the module's per-call overhead.
import type { Engine, Prepared } from './engine.js';
import { GRU, LSTM, type LayerBackwardArgs, type LayerForwardArgs, type LayerKernels, type LayerTape } from './gatecheck-kernels.js';
import type { Problem, Results } from './problem.js';

const tensor = (shape: number[], data: Float64Array) => ({ shape, data });

export function moduleEngine(name: string, kernels: LayerKernels, note: string, extra: Partial<Engine> = {}): Engine {
  return {
    name, precision: 'float64', note, ...extra,
    async prepare(p: Problem): Promise<Prepared> {
      const { L, N, I, H, G } = p;
      const params = {
        weight_ih_l0: tensor([G * H, I], p.wIh), weight_hh_l0: tensor([G * H, H], p.wHh),
        bias_ih_l0: tensor([G * H], p.bIh), bias_hh_l0: tensor([G * H], p.bHh),
      };
      const options = { inputSize: I, hiddenSize: H };
      const module = p.mode === 'LSTM' ? new LSTM(options, { params, kernels }) : new GRU(options, { params, kernels });
      const input = tensor([L, N, I], p.x);
      const h0 = tensor([1, N, H], p.h0);
      const c0 = tensor([1, N, H], p.c0);
      const run = () => (module instanceof LSTM ? module.forward(input, { h0, c0 }) : module.forward(input, h0));
      const upstream = { output: tensor([L, N, H], p.wY), hN: tensor([1, N, H], p.wH), cN: p.mode === 'LSTM' ? tensor([1, N, H], p.wC) : null };
      return {
        forward(): Results {
          const r = run();
          return { y: r.output.data, hN: r.hN.data, ...(r.cN ? { cN: r.cN.data } : {}) };
        },
        forwardBackward(): Results {
          const d = run().backward(upstream);
          const g = (k: string) => d.params[k]!.data;
          return { grads: { x: d.input.data, wIh: g('weight_ih_l0'), wHh: g('weight_hh_l0'), bIh: g('bias_ih_l0'), bHh: g('bias_hh_l0'), h0: d.h0.data, ...(d.c0 ? { c0: d.c0.data } : {}) } };
        },
        dispose: () => {},
      };
    },
  };
}

export function layerEngine(name: string, kernels: LayerKernels, note: string, extra: Partial<Engine> = {}): Engine {
  return {
    name, precision: 'float64', note, ...extra,
    async prepare(p: Problem): Promise<Prepared> {
      const { L, N, I, H, G } = p;
      const lstm = p.mode === 'LSTM';
      const view = (data: Float64Array, width: number) => ({ data, offset: 0, strideT: N * width, strideN: width });
      const args: LayerForwardArgs = {
        dims: { seqLen: L, batch: N, inputSize: I, hiddenSize: H, projSize: 0 },
        weights: { wIh: p.wIh, wHh: p.wHh, bIh: p.bIh, bHh: p.bHh, wHr: null },
        reverse: false, x: view(p.x, I), h0: p.h0, c0: lstm ? p.c0 : null,
        y: view(new Float64Array(L * N * H), H), hN: new Float64Array(N * H), cN: lstm ? new Float64Array(N * H) : null,
      };
      const grads: LayerBackwardArgs = {
        dy: view(p.wY, H), dhN: p.wH, dcN: lstm ? p.wC : null,
        dx: view(new Float64Array(L * N * I), I), dh0: new Float64Array(N * H), dc0: lstm ? new Float64Array(N * H) : null,
        dWeights: { wIh: new Float64Array(G * H * I), wHh: new Float64Array(G * H * H), bIh: new Float64Array(G * H), bHh: new Float64Array(G * H), wHr: null },
      };
      const forwardTape = (): LayerTape => (lstm ? kernels.lstmLayerForward(args) : kernels.gruLayerForward(args));
      const w = grads.dWeights;
      return {
        forward(): Results {
          forwardTape();
          return { y: args.y.data, hN: args.hN, ...(args.cN ? { cN: args.cN } : {}) };
        },
        forwardBackward(): Results {
          const tape = forwardTape();
          // The seam's backward adds into dx and the weight gradients, so a fresh gradient starts from zero.
          grads.dx!.data.fill(0);
          for (const g of Object.values(w)) g?.fill(0);
          if (lstm) kernels.lstmLayerBackward(args, tape, grads);
          else kernels.gruLayerBackward(args, tape, grads);
          return { grads: { x: grads.dx!.data, wIh: w.wIh!, wHh: w.wHh!, bIh: w.bIh!, bHh: w.bHh!, h0: grads.dh0, ...(grads.dc0 ? { c0: grads.dc0 } : {}) } };
        },
        dispose: () => {},
      };
    },
  };
}

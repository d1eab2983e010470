// Every engine of `pnpm bench kernels` computes the problem it is timed on: the float64 reference's numbers, to
// float32 accuracy where it runs in float32. This also proves that onnxruntime-node's bundled CPU library loads
// (its install script is skipped in this workspace) and that the ONNX model's gate reordering is right.
import { describe, expect, it } from 'vitest';
import { check, TOLERANCE } from './check.js';
import { layerEngine, moduleEngine } from './engine-gatecheck.js';
import { onnxruntimeEngine, type OrtApi } from './engine-onnxruntime.js';
import { tfjsEngine } from './engine-tfjs.js';
import { fastKernels, fastScalarKernels, fastWasmKernels, readableKernels } from './gatecheck-kernels.js';
import type { Engine } from './engine.js';
import { makeProblem, type Mode } from './problem.js';

const engines: Engine[] = [
  moduleEngine('wasm module', fastWasmKernels, ''),
  layerEngine('wasm layer', fastWasmKernels, ''),
  moduleEngine('js module', fastScalarKernels, ''),
  tfjsEngine('cpu', ''),
  tfjsEngine('wasm', ''),
  onnxruntimeEngine('onnxruntime-node', async () => (await import('onnxruntime-node')) as unknown as OrtApi, { intraOpNumThreads: 1 }, ''),
  onnxruntimeEngine('onnxruntime-web', async () => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    return ort as unknown as OrtApi;
  }, { executionProviders: ['wasm'] }, ''),
];

const cases = (['LSTM', 'GRU'] as Mode[]).flatMap((mode) => engines.map((e) => [mode, e.name, e] as const));

describe('kernel bench engines', () => {
  it.each(cases)('%s on %s should compute the reference numbers', async (mode, _name, engine) => {
    const p = makeProblem(mode, { label: 'test', L: 5, N: 3, I: 4, H: 6 }, 11);
    const reference = await moduleEngine('reference', readableKernels, '').prepare(p);
    const prepared = await engine.prepare(p);
    const tolerance = TOLERANCE[engine.precision];
    const forward = check(await prepared.forward(), await reference.forward(), tolerance, 'forward');
    expect(forward.error, `forward, worst at ${forward.where}`).toBeLessThanOrEqual(tolerance);
    if (prepared.forwardBackward) {
      const gradients = check(await prepared.forwardBackward(), await reference.forwardBackward!(), tolerance, 'gradients');
      expect(gradients.error, `gradients, worst at ${gradients.where}`).toBeLessThanOrEqual(tolerance);
    }
    prepared.dispose();
  });

  it('should notice an engine that computes something else', async () => {
    const p = makeProblem('GRU', { label: 'test', L: 4, N: 2, I: 3, H: 5 }, 3);
    const reference = await (await moduleEngine('reference', readableKernels, '').prepare(p)).forward();
    // PyTorch's r, z blocks swapped: what a wrong ONNX gate order would compute.
    const swapped = { ...p, wIh: p.wIh.slice(), wHh: p.wHh.slice() };
    const block = (w: Float64Array, cols: number) => {
      const r = w.slice(0, 5 * cols);
      w.copyWithin(0, 5 * cols, 10 * cols);
      w.set(r, 5 * cols);
    };
    block(swapped.wIh, 3);
    block(swapped.wHh, 5);
    const wrong = await (await moduleEngine('wrong', fastKernels, '').prepare(swapped)).forward();
    expect(check(wrong, reference, TOLERANCE.float32, 'forward').ok).toBe(false);
  });
});

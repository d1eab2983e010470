import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModel, lossAndGradients } from './model.js';
import { createRandom } from './random.js';
import type { RecurrentKind } from './recurrent.js';

// Centred finite differences of the whole model's loss (readout + BPTT through the kernels' layer).
function checkGradients(kind: RecurrentKind, task: 'regression' | 'classification', seed: number) {
  const random = createRandom(seed);
  const inputSize = 3, hidden = 4, outputSize = task === 'regression' ? 1 : 3, length = 4, batch = 2;
  const model = createModel(kind, inputSize, hidden, outputSize, random);
  const x = Float64Array.from({ length: length * batch * inputSize }, () => random.uniform(-1, 1));
  const target = Float64Array.from({ length: batch }, () => (task === 'regression' ? random.uniform(0, 2) : random.int(outputSize)));
  const { grads, inputGradNorms } = lossAndGradients(model, x, length, batch, target, task);
  expect(inputGradNorms).toHaveLength(length);
  const eps = 1e-6;
  model.params.forEach((p, k) => {
    for (let j = 0; j < p.length; j += Math.max(1, Math.floor(p.length / 7))) {
      const saved = p[j]!;
      p[j] = saved + eps;
      const up = lossAndGradients(model, x, length, batch, target, task).loss;
      p[j] = saved - eps;
      const down = lossAndGradients(model, x, length, batch, target, task).loss;
      p[j] = saved;
      const numeric = (up - down) / (2 * eps);
      expect(Math.abs(grads[k]![j]! - numeric)).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
    }
  });
}

describe('lossAndGradients', () => {
  for (const kind of ['rnn', 'lstm', 'gru'] as const)
    for (const task of ['regression', 'classification'] as const)
      it(`should agree with finite differences for the ${kind} on ${task}`, () =>
        fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => checkGradients(kind, task, seed)), { numRuns: 5 }));
});

// The adding problem (Hochreiter & Schmidhuber 1997): each step carries a value in [0, 1) and a marker; exactly
// two steps are marked and the target is the sum of their values. The first marked step is the first step,
// `dependency` steps before the answer, so the answer always needs an input that far back; the second is anywhere
// after it.
// Predicting the mean (1.0) gives MSE 1/6 ≈ 0.167, the baseline every model starts from.
import type { Random } from '../random.js';
import type { Batch, Task } from './task.js';

export const addingProblem: Task = {
  name: 'adding',
  title: 'Adding problem',
  inputSize: 2,
  outputSize: 1,
  kind: 'regression',
  scoreName: '1 - MSE / baseline',
  solvedAt: 0.9,
  sample(dependency: number, batch: number, random: Random): Batch {
    const length = dependency + 1;
    const x = new Float64Array(length * batch * 2);
    const target = new Float64Array(batch);
    for (let n = 0; n < batch; n++) {
      for (let t = 0; t < length; t++) x[(t * batch + n) * 2] = random.next();
      // First marker exactly `dependency` steps before the last step; second anywhere after it.
      const first = 0;
      const second = 1 + random.int(length - 1);
      x[(first * batch + n) * 2 + 1] = 1;
      x[(second * batch + n) * 2 + 1] = 1;
      target[n] = x[(first * batch + n) * 2]! + x[(second * batch + n) * 2]!;
    }
    return { x, length, batch, target };
  },
};

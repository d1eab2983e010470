// Training one model on one task at one dependency length: Adam with gradient clipping, fresh batches each step,
// evaluation on a held-out batch. Every number comes from the seeded generator, so a run is reproducible.
import { createModel, lossAndGradients } from './model.js';
import { Adam, clipGradNorm } from './optim.js';
import { createRandom } from './random.js';
import type { RecurrentKind } from './recurrent.js';
import type { Task } from './tasks/task.js';

export interface TrainOptions {
  task: Task;
  kind: RecurrentKind;
  dependency: number;
  hidden: number;
  steps: number;
  batch: number;
  seed: number;
  lr: number;
  clip: number;
  /** Evaluate every this many steps (and at the end). */
  evalEvery: number;
  evalBatch: number;
}

export interface CurvePoint { step: number; loss: number; score: number }

export interface TrainResult {
  task: string;
  kind: RecurrentKind;
  dependency: number;
  seed: number;
  parameterCount: number;
  curve: CurvePoint[];
  finalScore: number;
  solved: boolean;
  /** Step at which the score first reached the task's `solvedAt`, or null. */
  solvedAtStep: number | null;
  /** Gradient norm against time lag (lag 0 = the last input) at initialisation and after training. */
  gradByLagInit: number[];
  gradByLagTrained: number[];
  msPerStep: number;
}

function evaluate(task: Task, result: ReturnType<typeof lossAndGradients>, target: Float64Array, batch: number, baseline: number): number {
  if (task.kind === 'regression') return 1 - result.loss / baseline;
  let correct = 0;
  const k = task.outputSize;
  for (let n = 0; n < batch; n++) {
    let best = 0;
    for (let o = 1; o < k; o++) if (result.logits[n * k + o]! > result.logits[n * k + best]!) best = o;
    if (best === target[n]) correct++;
  }
  return correct / batch;
}

export function train(options: TrainOptions): TrainResult {
  const { task, kind, dependency, hidden, steps, batch, seed } = options;
  const random = createRandom(seed * 7919 + dependency);
  const evalRandom = createRandom(seed * 104729 + dependency + 1);
  const model = createModel(kind, task.inputSize, hidden, task.outputSize, random);
  const adam = new Adam(model.params, { lr: options.lr });
  const evalData = task.sample(dependency, options.evalBatch, evalRandom);
  // Baseline MSE of always predicting the mean target (regression's "score 0").
  const mean = evalData.target.reduce((s, v) => s + v, 0) / options.evalBatch;
  const baseline = evalData.target.reduce((s, v) => s + (v - mean) ** 2, 0) / options.evalBatch;

  const lagProfile = () => {
    const r = lossAndGradients(model, evalData.x, evalData.length, evalData.batch, evalData.target, task.kind);
    return r.inputGradNorms.slice().reverse();
  };
  const gradByLagInit = lagProfile();
  const curve: CurvePoint[] = [];
  let solvedAtStep: number | null = null;
  let trainMs = 0;
  for (let step = 1; step <= steps; step++) {
    const data = task.sample(dependency, batch, random);
    const t0 = performance.now();
    const { grads } = lossAndGradients(model, data.x, data.length, data.batch, data.target, task.kind);
    clipGradNorm(grads, options.clip);
    adam.step(grads);
    trainMs += performance.now() - t0;
    if (step % options.evalEvery === 0 || step === steps) {
      const r = lossAndGradients(model, evalData.x, evalData.length, evalData.batch, evalData.target, task.kind);
      const score = evaluate(task, r, evalData.target, evalData.batch, baseline);
      curve.push({ step, loss: r.loss, score });
      if (solvedAtStep === null && score >= task.solvedAt) solvedAtStep = step;
    }
  }
  const finalScore = curve.at(-1)?.score ?? 0;
  return {
    task: task.name, kind, dependency, seed, parameterCount: model.parameterCount, curve, finalScore,
    solved: finalScore >= task.solvedAt, solvedAtStep, gradByLagInit, gradByLagTrained: lagProfile(),
    msPerStep: trainMs / steps,
  };
}

// The lab's experiment grid: every model on every task, over dependency lengths and seeds.
import { train, type TrainResult } from './train.js';
import type { RecurrentKind } from './recurrent.js';
import { addingProblem } from './tasks/adding.js';
import { languageTask } from './tasks/language.js';
import type { Task } from './tasks/task.js';

export const TASKS: Task[] = [addingProblem, languageTask];
export const MODELS: RecurrentKind[] = ['rnn', 'lstm', 'gru'];

export interface LabConfig {
  tasks: string[];
  models: RecurrentKind[];
  /** Dependency lengths per task name. */
  dependencies: Record<string, number[]>;
  seeds: number[];
  hidden: number;
  steps: number;
  batch: number;
  lr: number;
  clip: number;
  evalEvery: number;
  evalBatch: number;
}

/** `--quick`: small enough to run in a few minutes on 2 cores, large enough to show the gap. */
export const QUICK: LabConfig = {
  tasks: ['adding', 'language'],
  models: MODELS,
  dependencies: { adding: [5, 10, 20, 40], language: [5, 10, 20, 40] },
  seeds: [1, 2],
  hidden: 16,
  steps: 800,
  batch: 16,
  lr: 1e-2,
  clip: 1,
  evalEvery: 20,
  evalBatch: 128,
};

/**
 * The full run whose results the lab's README shows: lengths up to 80, three seeds, a wider network and longer
 * training than `QUICK`. Sized to finish in well under an hour on 2 cores (90 training runs).
 */
export const FULL: LabConfig = {
  ...QUICK,
  dependencies: { adding: [5, 10, 20, 40, 80], language: [5, 10, 20, 40, 80] },
  seeds: [1, 2, 3],
  hidden: 24,
  steps: 1500,
  batch: 16,
};

export function findTask(name: string): Task {
  const task = TASKS.find((t) => t.name === name);
  if (!task) throw new Error(`unknown task "${name}" (known: ${TASKS.map((t) => t.name).join(', ')})`);
  return task;
}

export interface RunSpec { task: string; kind: RecurrentKind; dependency: number; seed: number }

export function runSpecs(config: LabConfig): RunSpec[] {
  const specs: RunSpec[] = [];
  for (const task of config.tasks)
    for (const dependency of config.dependencies[task] ?? [])
      for (const seed of config.seeds)
        for (const kind of config.models) specs.push({ task, kind, dependency, seed });
  return specs;
}

export function runOne(config: LabConfig, spec: RunSpec): TrainResult {
  return train({
    task: findTask(spec.task), kind: spec.kind, dependency: spec.dependency, seed: spec.seed,
    hidden: config.hidden, steps: config.steps, batch: config.batch, lr: config.lr, clip: config.clip,
    evalEvery: config.evalEvery, evalBatch: config.evalBatch,
  });
}

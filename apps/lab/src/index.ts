// @gatecheck/lab: trains a tanh RNN, an LSTM and a GRU on long-dependency tasks and writes figures and tables.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { FULL, QUICK, runSpecs, type LabConfig } from './experiment.js';
import { runPool } from './pool.js';
import { renderLab } from './report.js';
import type { TrainResult } from './train.js';

export { FULL, QUICK, MODELS, TASKS, runSpecs, runOne, type LabConfig, type RunSpec } from './experiment.js';
export { train, type TrainOptions, type TrainResult, type CurvePoint } from './train.js';
export { renderLab, findings, type Finding } from './report.js';
export { lineChart, type ChartOptions, type Series } from './svg-chart.js';
export { Adam, clipGradNorm, globalNorm, type AdamOptions } from './optim.js';
export { createModel, lossAndGradients, type SequenceModel, type StepResult } from './model.js';
export { createRecurrentLayer, type RecurrentKind, type RecurrentLayer } from './recurrent.js';
export { createRandom, type Random } from './random.js';
export { addingProblem } from './tasks/adding.js';
export { languageTask } from './tasks/language.js';
export type { Batch, Task } from './tasks/task.js';

export interface LabOptions {
  /** `QUICK` (default) or `FULL`, or a custom grid. */
  config?: LabConfig;
  quick?: boolean;
  /** Output folder; replaced as a whole only when the run finishes. */
  out: string;
  /** Worker threads (default: the number of cores). */
  workers?: number;
  onProgress?: (result: TrainResult, done: number, total: number) => void;
}

export interface LabSummary { out: string; files: string[]; seconds: number; runs: number }

export async function runLab(options: LabOptions): Promise<LabSummary> {
  const quick = options.quick ?? true;
  const config = options.config ?? (quick ? QUICK : FULL);
  const specs = runSpecs(config);
  const started = performance.now();
  const results = await runPool(config, specs, options.workers ?? cpus().length, options.onProgress ?? (() => {}));
  const seconds = (performance.now() - started) / 1000;
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}`;
  const files = renderLab(config, results, { quick, seconds, machine });
  // Write everything to a sibling folder, then swap it in: an interrupted run never leaves half a report.
  const out = resolve(options.out);
  const staging = `${out}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(staging, name), text);
  await mkdir(dirname(out), { recursive: true });
  await rm(out, { recursive: true, force: true });
  await rename(staging, out);
  return { out, files: Object.keys(files), seconds, runs: specs.length };
}

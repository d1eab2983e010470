// Runs the experiment grid on a pool of worker threads (one run per message), so both cores train at once.
// Results are deterministic per run spec, whatever the order in which workers finish.
import { Worker } from 'node:worker_threads';
import type { LabConfig, RunSpec } from './experiment.js';
import type { TrainResult } from './train.js';

export async function runPool(
  config: LabConfig,
  specs: RunSpec[],
  workers: number,
  onResult: (result: TrainResult, done: number, total: number) => void,
): Promise<TrainResult[]> {
  const results: TrainResult[] = new Array(specs.length);
  let next = 0;
  let done = 0;
  const workerUrl = new URL('./pool-worker.ts', import.meta.url);
  // Workers run TypeScript sources too: give them the repo's loader unless this process already has it.
  const loader = new URL('../../../scripts/register-ts.mjs', import.meta.url).href;
  const execArgv = process.execArgv.some((a) => a.includes('register-ts')) ? process.execArgv : [...process.execArgv, '--import', loader];
  const startOne = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerUrl, { workerData: { config }, execArgv });
      const feed = () => {
        if (next >= specs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const index = next++;
        worker.postMessage({ index, spec: specs[index] });
      };
      worker.on('message', (message: { index: number; result: TrainResult }) => {
        results[message.index] = message.result;
        done++;
        onResult(message.result, done, specs.length);
        feed();
      });
      worker.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, specs.length)) }, startOne));
  return results;
}

// One lab worker thread: trains the run specs it is sent and posts each result back.
import { parentPort, workerData } from 'node:worker_threads';
import { runOne, type LabConfig, type RunSpec } from './experiment.js';

const { config } = workerData as { config: LabConfig };
parentPort!.on('message', (message: { index: number; spec: RunSpec }) => {
  parentPort!.postMessage({ index: message.index, result: runOne(config, message.spec) });
});

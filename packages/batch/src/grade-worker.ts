// A grading worker: a child process that loads the grader once, then grades one submission per request it gets
// over IPC. Running each worker as its own process means a submission that brings the process down (out of
// memory, a native fault) costs only that submission; the pool records it and starts a fresh worker.
import type { GradeFunction, GradeOptions } from './types.js';

export type WorkerRequest = { type: 'grade'; taskId: number; dir: string; options: GradeOptions };
export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'result'; taskId: number; report: unknown; durationMs: number }
  | { type: 'error'; taskId: number; message: string; durationMs: number };

const send = (message: WorkerResponse): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const moduleUrl = process.argv[2];
  if (!moduleUrl) throw new Error('grade-worker: no grader module given');
  const loaded = (await import(moduleUrl)) as { grade?: unknown; close?: unknown };
  if (typeof loaded.grade !== 'function') throw new Error(`grade-worker: ${moduleUrl} exports no grade function`);
  const grade = loaded.grade as GradeFunction;
  const close = typeof loaded.close === 'function' ? (loaded.close as () => Promise<void>) : undefined;

  process.on('message', (raw: WorkerRequest) => {
    if (raw?.type !== 'grade') return;
    const started = performance.now();
    grade(raw.dir, raw.options).then(
      (report) => send({ type: 'result', taskId: raw.taskId, report, durationMs: performance.now() - started }),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        send({ type: 'error', taskId: raw.taskId, message: message.split('\n')[0] ?? '', durationMs: performance.now() - started });
      },
    );
  });
  // The parent closing the channel means the batch is over (or was interrupted): leave quietly.
  // The grader's own clean-up first (the sandbox process kept between submissions), bounded so it cannot hang.
  process.on('disconnect', () => {
    const done = (): never => process.exit(0);
    setTimeout(done, 5_000).unref();
    Promise.resolve(close?.()).then(done, done);
  });
  send({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(70);
});

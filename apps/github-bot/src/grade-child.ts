// The grading process (see grader.ts): loads the graders as soon as it starts, says it is ready, then grades the
// one submission folder it is sent and exits. Its environment holds nothing but TMPDIR.
import type { GradingReport } from '@gatecheck/grading';
import type { ChildMessage } from './grader.js';

type GradeFn = (dir: string, options?: Request['options']) => Promise<GradingReport>;

interface Request {
  dir: string;
  options: { submissionLabel?: string; numRuns?: number };
}

const send = (message: ChildMessage, exitCode?: number) =>
  process.send!(message, () => {
    if (exitCode !== undefined) process.exit(exitCode);
  });

const specifier = process.argv[2] ?? '@gatecheck/course';
const loaded: Promise<GradeFn> = import(specifier).then((mod: { gradeSubmission?: GradeFn }) => {
  if (typeof mod.gradeSubmission !== 'function') throw new Error(`${specifier} exports no gradeSubmission`);
  return mod.gradeSubmission;
});
loaded.then(() => send({ kind: 'ready' }), () => {});

process.once('message', (request: Request) => {
  void (async () => {
    try {
      const gradeSubmission = await loaded;
      const report = await gradeSubmission(request.dir, request.options);
      send({ kind: 'report', report }, 0);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send({ kind: 'failed', error: message.split('\n')[0] ?? 'unknown error' }, 1);
    }
  })();
});

// The parent went away (bot stopped): nothing to grade for.
process.on('disconnect', () => process.exit(0));

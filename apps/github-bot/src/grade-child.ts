// The grading process (see grader.ts): receives one submission folder, grades it with the course's graders
// and sends the report back. It is started with an empty environment and exits when done.
import type { GradingReport } from '@gatecheck/grading';

interface Request {
  module: string;
  dir: string;
  options: { submissionLabel?: string; numRuns?: number };
}

type GradeFn = (dir: string, options?: Request['options']) => Promise<GradingReport>;

process.once('message', (request: Request) => {
  void (async () => {
    try {
      const mod = (await import(request.module)) as { gradeSubmission?: GradeFn };
      if (typeof mod.gradeSubmission !== 'function') throw new Error(`${request.module} exports no gradeSubmission`);
      const report = await mod.gradeSubmission(request.dir, request.options);
      process.send!({ ok: true, report }, () => process.exit(0));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.send!({ ok: false, error: message.split('\n')[0] }, () => process.exit(1));
    }
  })();
});

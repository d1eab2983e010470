// Sends the outbox: completed check runs (or commit statuses in token mode) and the PR comment. Each post is
// tried until GitHub takes it, with backoff; posts of one pull request go out one at a time and in order, and a
// post that is no longer the PR's newest result is completed as superseded (check run) or dropped (comment).
import type { Logger } from './logger.js';
import type { GitHubClient, GitHub } from './github-client.js';
import type { Job, OutboxItem, Store } from './store.js';
import { CHECK_NAME } from './delivery-intake.js';
import { adviseRetry, backoffDelay } from './github-errors.js';
import { renderFailureComment, renderGradeComment } from './render-comment.js';
import { ANNOTATIONS_PER_REQUEST, failedCheckRun, gradeCheckRun, notGradedCheckRun, supersededCheckRun, type CheckRunResult } from './render-check-run.js';
import { upsertComment } from './sticky-comment.js';
import { clip } from './markdown.js';

export interface PosterOptions {
  store: Store;
  github: GitHubClient;
  logger: Logger;
  /** First retry delay of a failed post (default 5 s); doubles per attempt. */
  retryBaseMs?: number;
  /** Longest retry delay (default 10 minutes). */
  retryMaxMs?: number;
  /** Posts in flight at once, over different pull requests (default 4). */
  concurrency?: number;
}

type Outcome = 'sent' | 'skipped';

export class Poster {
  private readonly busy = new Set<string>();
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: PosterOptions) {}

  /** Looks for due posts now (after a grade is stored, at start, when a retry time comes). */
  kick() {
    if (this.stopped) {
      if (this.active === 0) this.idleWaiters.splice(0).forEach((w) => w());
      return;
    }
    const { store } = this.options;
    const concurrency = this.options.concurrency ?? 4;
    while (this.active < concurrency) {
      const item = store.claimNextPost(this.busy);
      if (item === null) break;
      this.busy.add(item.prKey);
      this.active++;
      void this.send(item).catch((error: unknown) => {
        if (!this.stopped) this.options.logger.error('post crashed', { post: item.id, error: error instanceof Error ? error.message : String(error) });
      }).finally(() => {
        this.busy.delete(item.prKey);
        this.active--;
        this.kick();
      });
    }
    this.schedule();
    if (this.active === 0) this.idleWaiters.splice(0).forEach((w) => w());
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Resolves once no post is in flight (pending ones may be waiting for their retry time). */
  whenIdle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.options.store.nextPostDue();
    if (due === null || this.stopped) return;
    this.timer = setTimeout(() => this.kick(), Math.max(10, Math.min(due - Date.now(), 60_000)));
    this.timer.unref();
  }

  private async send(item: OutboxItem) {
    const { store, logger } = this.options;
    const job = store.getJob(item.jobId);
    if (job === null) return store.finishPost(item.id, 'failed', 'job missing');
    try {
      const outcome = await this.deliver(item, job);
      store.finishPost(item.id, outcome);
      logger.info(`post ${outcome}`, { post: item.id, kind: item.kind, job: job.id, repository: job.repository, pr: job.prNumber, sha: job.headSha.slice(0, 7) });
    } catch (error) {
      const advice = adviseRetry(error);
      if (!advice.retry) {
        store.finishPost(item.id, 'failed', advice.summary);
        logger.error('post failed for good', { post: item.id, kind: item.kind, job: job.id, error: advice.summary });
        return;
      }
      const delay = backoffDelay(item.attempts, this.options.retryBaseMs ?? 5000, this.options.retryMaxMs ?? 600_000);
      const notBefore = Math.max(Date.now() + delay, advice.notBefore ?? 0);
      store.retryPost(item.id, notBefore, advice.summary);
      logger.warn('post failed, will retry', { post: item.id, kind: item.kind, job: job.id, attempt: item.attempts + 1, retryInMs: notBefore - Date.now(), error: advice.summary });
    }
  }

  private async deliver(item: OutboxItem, job: Job): Promise<Outcome> {
    const gh = this.options.github.forInstallation(job.installationId);
    const [owner, repo] = job.repository.split('/') as [string, string];
    if (item.kind === 'comment') return this.postComment(gh, job, owner, repo);
    const result = this.checkRunResult(job);
    if (item.kind === 'status') {
      await gh.rest.repos.createCommitStatus({
        owner, repo, sha: job.headSha, context: CHECK_NAME,
        state: result.conclusion === 'success' ? 'success' : result.conclusion === 'failure' ? 'failure' : 'error',
        description: clip(result.output.title, 140),
      });
      return 'sent';
    }
    await this.postCheckRun(gh, item, job, owner, repo, result);
    return 'sent';
  }

  private checkRunResult(job: Job): CheckRunResult {
    const { store } = this.options;
    const grade = store.gradeForJob(job.id);
    const newer = () => {
      if (job.prNumber === null) return null;
      return store.getPullRequest(job.repository, job.prNumber)?.headSha ?? null;
    };
    if (job.state === 'superseded') return supersededCheckRun(grade, newer());
    if (job.state === 'failed') return failedCheckRun(job.error ?? 'unknown error');
    if (job.state === 'ignored') return notGradedCheckRun(job.error ?? 'not graded');
    if (grade === null) return failedCheckRun('no grade stored');
    if (store.hasNewerJob(job)) return supersededCheckRun(grade, newer());
    return gradeCheckRun(grade);
  }

  private async postCheckRun(gh: GitHub, item: OutboxItem, job: Job, owner: string, repo: string, result: CheckRunResult) {
    const { store } = this.options;
    const batches: (typeof result.annotations)[] = [];
    for (let k = 0; k < result.annotations.length; k += ANNOTATIONS_PER_REQUEST) batches.push(result.annotations.slice(k, k + ANNOTATIONS_PER_REQUEST));
    if (batches.length === 0) batches.push([]);
    const output = (annotations: typeof result.annotations) => ({ ...result.output, ...(annotations.length > 0 ? { annotations } : {}) });
    let checkRunId = job.checkRunId;
    const completion = () => ({ status: 'completed' as const, conclusion: result.conclusion, completed_at: new Date().toISOString() });

    if (checkRunId === null) {
      // Never created (GitHub was down when grading started): create it now, complete at once when one request is enough.
      const single = batches.length === 1;
      const created = await gh.rest.checks.create({
        owner, repo, name: CHECK_NAME, head_sha: job.headSha, external_id: String(job.id),
        ...(single ? completion() : { status: 'in_progress' as const }),
        output: output(batches[0]!),
      });
      checkRunId = created.data.id;
      store.setCheckRunId(job.id, checkRunId);
      store.setPostProgress(item.id, 1);
      if (single) return;
      item = { ...item, progress: 1 };
    }
    // Earlier batches go out while the run is still in progress; the last one completes it.
    for (let k = item.progress; k < batches.length; k++) {
      const last = k === batches.length - 1;
      try {
        await gh.rest.checks.update({
          owner, repo, check_run_id: checkRunId, ...(last ? completion() : {}), output: output(batches[k]!),
        });
      } catch (error) {
        if ((error as { status?: number }).status === 404) {
          // The run is gone (deleted with its suite): start a new one next attempt.
          store.setCheckRunId(job.id, null);
          store.setPostProgress(item.id, 0);
        }
        throw error;
      }
      store.setPostProgress(item.id, k + 1);
    }
  }

  private async postComment(gh: GitHub, job: Job, owner: string, repo: string): Promise<Outcome> {
    const { store } = this.options;
    if (job.prNumber === null || store.hasNewerJob(job) || job.state === 'superseded') return 'skipped';
    let body: string;
    if (job.state === 'graded') {
      const grade = store.gradeForJob(job.id);
      if (grade === null) return 'skipped';
      body = renderGradeComment(grade);
    } else if (job.state === 'failed') {
      body = renderFailureComment(job.headSha, job.error ?? 'unknown error');
    } else {
      return 'skipped';
    }
    const login = await this.options.github.botLogin();
    await upsertComment(gh, store, { repository: job.repository, owner, repo, prNumber: job.prNumber }, body, login);
    return 'sent';
  }
}

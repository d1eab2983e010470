// Works through the persistent job queue: finds the pull request (for re-run requests), marks the check run
// in progress, fetches the commit's exercises/ tree, grades it in a child process and stores the grade with its
// posts in one transaction. A job superseded by a newer push is stopped where it is, its child killed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GradingReport } from '@gatecheck/grading';
import type { Logger } from './logger.js';
import type { GitHub, GitHubClient } from './github-client.js';
import type { GradeRecord, Job, OutboxKind, Store } from './store.js';
import { GradingAbortedError, GradingFailedError, type SubmissionGrader } from './grader.js';
import { DEFAULT_LIMITS, fetchSubmission, protectedPathsTouched, type SubmissionLimits } from './submission-fetch.js';
import { adviseRetry, backoffDelay } from './github-errors.js';
import { CHECK_NAME } from './delivery-intake.js';
import type { Provenance } from './provenance.js';

export interface GradingQueueOptions {
  store: Store;
  github: GitHubClient;
  grader: SubmissionGrader;
  logger: Logger;
  /** Gradings at once (each is one child process). */
  workers: number;
  /** Generated cases per check; null keeps the course configuration's value. */
  numRuns: number | null;
  limits?: SubmissionLimits;
  provenance: Provenance;
  /** Called when posts were queued. */
  onPosts: () => void;
  /** First retry delay when GitHub fails while fetching (default 5 s); doubles per attempt. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Attempts of a grading whose process crashed or timed out before the job counts as failed (default 2). */
  maxGradingAttempts?: number;
}

class Superseded extends Error {}

export class GradingQueue {
  private readonly running = new Map<number, AbortController>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: GradingQueueOptions) {}

  kick() {
    if (this.stopped) {
      if (this.running.size === 0) this.idleWaiters.splice(0).forEach((w) => w());
      return;
    }
    while (this.running.size < this.options.workers) {
      const job = this.options.store.claimNextJob();
      if (job === null) break;
      const controller = new AbortController();
      this.running.set(job.id, controller);
      void this.run(job, controller.signal).catch((error: unknown) => {
        if (!this.stopped) this.options.logger.error('job crashed', { job: job.id, error: error instanceof Error ? error.message : String(error) });
      }).finally(() => {
        this.running.delete(job.id);
        this.kick();
      });
    }
    this.schedule();
    if (this.running.size === 0) this.idleWaiters.splice(0).forEach((w) => w());
  }

  /** Stops the gradings of jobs a newer push replaced. */
  abort(jobIds: number[]) {
    for (const id of jobIds) this.running.get(id)?.abort();
  }

  /** Stops taking jobs and kills running gradings; they are queued again at the next start. */
  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const controller of this.running.values()) controller.abort();
  }

  whenIdle(): Promise<void> {
    return this.running.size === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get active(): number {
    return this.running.size;
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.options.store.nextJobDue();
    if (due === null || this.stopped || this.running.size >= this.options.workers) return;
    this.timer = setTimeout(() => this.kick(), Math.max(10, Math.min(due - Date.now(), 60_000)));
    this.timer.unref();
  }

  private statusPost(): OutboxKind {
    return this.options.github.mode === 'app' ? 'check-run' : 'status';
  }

  private async run(claimed: Job, signal: AbortSignal) {
    const { store, logger } = this.options;
    let job = claimed;
    const [owner, repo] = job.repository.split('/') as [string, string];
    const check = () => {
      if (signal.aborted || store.getJob(job.id)?.state !== 'grading') throw new Superseded();
    };
    let workDir: string | null = null;
    let startedSignal = false;
    const started = Date.now();
    try {
      const gh = this.options.github.forInstallation(job.installationId);
      if (job.prNumber === null || job.author === null) {
        const found = await this.resolvePullRequest(gh, owner, repo, job);
        check();
        if (typeof found === 'string') {
          store.finishWithoutGrade(job.id, 'ignored', found, this.statusPost() === 'check-run' ? ['check-run'] : []);
          logger.info('job not graded', { job: job.id, repository: job.repository, sha: job.headSha.slice(0, 7), reason: found });
          this.options.onPosts();
          return;
        }
        this.abort(store.assignPullRequest(job.id, found.number, found.author, found.headSha));
        job = store.getJob(job.id)!;
        check();
      }

      startedSignal = await this.markInProgress(gh, job, owner, repo);
      check();

      workDir = await mkdtemp(join(tmpdir(), 'gatecheck-'));
      const submission = join(workDir, 'exercises');
      const [protectedPaths, fetched] = await Promise.all([
        protectedPathsTouched(gh, owner, repo, job.prNumber!),
        fetchSubmission(gh, { owner, repo, sha: job.headSha }, submission, this.options.limits ?? DEFAULT_LIMITS),
      ]);
      check();
      // Over the limits: nothing of the submission is graded; the empty folder still gives the maximum score.
      const overLimit = fetched.kind === 'over-limit' ? fetched.reason : null;
      const dir = overLimit === null ? submission : await mkdtemp(join(workDir, 'empty-'));
      const report = await this.options.grader.grade({ dir, submissionLabel: 'exercises', numRuns: this.options.numRuns }, signal);
      const grade = this.gradeRecord(job, report, protectedPaths, overLimit);
      const posts: OutboxKind[] = [this.statusPost(), 'comment'];
      if (!store.storeGrade(grade, posts)) throw new Superseded();
      logger.info('graded', {
        job: job.id, repository: job.repository, pr: job.prNumber, sha: job.headSha.slice(0, 7),
        score: `${grade.score}/${grade.maxScore}`, ...(overLimit ? { notGraded: overLimit } : {}), ms: Date.now() - started,
      });
      this.options.onPosts();
    } catch (error) {
      this.handleFailure(job, error, signal, startedSignal);
    } finally {
      if (workDir !== null) await rm(workDir, { recursive: true, force: true }).catch(() => {});
    }
  }

  private handleFailure(job: Job, error: unknown, signal: AbortSignal, startedSignal: boolean) {
    const { store, logger } = this.options;
    const current = store.getJob(job.id);
    if (error instanceof Superseded || error instanceof GradingAbortedError || signal.aborted || current?.state !== 'grading') {
      if (this.stopped && current?.state === 'grading') {
        store.requeueJob(job.id, 0, 'bot stopped');
        return;
      }
      // Only what was already shown on GitHub needs closing: the in-progress check run or pending status.
      const refreshed = store.getJob(job.id);
      if (startedSignal || refreshed?.checkRunId != null) {
        store.queueSupersededPosts(job.id, [this.statusPost()]);
        this.options.onPosts();
      }
      logger.info('grading superseded', { job: job.id, repository: job.repository, pr: job.prNumber, sha: job.headSha.slice(0, 7) });
      return;
    }
    // A crashed grading gets one more try; GitHub being unreachable is waited out however long it lasts.
    const gradingCrash = error instanceof GradingFailedError;
    const advice = gradingCrash ? { retry: true, notBefore: null, summary: error.message } : adviseRetry(error);
    if (advice.retry && (!gradingCrash || job.attempts < (this.options.maxGradingAttempts ?? 2))) {
      const delay = backoffDelay(job.attempts - 1, this.options.retryBaseMs ?? 5000, this.options.retryMaxMs ?? 600_000);
      store.requeueJob(job.id, Math.max(Date.now() + delay, advice.notBefore ?? 0), advice.summary);
      logger.warn('grading interrupted, will retry', { job: job.id, attempt: job.attempts, error: advice.summary });
      return;
    }
    store.finishWithoutGrade(job.id, 'failed', advice.summary, job.prNumber === null ? [this.statusPost()] : [this.statusPost(), 'comment']);
    logger.error('grading failed', { job: job.id, repository: job.repository, pr: job.prNumber, sha: job.headSha.slice(0, 7), error: advice.summary });
    this.options.onPosts();
  }

  /** Shows the grading as started: an in-progress check run (app mode) or a pending status (token mode). */
  private async markInProgress(gh: GitHub, job: Job, owner: string, repo: string): Promise<boolean> {
    try {
      if (this.options.github.mode === 'token') {
        await gh.rest.repos.createCommitStatus({ owner, repo, sha: job.headSha, state: 'pending', context: CHECK_NAME, description: 'Grading…' });
        return true;
      }
      if (job.checkRunId !== null) return true;
      const created = await gh.rest.checks.create({
        owner, repo, name: CHECK_NAME, head_sha: job.headSha, status: 'in_progress', external_id: String(job.id),
        started_at: new Date().toISOString(),
        output: { title: 'Grading…', summary: 'gatecheck is grading the `exercises/` folder of this commit.' },
      });
      this.options.store.setCheckRunId(job.id, created.data.id);
      return true;
    } catch (error) {
      // Not worth holding the grade back: the completion post creates the check run if this one is missing.
      this.options.logger.warn('could not mark grading in progress', { job: job.id, error: adviseRetry(error).summary });
      return false;
    }
  }

  /** The open pull request whose head is the job's commit, or why there is none. */
  private async resolvePullRequest(gh: GitHub, owner: string, repo: string, job: Job): Promise<{ number: number; author: string; headSha: string } | string> {
    type Pr = { number: number; state: string; user: { login: string } | null; head: { sha: string } };
    let candidates: Pr[];
    if (job.prHint !== null) {
      const { data } = await gh.rest.pulls.get({ owner, repo, pull_number: job.prHint });
      candidates = [data as Pr];
    } else {
      const { data } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: job.headSha, per_page: 100 });
      candidates = data as Pr[];
    }
    const open = candidates.filter((p) => p.state === 'open');
    const pr = open.find((p) => p.head.sha === job.headSha) ?? open[0];
    if (!pr) return `commit ${job.headSha.slice(0, 7)} is not part of an open pull request`;
    if (pr.head.sha !== job.headSha) {
      return `commit ${job.headSha.slice(0, 7)} is no longer the head of pull request #${pr.number} (now ${pr.head.sha.slice(0, 7)}); gatecheck grades the head commit`;
    }
    return { number: pr.number, author: pr.user?.login ?? 'unknown', headSha: pr.head.sha };
  }

  private gradeRecord(job: Job, report: GradingReport, protectedPaths: string[], overLimit: string | null): GradeRecord {
    const { provenance } = this.options;
    return {
      jobId: job.id,
      repository: job.repository,
      prNumber: job.prNumber!,
      author: job.author!,
      headSha: job.headSha,
      status: overLimit === null ? 'graded' : 'not-graded',
      reason: overLimit,
      score: overLimit === null ? report.score : 0,
      maxScore: report.maxScore,
      exercises: report.exercises.map((e) => ({ id: e.id, status: overLimit === null ? e.status : 'not-graded', score: overLimit === null ? e.score : 0, maxScore: e.maxScore })),
      seed: report.seed ?? null,
      numRuns: this.options.numRuns,
      graderVersion: report.graderVersion ?? provenance.graderVersion,
      graderCommit: report.graderCommit ?? provenance.graderCommit,
      gradedAt: new Date().toISOString(),
      protectedPaths,
      report: overLimit === null ? report : null,
    };
  }
}

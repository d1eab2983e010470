// The bot's persistent state in one SQLite file: deliveries seen, the grading queue, the gradebook and the
// outbox of posts to GitHub. Every state change is a transaction, so a crash or restart loses nothing: queued
// jobs are graded, and grades that could not be posted are posted, when the bot starts again.
import Database from 'better-sqlite3';
import type { GradingReport } from '@gatecheck/grading';

export type JobState = 'queued' | 'grading' | 'graded' | 'superseded' | 'failed' | 'ignored';

export interface Job {
  id: number;
  deliveryId: string;
  /** `owner/name` as GitHub spells it. */
  repository: string;
  installationId: number | null;
  /** Null until a `check_run` delivery's commit is matched to its pull request. */
  prNumber: number | null;
  /** The pull request a `check_run` delivery listed, to be confirmed by the queue. */
  prHint: number | null;
  author: string | null;
  headSha: string;
  /** `<event>.<action>` that asked for this grading. */
  trigger: string;
  state: JobState;
  attempts: number;
  notBefore: number;
  checkRunId: number | null;
  error: string | null;
  createdAt: string;
}

/** What a delivery asks the queue to grade. */
export interface NewJob {
  repository: string;
  installationId: number | null;
  prNumber: number | null;
  prHint: number | null;
  author: string | null;
  headSha: string;
  trigger: string;
  /** The pull request's `updated_at`, so a late redelivery of an older push cannot take over the PR. */
  prUpdatedAt: string | null;
}

export interface ExerciseScore { id: string; status: string; score: number; maxScore: number }

export interface GradeRecord {
  jobId: number;
  repository: string;
  prNumber: number;
  author: string;
  headSha: string;
  /** `graded`, or `not-graded` when a submission limit was hit (then `reason` says which). */
  status: 'graded' | 'not-graded';
  reason: string | null;
  score: number;
  maxScore: number;
  exercises: ExerciseScore[];
  seed: number | null;
  numRuns: number | null;
  graderVersion: string | null;
  graderCommit: string | null;
  gradedAt: string;
  /** Files the PR changes outside `exercises/`. */
  protectedPaths: string[];
  report: GradingReport | null;
}

export type OutboxKind = 'check-run' | 'status' | 'comment';
export type OutboxState = 'pending' | 'sent' | 'skipped' | 'failed';

export interface OutboxItem {
  id: number;
  jobId: number;
  kind: OutboxKind;
  prKey: string;
  state: OutboxState;
  attempts: number;
  notBefore: number;
  /** Annotation batches already sent (check runs with more than 50 annotations take several requests). */
  progress: number;
  lastError: string | null;
}

export interface PullRequestRow {
  repository: string;
  prNumber: number;
  headSha: string | null;
  commentId: number | null;
}

export type DeliveryOutcome =
  | { duplicate: true }
  | { duplicate: false; jobId: number | null; stale: boolean; supersededRunning: number[] };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY, event TEXT NOT NULL, action TEXT, outcome TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, delivery_id TEXT NOT NULL, repository TEXT NOT NULL,
  installation_id INTEGER, pr_number INTEGER, pr_hint INTEGER, author TEXT, head_sha TEXT NOT NULL, trigger TEXT NOT NULL,
  state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL DEFAULT 0,
  check_run_id INTEGER, error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, not_before, id);
CREATE INDEX IF NOT EXISTS jobs_by_pr ON jobs (repository, pr_number, id);
CREATE TABLE IF NOT EXISTS grades (
  id INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL UNIQUE, repository TEXT NOT NULL,
  pr_number INTEGER NOT NULL, author TEXT NOT NULL, head_sha TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
  score REAL NOT NULL, max_score REAL NOT NULL, exercises TEXT NOT NULL, seed INTEGER, num_runs INTEGER,
  grader_version TEXT, grader_commit TEXT, graded_at TEXT NOT NULL, protected_paths TEXT NOT NULL, report TEXT);
CREATE INDEX IF NOT EXISTS grades_by_student ON grades (repository, author, job_id);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL, kind TEXT NOT NULL, pr_key TEXT NOT NULL,
  state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL DEFAULT 0,
  progress INTEGER NOT NULL DEFAULT 0, last_error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, not_before, id);
CREATE TABLE IF NOT EXISTS pull_requests (
  repository TEXT NOT NULL, pr_number INTEGER NOT NULL, head_sha TEXT, head_updated_at TEXT, comment_id INTEGER,
  PRIMARY KEY (repository, pr_number));
`;

interface JobDbRow {
  id: number; delivery_id: string; repository: string; installation_id: number | null; pr_number: number | null; pr_hint: number | null;
  author: string | null; head_sha: string; trigger: string; state: JobState; attempts: number; not_before: number;
  check_run_id: number | null; error: string | null; created_at: string;
}
interface GradeDbRow {
  job_id: number; repository: string; pr_number: number; author: string; head_sha: string; status: 'graded' | 'not-graded';
  reason: string | null; score: number; max_score: number; exercises: string; seed: number | null; num_runs: number | null;
  grader_version: string | null; grader_commit: string | null; graded_at: string; protected_paths: string; report: string | null;
}
interface OutboxDbRow {
  id: number; job_id: number; kind: OutboxKind; pr_key: string; state: OutboxState; attempts: number; not_before: number;
  progress: number; last_error: string | null;
}

const toJob = (r: JobDbRow): Job => ({
  id: r.id, deliveryId: r.delivery_id, repository: r.repository, installationId: r.installation_id,
  prNumber: r.pr_number, prHint: r.pr_hint, author: r.author, headSha: r.head_sha, trigger: r.trigger, state: r.state,
  attempts: r.attempts, notBefore: r.not_before, checkRunId: r.check_run_id, error: r.error, createdAt: r.created_at,
});
const toGrade = (r: GradeDbRow, withReport: boolean): GradeRecord => ({
  jobId: r.job_id, repository: r.repository, prNumber: r.pr_number, author: r.author, headSha: r.head_sha,
  status: r.status, reason: r.reason, score: r.score, maxScore: r.max_score,
  exercises: JSON.parse(r.exercises) as ExerciseScore[], seed: r.seed, numRuns: r.num_runs,
  graderVersion: r.grader_version, graderCommit: r.grader_commit, gradedAt: r.graded_at,
  protectedPaths: JSON.parse(r.protected_paths) as string[],
  report: withReport && r.report !== null ? (JSON.parse(r.report) as GradingReport) : null,
});
const toOutbox = (r: OutboxDbRow): OutboxItem => ({
  id: r.id, jobId: r.job_id, kind: r.kind, prKey: r.pr_key, state: r.state, attempts: r.attempts,
  notBefore: r.not_before, progress: r.progress, lastError: r.last_error,
});

export const prKeyOf = (job: Pick<Job, 'repository' | 'prNumber' | 'headSha'>) =>
  `${job.repository}#${job.prNumber ?? job.headSha}`;

export interface StoreOptions {
  /** Open an existing file only, read-only (the gradebook export). */
  readonly?: boolean;
}

export class Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string, options: StoreOptions = {}) {
    this.db = options.readonly
      ? new Database(path, { readonly: true, fileMustExist: true })
      : new Database(path);
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      // WAL with NORMAL: every commit survives the bot crashing or being killed; only a power failure can lose
      // the last moments. FULL would fsync on each commit and stall deliveries on this thread for milliseconds.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
    }
  }

  close() {
    this.db.close();
  }

  /** Prepared once, reused: preparing costs more than running these small statements. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Records several deliveries in one transaction (one disk sync for a burst of deliveries), each with the
   * same meaning as `recordDelivery`, in order.
   */
  recordDeliveries(entries: { delivery: Parameters<Store['recordDelivery']>[0]; job: NewJob | null }[], now = Date.now()): DeliveryOutcome[] {
    return this.db.transaction(() => entries.map((e) => this.recordDelivery(e.delivery, e.job, now)))();
  }

  /**
   * Records a delivery id and, for a grading request, queues its job and supersedes the PR's older jobs, all
   * at once. A delivery id seen before changes nothing.
   */
  recordDelivery(delivery: { id: string; event: string; action: string | null; outcome: string }, job: NewJob | null, now = Date.now()): DeliveryOutcome {
    return this.db.transaction((): DeliveryOutcome => {
      const stamp = new Date(now).toISOString();
      const inserted = this.sql(
        'INSERT OR IGNORE INTO deliveries (id, event, action, outcome, received_at) VALUES (?, ?, ?, ?, ?)',
      ).run(delivery.id, delivery.event, delivery.action, delivery.outcome, stamp);
      if (inserted.changes === 0) return { duplicate: true };
      if (job === null) return { duplicate: false, jobId: null, stale: false, supersededRunning: [] };
      if (job.prNumber !== null && job.prUpdatedAt !== null) {
        const pr = this.sql('SELECT head_updated_at FROM pull_requests WHERE repository = ? AND pr_number = ?')
          .get(job.repository, job.prNumber) as { head_updated_at: string | null } | undefined;
        if (pr?.head_updated_at && pr.head_updated_at > job.prUpdatedAt) {
          this.sql("UPDATE deliveries SET outcome = 'stale' WHERE id = ?").run(delivery.id);
          return { duplicate: false, jobId: null, stale: true, supersededRunning: [] };
        }
      }
      const result = this.sql(
        `INSERT INTO jobs (delivery_id, repository, installation_id, pr_number, pr_hint, author, head_sha, trigger, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      ).run(delivery.id, job.repository, job.installationId, job.prNumber, job.prHint, job.author, job.headSha, job.trigger, stamp, stamp);
      const jobId = Number(result.lastInsertRowid);
      let supersededRunning: number[] = [];
      if (job.prNumber !== null) {
        this.setPrHead(job.repository, job.prNumber, job.headSha, job.prUpdatedAt);
        supersededRunning = this.supersedeOlder(job.repository, job.prNumber, jobId, stamp);
      }
      return { duplicate: false, jobId, stale: false, supersededRunning };
    })();
  }

  /** Marks the PR's jobs older than `jobId` superseded; returns those that were being graded. */
  private supersedeOlder(repository: string, prNumber: number, jobId: number, stamp: string): number[] {
    const running = (this.sql(
      "SELECT id FROM jobs WHERE repository = ? AND pr_number = ? AND id < ? AND state = 'grading'",
    ).all(repository, prNumber, jobId) as { id: number }[]).map((r) => r.id);
    this.sql(
      `UPDATE jobs SET state = 'superseded', updated_at = ? WHERE repository = ? AND pr_number = ? AND id < ?
       AND state IN ('queued', 'grading')`,
    ).run(stamp, repository, prNumber, jobId);
    return running;
  }

  private setPrHead(repository: string, prNumber: number, headSha: string, updatedAt: string | null) {
    this.sql(
      `INSERT INTO pull_requests (repository, pr_number, head_sha, head_updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (repository, pr_number) DO UPDATE SET head_sha = excluded.head_sha,
       head_updated_at = COALESCE(excluded.head_updated_at, pull_requests.head_updated_at)`,
    ).run(repository, prNumber, headSha, updatedAt);
  }

  /** Attaches a pull request found later (a `check_run` delivery that listed none); supersedes older jobs. */
  assignPullRequest(jobId: number, prNumber: number, author: string, prHeadSha: string): number[] {
    return this.db.transaction(() => {
      const stamp = new Date().toISOString();
      const job = this.getJob(jobId);
      if (job === null) return [];
      this.sql('UPDATE jobs SET pr_number = ?, author = ?, updated_at = ? WHERE id = ?').run(prNumber, author, stamp, jobId);
      this.setPrHead(job.repository, prNumber, prHeadSha, null);
      return this.supersedeOlder(job.repository, prNumber, jobId, stamp);
    })();
  }

  getJob(id: number): Job | null {
    const row = this.sql('SELECT * FROM jobs WHERE id = ?').get(id) as JobDbRow | undefined;
    return row ? toJob(row) : null;
  }

  jobs(): Job[] {
    return (this.sql('SELECT * FROM jobs ORDER BY id').all() as JobDbRow[]).map(toJob);
  }

  /** Takes the oldest queued job that is due and marks it `grading`. */
  claimNextJob(now = Date.now()): Job | null {
    return this.db.transaction(() => {
      const row = this.sql(
        "SELECT * FROM jobs WHERE state = 'queued' AND not_before <= ? ORDER BY id LIMIT 1",
      ).get(now) as JobDbRow | undefined;
      if (!row) return null;
      this.sql("UPDATE jobs SET state = 'grading', attempts = attempts + 1, updated_at = ? WHERE id = ?")
        .run(new Date(now).toISOString(), row.id);
      return toJob({ ...row, state: 'grading', attempts: row.attempts + 1 });
    })();
  }

  /** When the next queued job becomes due (epoch ms), or null when none is queued. */
  nextJobDue(): number | null {
    const row = this.sql("SELECT MIN(not_before) AS t FROM jobs WHERE state = 'queued'").get() as { t: number | null };
    return row.t;
  }

  /** Puts a job whose grading could not finish back in the queue, to run again after `notBefore`. */
  requeueJob(id: number, notBefore: number, error: string) {
    this.sql(
      "UPDATE jobs SET state = 'queued', not_before = ?, error = ?, updated_at = ? WHERE id = ? AND state = 'grading'",
    ).run(notBefore, error, new Date().toISOString(), id);
  }

  setCheckRunId(jobId: number, checkRunId: number | null) {
    this.sql('UPDATE jobs SET check_run_id = ? WHERE id = ?').run(checkRunId, jobId);
  }

  /** Ends a job without a grade (`failed` or `ignored`) and queues the given posts about it. */
  finishWithoutGrade(jobId: number, state: 'failed' | 'ignored', error: string, posts: OutboxKind[]) {
    this.db.transaction(() => {
      const stamp = new Date().toISOString();
      const changed = this.sql(
        "UPDATE jobs SET state = ?, error = ?, updated_at = ? WHERE id = ? AND state = 'grading'",
      ).run(state, error, stamp, jobId);
      if (changed.changes > 0) this.addPosts(jobId, posts, stamp);
    })();
  }

  /** Queues posts for a job that was superseded while it was being graded (its check run is cancelled). */
  queueSupersededPosts(jobId: number, posts: OutboxKind[]) {
    this.db.transaction(() => this.addPosts(jobId, posts, new Date().toISOString()))();
  }

  /**
   * Stores a grade in the gradebook and queues its posts, in one transaction, unless the job was superseded
   * meanwhile (then nothing is stored and false comes back).
   */
  storeGrade(grade: GradeRecord, posts: OutboxKind[]): boolean {
    return this.db.transaction(() => {
      const stamp = new Date().toISOString();
      const changed = this.sql(
        "UPDATE jobs SET state = 'graded', error = NULL, updated_at = ? WHERE id = ? AND state = 'grading'",
      ).run(stamp, grade.jobId);
      if (changed.changes === 0) return false;
      this.sql(
        `INSERT INTO grades (job_id, repository, pr_number, author, head_sha, status, reason, score, max_score, exercises,
         seed, num_runs, grader_version, grader_commit, graded_at, protected_paths, report)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(grade.jobId, grade.repository, grade.prNumber, grade.author, grade.headSha, grade.status, grade.reason,
        grade.score, grade.maxScore, JSON.stringify(grade.exercises), grade.seed, grade.numRuns, grade.graderVersion,
        grade.graderCommit, grade.gradedAt, JSON.stringify(grade.protectedPaths),
        grade.report === null ? null : JSON.stringify(grade.report));
      this.addPosts(grade.jobId, posts, stamp);
      return true;
    })();
  }

  private addPosts(jobId: number, posts: OutboxKind[], stamp: string) {
    const job = this.getJob(jobId);
    if (job === null) return;
    const insert = this.sql(
      "INSERT INTO outbox (job_id, kind, pr_key, state, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)",
    );
    for (const kind of posts) insert.run(jobId, kind, prKeyOf(job), stamp, stamp);
  }

  gradeForJob(jobId: number): GradeRecord | null {
    const row = this.sql('SELECT * FROM grades WHERE job_id = ?').get(jobId) as GradeDbRow | undefined;
    return row ? toGrade(row, true) : null;
  }

  /** Each student's latest grade: one row per (repository, author), the one of the most recent push. */
  latestGrades(): GradeRecord[] {
    const rows = this.sql(
      `SELECT g.* FROM grades g WHERE g.job_id = (SELECT MAX(h.job_id) FROM grades h
       WHERE h.repository = g.repository AND h.author = g.author) ORDER BY g.repository, g.author`,
    ).all() as GradeDbRow[];
    return rows.map((r) => toGrade(r, false));
  }

  /** True when the PR has a job newer than `job` (then `job` is no longer the PR's grade). */
  hasNewerJob(job: Job): boolean {
    if (job.prNumber === null) return false;
    return this.sql('SELECT 1 FROM jobs WHERE repository = ? AND pr_number = ? AND id > ? LIMIT 1')
      .get(job.repository, job.prNumber, job.id) !== undefined;
  }

  getPullRequest(repository: string, prNumber: number): PullRequestRow | null {
    const row = this.sql('SELECT * FROM pull_requests WHERE repository = ? AND pr_number = ?')
      .get(repository, prNumber) as { repository: string; pr_number: number; head_sha: string | null; comment_id: number | null } | undefined;
    return row ? { repository: row.repository, prNumber: row.pr_number, headSha: row.head_sha, commentId: row.comment_id } : null;
  }

  setCommentId(repository: string, prNumber: number, commentId: number | null) {
    this.sql(
      `INSERT INTO pull_requests (repository, pr_number, comment_id) VALUES (?, ?, ?)
       ON CONFLICT (repository, pr_number) DO UPDATE SET comment_id = excluded.comment_id`,
    ).run(repository, prNumber, commentId);
  }

  /**
   * The oldest due pending post whose PR is not in `busy`. Only each PR's first pending post is eligible, so a
   * PR's posts go out in the order they were queued even when one waits for its retry time.
   */
  claimNextPost(busy: ReadonlySet<string>, now = Date.now()): OutboxItem | null {
    const rows = this.sql(
      `SELECT * FROM outbox o WHERE o.state = 'pending' AND o.not_before <= ? AND o.id =
       (SELECT MIN(p.id) FROM outbox p WHERE p.state = 'pending' AND p.pr_key = o.pr_key) ORDER BY o.id`,
    ).all(now) as OutboxDbRow[];
    const row = rows.find((r) => !busy.has(r.pr_key));
    return row ? toOutbox(row) : null;
  }

  nextPostDue(): number | null {
    const row = this.sql("SELECT MIN(not_before) AS t FROM outbox WHERE state = 'pending'").get() as { t: number | null };
    return row.t;
  }

  finishPost(id: number, state: 'sent' | 'skipped' | 'failed', error: string | null = null) {
    this.sql('UPDATE outbox SET state = ?, last_error = ?, updated_at = ? WHERE id = ?')
      .run(state, error, new Date().toISOString(), id);
  }

  retryPost(id: number, notBefore: number, error: string) {
    this.sql('UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?, updated_at = ? WHERE id = ?')
      .run(notBefore, error, new Date().toISOString(), id);
  }

  setPostProgress(id: number, progress: number) {
    this.sql('UPDATE outbox SET progress = ? WHERE id = ?').run(progress, id);
  }

  posts(): OutboxItem[] {
    return (this.sql('SELECT * FROM outbox ORDER BY id').all() as OutboxDbRow[]).map(toOutbox);
  }

  /** After a restart: interrupted gradings run again and every waiting post is tried at once. */
  recoverAfterRestart(): { requeued: number; pendingPosts: number } {
    return this.db.transaction(() => {
      const requeued = this.sql("UPDATE jobs SET state = 'queued', not_before = 0 WHERE state = 'grading'").run().changes;
      const pendingPosts = this.sql("UPDATE outbox SET not_before = 0 WHERE state = 'pending'").run().changes;
      return { requeued, pendingPosts };
    })();
  }

  /** Forgets delivery ids older than `days` (GitHub redelivers for a few days at most). */
  pruneDeliveries(days = 30) {
    const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
    this.sql('DELETE FROM deliveries WHERE received_at < ?').run(cutoff);
  }

  counts(): { deliveries: number; jobs: number; queued: number; grading: number; pendingPosts: number } {
    const one = (sql: string) => (this.sql(sql).get() as { n: number }).n;
    return {
      deliveries: one('SELECT COUNT(*) AS n FROM deliveries'),
      jobs: one('SELECT COUNT(*) AS n FROM jobs'),
      queued: one("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'"),
      grading: one("SELECT COUNT(*) AS n FROM jobs WHERE state = 'grading'"),
      pendingPosts: one("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'"),
    };
  }
}

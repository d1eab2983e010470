import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store, type GradeRecord, type NewJob } from './store.js';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'gatecheck-store-')), 'bot.db');
const job = (over: Partial<NewJob> = {}): NewJob => ({
  repository: 'course/alice', installationId: 1, prNumber: 4, prHint: null, author: 'alice', headSha: 'a'.repeat(40),
  trigger: 'pull_request.synchronize', prUpdatedAt: '2026-01-01T00:00:00Z', ...over,
});
const grade = (jobId: number, over: Partial<GradeRecord> = {}): GradeRecord => ({
  jobId, repository: 'course/alice', prNumber: 4, author: 'alice', headSha: 'a'.repeat(40), status: 'graded', reason: null,
  score: 3, maxScore: 8, exercises: [{ id: '01-activations', status: 'graded', score: 3, maxScore: 8 }], seed: 1, numRuns: null,
  graderVersion: '0.1.0', graderCommit: null, gradedAt: new Date().toISOString(), protectedPaths: [], report: null, ...over,
});

describe('Store', () => {
  it('should record a delivery id once: the second time is a duplicate and queues nothing', () => {
    const store = new Store(dbPath());
    expect(store.recordDelivery({ id: 'd1', event: 'pull_request', action: 'opened', outcome: 'queued' }, job())).toMatchObject({ duplicate: false, jobId: 1 });
    expect(store.recordDelivery({ id: 'd1', event: 'pull_request', action: 'opened', outcome: 'queued' }, job())).toEqual({ duplicate: true });
    expect(store.counts()).toMatchObject({ deliveries: 1, jobs: 1, queued: 1 });
  });

  it('should record a batch in one transaction with the same meaning, a repeated id inside it included', () => {
    const store = new Store(dbPath());
    const d = (id: string) => ({ id, event: 'pull_request', action: 'opened', outcome: 'queued' });
    const outcomes = store.recordDeliveries([
      { delivery: d('x'), job: job() }, { delivery: d('x'), job: job() }, { delivery: d('y'), job: null },
      { delivery: d('z'), job: job({ headSha: 'b'.repeat(40), prUpdatedAt: '2026-01-02T00:00:00Z' }) },
    ]);
    expect(outcomes).toEqual([
      { duplicate: false, jobId: 1, stale: false, supersededRunning: [] }, { duplicate: true },
      { duplicate: false, jobId: null, stale: false, supersededRunning: [] }, { duplicate: false, jobId: 2, stale: false, supersededRunning: [] },
    ]);
    expect(store.jobs().map((j) => j.state)).toEqual(['superseded', 'queued']);
  });

  it('should supersede a PR\'s older queued and running jobs, reporting the running ones', () => {
    const store = new Store(dbPath());
    store.recordDelivery({ id: 'd1', event: 'pull_request', action: 'opened', outcome: 'q' }, job({ headSha: '1'.repeat(40) }));
    store.recordDelivery({ id: 'd2', event: 'pull_request', action: 'synchronize', outcome: 'q' }, job({ headSha: '2'.repeat(40), prUpdatedAt: '2026-01-02T00:00:00Z' }));
    expect(store.claimNextJob()!.id).toBe(2);
    store.recordDelivery({ id: 'other-pr', event: 'pull_request', action: 'opened', outcome: 'q' }, job({ prNumber: 5, headSha: '9'.repeat(40) }));
    const third = store.recordDelivery({ id: 'd3', event: 'pull_request', action: 'synchronize', outcome: 'q' }, job({ headSha: '3'.repeat(40), prUpdatedAt: '2026-01-03T00:00:00Z' }));
    expect(third).toMatchObject({ duplicate: false, jobId: 4, supersededRunning: [2] });
    expect(store.jobs().map((j) => [j.id, j.state])).toEqual([[1, 'superseded'], [2, 'superseded'], [3, 'queued'], [4, 'queued']]);
    expect(store.getPullRequest('course/alice', 4)!.headSha).toBe('3'.repeat(40));
  });

  it('should not let a late redelivery of an older push take over the PR', () => {
    const store = new Store(dbPath());
    store.recordDelivery({ id: 'new', event: 'pull_request', action: 'synchronize', outcome: 'q' }, job({ headSha: 'b'.repeat(40), prUpdatedAt: '2026-01-05T00:00:00Z' }));
    const late = store.recordDelivery({ id: 'old', event: 'pull_request', action: 'synchronize', outcome: 'q' }, job({ headSha: 'a'.repeat(40), prUpdatedAt: '2026-01-04T00:00:00Z' }));
    expect(late).toMatchObject({ duplicate: false, jobId: null, stale: true });
    expect(store.getPullRequest('course/alice', 4)!.headSha).toBe('b'.repeat(40));
  });

  it('should keep queued jobs and pending posts across a reopen, and retry interrupted ones at once', () => {
    const path = dbPath();
    const first = new Store(path);
    first.recordDelivery({ id: 'd1', event: 'pull_request', action: 'opened', outcome: 'q' }, job());
    first.recordDelivery({ id: 'd2', event: 'pull_request', action: 'opened', outcome: 'q' }, job({ prNumber: 9 }));
    const claimed = first.claimNextJob()!;
    first.claimNextJob();
    expect(first.storeGrade(grade(claimed.id), ['check-run', 'comment'])).toBe(true);
    const post = first.claimNextPost(new Set())!;
    first.retryPost(post.id, Date.now() + 3_600_000, '503 Service Unavailable');
    first.close();

    const second = new Store(path);
    expect(second.recoverAfterRestart()).toEqual({ requeued: 1, pendingPosts: 2 });
    expect(second.claimNextJob()!.prNumber).toBe(9);
    expect(second.claimNextPost(new Set())!.id).toBe(post.id);
  });

  it('should not store a grade for a job superseded while it was graded', () => {
    const store = new Store(dbPath());
    store.recordDelivery({ id: 'd1', event: 'pull_request', action: 'opened', outcome: 'q' }, job());
    const claimed = store.claimNextJob()!;
    store.recordDelivery({ id: 'd2', event: 'pull_request', action: 'synchronize', outcome: 'q' }, job({ headSha: 'c'.repeat(40), prUpdatedAt: '2026-01-02T00:00:00Z' }));
    expect(store.storeGrade(grade(claimed.id), ['comment'])).toBe(false);
    expect(store.latestGrades()).toEqual([]);
  });

  it('should send a PR\'s posts one at a time and in order, even when the first waits for a retry', () => {
    const store = new Store(dbPath());
    store.recordDelivery({ id: 'd1', event: 'pull_request', action: 'opened', outcome: 'q' }, job());
    const claimed = store.claimNextJob()!;
    store.storeGrade(grade(claimed.id), ['check-run', 'comment']);
    const first = store.claimNextPost(new Set())!;
    expect(first.kind).toBe('check-run');
    expect(store.claimNextPost(new Set([first.prKey]))).toBeNull();
    store.retryPost(first.id, Date.now() + 60_000, 'later');
    expect(store.claimNextPost(new Set())).toBeNull();
    store.finishPost(first.id, 'sent');
    expect(store.claimNextPost(new Set())!.kind).toBe('comment');
  });

  it('should give each student\'s latest grade: the most recent push, per repository and author', () => {
    const store = new Store(dbPath());
    const ids: number[] = [];
    for (const [id, author, pr] of [['a', 'alice', 1], ['b', 'bob', 2], ['c', 'alice', 3]] as const) {
      store.recordDelivery({ id, event: 'pull_request', action: 'synchronize', outcome: 'q' }, job({ author, prNumber: pr, prUpdatedAt: null }));
      ids.push(store.claimNextJob()!.id);
    }
    // Stored out of order: the grade of alice's later push is stored first.
    expect(store.storeGrade(grade(ids[2]!, { prNumber: 3, score: 7 }), [])).toBe(true);
    store.storeGrade(grade(ids[1]!, { author: 'bob', prNumber: 2, score: 5 }), []);
    expect(store.storeGrade(grade(ids[0]!, { score: 1 }), [])).toBe(true);
    expect(store.latestGrades().map((g) => [g.author, g.score])).toEqual([['alice', 7], ['bob', 5]]);
  });
});

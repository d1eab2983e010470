// bot.md #8 on the real server: grades are stored before they are posted, GitHub's 5xx and rate-limit answers
// are retried, and what could not be posted during an outage goes out after a restart, as do queued jobs.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { botComments, expectCleanRun, gatedGrader, realGrader, startHarness, waitFor, type Harness } from './__test-helpers__/harness.js';
import { pullRequestPayload, sendDelivery } from './__test-helpers__/deliveries.js';
import { submission } from './__test-helpers__/submissions.js';
import { gradebookCsv } from './gradebook-export.js';

const REPO = 'course/eve-lstm';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function open(h: Harness, number: number, author = 'eve') {
  const sha = h.github.commit(REPO, submission());
  h.github.setPull(REPO, { number, state: 'open', author, headSha: sha, changedFiles: [] });
  return { sha, send: () => sendDelivery(h.bot.url, { event: 'pull_request', payload: pullRequestPayload({ action: 'opened', repository: REPO, number, headSha: sha, author }), secret: h.secret }) };
}

/** `pnpm gatecheck gradebook export` as a user runs it. */
function exportGradebook(database: string, format: 'csv' | 'json'): string {
  return execFileSync(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', 'gradebook', 'export', '--format', format, '--database', database], { cwd: ROOT, encoding: 'utf8' });
}

// Under CI load one grading can take many seconds; the waits below are for conditions, not speed.
describe('GitHub failures', { timeout: 180_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    if (!h) return;
    await h.close();
    expectCleanRun(h);
  });

  it('should retry 5xx answers, primary and secondary rate limits, and post exactly once', async () => {
    h = await startHarness();
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    h.github.fail((r) => r.operationId === 'checks/create', 2, { status: 502, body: { message: 'Bad Gateway' } });
    h.github.fail((r) => r.operationId === 'git/get-tree', 1, { status: 500, body: { message: 'Server Error' } });
    h.github.fail((r) => r.operationId === 'checks/update', 1, {
      status: 403, headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded for installation ID 77.' },
    });
    // More 503s than the client's own retries: the outbox's backoff takes over.
    h.github.fail((r) => r.operationId === 'issues/create-comment', 4, { status: 503, body: { message: 'Service Unavailable' } });
    h.github.fail((r) => r.operationId === 'issues/create-comment', 1, {
      status: 429, headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    });
    await open(h, 1).send();
    await h.settle();

    const status = (op: string) => h.github.calls(op).map((r) => r.status);
    expect(status('checks/create')).toEqual([502, 502, 201]);
    expect(status('checks/update')).toEqual([403, 200]);
    expect(status('issues/create-comment')).toEqual([503, 503, 503, 503, 429, 201]);
    expect(botComments(h, REPO, 1)).toHaveLength(1);
    expect(h.github.repo(REPO).checkRuns).toMatchObject([{ status: 'completed' }]);
    expect(h.logs.some((l) => l.includes('post failed, will retry'))).toBe(true);
    expect(h.bot.store.posts().every((p) => p.state === 'sent')).toBe(true);
  });

  it('should store the grade during an outage and post it after a restart', async () => {
    h = await startHarness();
    // Every post fails (tokens and reads still work, as in a partial outage).
    h.github.fail((r) => r.method !== 'GET' && !r.path.startsWith('/app/'), Infinity, { status: 503, body: { message: 'Service Unavailable' } });
    const { sha, send } = open(h, 2);
    await send();
    await waitFor(() => h.bot.store.posts().some((p) => p.attempts >= 2), 120_000, 'posts to fail twice');
    // Stored before posting: the gradebook already has it, GitHub has nothing.
    const stored = h.bot.store.latestGrades();
    expect(stored).toMatchObject([{ author: 'eve', headSha: sha, status: 'graded' }]);
    expect(h.github.repo(REPO).comments).toHaveLength(0);
    expect(gradebookCsv(stored)).toContain(`,eve,${sha},graded,`);

    await h.bot.stop();
    h.github.clearFaults();
    await h.restart();
    await h.settle();
    const [comment] = botComments(h, REPO, 2);
    expect(comment!.body).toContain(`**${stored[0]!.score}/${stored[0]!.maxScore}**`);
    expect(h.github.repo(REPO).checkRuns.filter((r) => r.status === 'completed')).toHaveLength(1);
    const json = JSON.parse(exportGradebook(h.settings.databasePath, 'json'));
    expect(json.grades).toMatchObject([{ student: 'eve', headSha: sha, score: stored[0]!.score, maxScore: stored[0]!.maxScore }]);
  });

  it('should grade a job that was queued or being graded when the bot stopped, after it starts again', async () => {
    const gated = gatedGrader(realGrader());
    h = await startHarness({ grader: gated.grader });
    const first = open(h, 3, 'fay');
    const second = open(h, 4, 'gus');
    await first.send();
    await second.send();
    await waitFor(() => gated.started(), 120_000, 'grading to start');
    expect(h.bot.store.counts()).toMatchObject({ queued: 1, grading: 1 });
    await h.bot.stop();
    gated.release();
    await h.restart();
    await h.settle();
    expect(h.bot.store.latestGrades().map((g) => [g.author, g.headSha])).toEqual([['fay', first.sha], ['gus', second.sha]]);
    expect(botComments(h, REPO, 3)).toHaveLength(1);
    expect(botComments(h, REPO, 4)).toHaveLength(1);
  });
});

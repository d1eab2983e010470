// bot.md #1–#4 on the real server: signatures, bodies, fast acknowledgement, duplicates, which events grade.
import { afterEach, describe, expect, it } from 'vitest';
import { botComments, expectCleanRun, startHarness, type Harness } from './__test-helpers__/harness.js';
import { checkRunRerequestedPayload, examplePayload, pullRequestPayload, sendDelivery } from './__test-helpers__/deliveries.js';
import { submission } from './__test-helpers__/submissions.js';
import { signBody } from './signature.js';

const REPO = 'course/ann-lstm';

// Under CI load one grading can take many seconds; the waits below are for conditions, not speed.
describe('webhook intake', { timeout: 180_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    if (!h) return;
    await h.close();
    expectCleanRun(h);
  });

  function openPull(number: number) {
    const sha = h.github.commit(REPO, submission());
    h.github.setPull(REPO, { number, state: 'open', author: 'ann', headSha: sha, changedFiles: [{ filename: 'exercises/01-activations/src/activations.ts', status: 'modified' }] });
    return { sha, payload: pullRequestPayload({ action: 'opened', repository: REPO, number, headSha: sha, author: 'ann' }) };
  }

  it('should answer a missing or wrong signature with 401, record nothing, and still handle the correctly signed redelivery', async () => {
    h = await startHarness();
    const { payload } = openPull(1);
    const body = JSON.stringify(payload);
    const deliveryId = 'redelivered-1';
    const attempts = [
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: body, secret: h.secret, deliveryId, signature: null }),
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: body, secret: h.secret, deliveryId, signature: `sha256=${'0'.repeat(64)}` }),
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: body, secret: h.secret, deliveryId, signature: signBody('another-secret', body) }),
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: body, secret: h.secret, deliveryId, signature: signBody(h.secret, `${body} `) }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(h.bot.store.counts()).toMatchObject({ deliveries: 0, jobs: 0 });
    expect(h.github.requests).toEqual([]);

    const signed = await sendDelivery(h.bot.url, { event: 'pull_request', payload: body, secret: h.secret, deliveryId });
    expect(signed.status).toBe(202);
    expect(h.bot.store.counts()).toMatchObject({ deliveries: 1, jobs: 1 });
  });

  it('should answer a signed body that is not JSON with 400, and a form-encoded one with 415', async () => {
    h = await startHarness();
    const notJson = await sendDelivery(h.bot.url, { event: 'pull_request', payload: '{"action": "opened",', secret: h.secret });
    expect(notJson.status).toBe(400);
    const form = await sendDelivery(h.bot.url, { event: 'pull_request', payload: 'payload=%7B%7D', secret: h.secret, contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(h.bot.store.counts()).toMatchObject({ deliveries: 0, jobs: 0 });
  });

  it('should acknowledge with 202 before grading, and handle the same delivery id once', async () => {
    h = await startHarness();
    const { sha, payload } = openPull(2);
    const first = await sendDelivery(h.bot.url, { event: 'pull_request', payload, secret: h.secret, deliveryId: 'dup-1' });
    expect(first.status).toBe(202);
    // The answer came before any grade existed: grading happens later, from the queue.
    expect(h.bot.store.gradeForJob(first.body.job)).toBeNull();
    const again = await sendDelivery(h.bot.url, { event: 'pull_request', payload, secret: h.secret, deliveryId: 'dup-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate' });
    await h.settle();
    expect(h.bot.store.counts()).toMatchObject({ deliveries: 1, jobs: 1 });
    expect(h.bot.store.gradeForJob(first.body.job)).toMatchObject({ headSha: sha, author: 'ann', prNumber: 2 });
    expect(h.github.repo(REPO).checkRuns).toHaveLength(1);
    expect(botComments(h, REPO, 2)).toHaveLength(1);
  });

  it('should acknowledge and ignore other events and actions, bots, and repositories outside the allowlist', async () => {
    h = await startHarness({ allowedRepos: [REPO] });
    const { sha } = openPull(3);
    const ignored = [
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: pullRequestPayload({ action: 'closed', repository: REPO, number: 3, headSha: sha, author: 'ann' }), secret: h.secret }),
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: pullRequestPayload({ action: 'labeled', repository: REPO, number: 3, headSha: sha, author: 'ann' }), secret: h.secret }),
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: pullRequestPayload({ action: 'synchronize', repository: REPO, number: 3, headSha: sha, author: 'ann', senderType: 'Bot' }), secret: h.secret }),
      await sendDelivery(h.bot.url, { event: 'pull_request', payload: pullRequestPayload({ action: 'opened', repository: 'someone/else', number: 3, headSha: sha, author: 'ann' }), secret: h.secret }),
      await sendDelivery(h.bot.url, { event: 'issue_comment', payload: examplePayload('issue_comment', 'created'), secret: h.secret }),
      await sendDelivery(h.bot.url, { event: 'push', payload: examplePayload('push'), secret: h.secret }),
    ];
    expect(ignored.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(h.bot.store.counts().jobs).toBe(0);
  });

  it('should grade check_run rerequested at its head SHA, finding a fork\'s PR from the SHA or confirming the listed one', async () => {
    h = await startHarness();
    const { sha, payload } = openPull(4);
    expect((await sendDelivery(h.bot.url, { event: 'pull_request', payload, secret: h.secret })).status).toBe(202);
    await h.settle();
    const rerun = await sendDelivery(h.bot.url, { event: 'check_run', payload: checkRunRerequestedPayload({ repository: REPO, headSha: sha, prNumbers: [] }), secret: h.secret });
    expect(rerun.status).toBe(202);
    await h.settle();
    expect(h.github.calls('repos/list-pull-requests-associated-with-commit')).toHaveLength(1);
    // A re-run that lists its PR: the PR is read to confirm the commit is still its head.
    const listed = await sendDelivery(h.bot.url, { event: 'check_run', payload: checkRunRerequestedPayload({ repository: REPO, headSha: sha, prNumbers: [4] }), secret: h.secret });
    expect(listed.status).toBe(202);
    await h.settle();
    expect(h.github.calls('pulls/get')).toHaveLength(1);
    const runs = h.github.repo(REPO).checkRuns;
    expect(runs.map((r) => [r.headSha, r.status])).toEqual([[sha, 'completed'], [sha, 'completed'], [sha, 'completed']]);
    expect(runs[1]!.output.title).toBe(runs[0]!.output.title);
    expect(runs[2]!.output.title).toBe(runs[0]!.output.title);
    const [comment] = botComments(h, REPO, 4);
    expect(comment!.edits).toBe(2);
    expect(h.bot.store.jobs().map((j) => [j.prNumber, j.author, j.state])).toEqual([[4, 'ann', 'graded'], [4, 'ann', 'graded'], [4, 'ann', 'graded']]);
  });
});

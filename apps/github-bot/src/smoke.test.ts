import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './__test-helpers__/harness.js';
import { pullRequestPayload, sendDelivery } from './__test-helpers__/deliveries.js';
import { submission } from './__test-helpers__/submissions.js';
import { childProcessGrader } from './grader.js';

const fakeGrader = childProcessGrader({ module: new URL('./__test-helpers__/fake-grader.ts', import.meta.url).href });

describe('smoke', () => {
  let h: Harness;
  afterEach(async () => { await h?.close(); });
  it('grades a PR', async () => {
    h = await startHarness({ grader: fakeGrader });
    const repo = 'course/alice-work';
    const sha = h.github.commit(repo, submission());
    h.github.setPull(repo, { number: 3, state: 'open', author: 'alice', headSha: sha, changedFiles: [{ filename: 'exercises/02-lstm-gates/src/lstm-gates.ts', status: 'modified' }, { filename: 'graders/02-lstm-gates/src/index.ts', status: 'modified' }] });
    const r = await sendDelivery(h.bot.url, { event: 'pull_request', payload: pullRequestPayload({ action: 'opened', repository: repo, number: 3, headSha: sha, author: 'alice' }), secret: h.secret });
    expect(r.status).toBe(202);
    await h.settle();
    console.log(h.logs.join('\n'));
    console.log(h.github.violations);
    const repoState = h.github.repo(repo);
    console.log(repoState.comments[0]?.body);
    console.log(JSON.stringify(repoState.checkRuns, null, 1).slice(0, 3000));
  });
});

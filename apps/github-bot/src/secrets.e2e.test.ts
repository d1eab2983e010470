// bot.md #9 with the real graders: student code that goes looking for the environment finds nothing, and no
// credential reaches the comment, the check run, the gradebook or a log line.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { botComments, credentialsOf, expectCleanRun, startHarness, type Harness } from './__test-helpers__/harness.js';
import { pullRequestPayload, sendDelivery } from './__test-helpers__/deliveries.js';
import { ENV_SNOOP, submission } from './__test-helpers__/submissions.js';

const REPO = 'course/mallory-lstm';
const CANARY = 'canary-7f3a9c-never-leaves-the-bot';

// Under CI load one grading can take many seconds; the waits below are for conditions, not speed.
describe('secrets', { timeout: 180_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    delete process.env.GATECHECK_CANARY;
    if (!h) return;
    await h.close();
    expectCleanRun(h);
  });

  it('should give student code that reads process.env or globalThis nothing to find', async () => {
    // Something secret-looking in the bot's own environment, as a deployment would have.
    process.env.GATECHECK_CANARY = CANARY;
    h = await startHarness();
    const sha = h.github.commit(REPO, submission({ extra: { 'exercises/01-activations/src/activations.ts': ENV_SNOOP } }));
    h.github.setPull(REPO, { number: 1, state: 'open', author: 'mallory', headSha: sha, changedFiles: [] });
    await sendDelivery(h.bot.url, { event: 'pull_request', payload: pullRequestPayload({ action: 'opened', repository: REPO, number: 1, headSha: sha, author: 'mallory' }), secret: h.secret });
    await h.settle();

    const grade = h.bot.store.gradeForJob(1)!;
    const sigmoid = grade.report!.exercises.find((e) => e.id === '01-activations')!.checks.filter((c) => c.function === 'sigmoid');
    expect(sigmoid.every((c) => c.status !== 'passed')).toBe(true);
    const [comment] = botComments(h, REPO, 1);
    const run = h.github.repo(REPO).checkRuns[0]!;
    // What the student's code found is reported back to them; it must hold nothing of the bot's.
    expect(comment!.body).toContain('LEAK');
    const published = [
      comment!.body, JSON.stringify(run.output), JSON.stringify(run.annotations), JSON.stringify(grade),
      readFileSync(h.settings.databasePath).toString('latin1'), h.logs.join('\n'),
    ].join('\n');
    for (const secret of [...credentialsOf(h), CANARY]) expect(published).not.toContain(secret);
    expect(published).not.toMatch(/WEBHOOK_SECRET"?\s*[:=]\s*"?[a-z0-9-]{6,}/i);
    expect(published).not.toMatch(/GITHUB_(TOKEN|PRIVATE_KEY)"?\s*[:=]/);
  });
});

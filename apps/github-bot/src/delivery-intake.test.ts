import { describe, expect, it } from 'vitest';
import { decideDelivery } from './delivery-intake.js';
import { checkRunRerequestedPayload, examplePayload, pullRequestPayload } from './__test-helpers__/deliveries.js';

const all = { allowedRepos: null };
const sha = 'f'.repeat(40);

describe('decideDelivery', () => {
  it.each(['opened', 'synchronize', 'reopened'] as const)('should grade pull_request %s at the head commit', (action) => {
    const decision = decideDelivery('pull_request', pullRequestPayload({ action, repository: 'course/ann', number: 12, headSha: sha, author: 'ann' }), all);
    expect(decision).toEqual({
      kind: 'grade',
      job: expect.objectContaining({ repository: 'course/ann', prNumber: 12, author: 'ann', headSha: sha, installationId: 77, trigger: `pull_request.${action}` }),
    });
  });

  it.each(['closed', 'labeled'] as const)('should ignore pull_request %s', (action) => {
    expect(decideDelivery('pull_request', pullRequestPayload({ action, repository: 'course/ann', number: 1, headSha: sha, author: 'ann' }), all).kind).toBe('ignore');
  });

  it('should ignore other events, and anything a bot sent', () => {
    expect(decideDelivery('issue_comment', examplePayload('issue_comment', 'created'), all).kind).toBe('ignore');
    expect(decideDelivery('check_run', examplePayload('check_run', 'requested_action'), all).kind).toBe('ignore');
    const byBot = pullRequestPayload({ action: 'synchronize', repository: 'course/ann', number: 1, headSha: sha, author: 'ann', senderType: 'Bot' });
    expect(decideDelivery('pull_request', byBot, all)).toEqual({ kind: 'ignore', reason: 'sent by a bot' });
  });

  it('should ignore repositories outside the allowlist, comparing names without case', () => {
    const payload = pullRequestPayload({ action: 'opened', repository: 'Course/Ann', number: 1, headSha: sha, author: 'ann' });
    expect(decideDelivery('pull_request', payload, { allowedRepos: ['course/ann'] }).kind).toBe('grade');
    expect(decideDelivery('pull_request', payload, { allowedRepos: ['course/bob'] }).kind).toBe('ignore');
  });

  it('should grade check_run rerequested at the run\'s head SHA, leaving the PR to be confirmed (or found, for forks)', () => {
    const listed = decideDelivery('check_run', checkRunRerequestedPayload({ repository: 'course/ann', headSha: sha, prNumbers: [7] }), all);
    expect(listed).toEqual({ kind: 'grade', job: expect.objectContaining({ headSha: sha, prNumber: null, prHint: 7, trigger: 'check_run.rerequested' }) });
    const fork = decideDelivery('check_run', checkRunRerequestedPayload({ repository: 'course/ann', headSha: sha, prNumbers: [] }), all);
    expect(fork).toEqual({ kind: 'grade', job: expect.objectContaining({ prNumber: null, prHint: null }) });
  });

  it('should ignore a delivery without an installation in app mode', () => {
    const payload = pullRequestPayload({ action: 'opened', repository: 'course/ann', number: 1, headSha: sha, author: 'ann' });
    delete payload.installation;
    expect(decideDelivery('pull_request', payload, { allowedRepos: null, requireInstallation: true }).kind).toBe('ignore');
    expect(decideDelivery('pull_request', payload, all).kind).toBe('grade');
  });

  it('should ignore a re-run of another app\'s check run', () => {
    const payload = checkRunRerequestedPayload({ repository: 'course/ann', headSha: sha, prNumbers: [7] });
    payload.check_run.name = 'ci';
    expect(decideDelivery('check_run', payload, all).kind).toBe('ignore');
  });
});

// bot.md #5–#7 on the real server with the real graders: what is graded, the check run, the one comment edited
// in place, token mode's commit status, protected paths, limits and superseded pushes.
import { afterEach, describe, expect, it } from 'vitest';
import type { GradingReport } from '@gatecheck/grading';
import { botComments, expectCleanRun, gatedGrader, realGrader, startHarness, waitFor, type Harness } from './__test-helpers__/harness.js';
import { pullRequestPayload, sendDelivery } from './__test-helpers__/deliveries.js';
import { LSTM_GATES, submission } from './__test-helpers__/submissions.js';
import type { SubmissionGrader } from './grader.js';
import { COMMENT_MARKER } from './render-comment.js';

const REPO = 'course/ben-lstm';
let clock = Date.parse('2026-11-20T10:00:00Z');
const nextTime = () => new Date((clock += 60_000)).toISOString();

function push(h: Harness, number: number, files: Record<string, string>, action: 'opened' | 'synchronize', author = 'ben') {
  const sha = h.github.commit(REPO, files);
  const changed = Object.keys(files).filter((f) => f !== 'README.md').map((filename) => ({ filename, status: 'modified' }));
  h.github.setPull(REPO, { number, state: 'open', author, headSha: sha, changedFiles: changed });
  const payload = pullRequestPayload({ action, repository: REPO, number, headSha: sha, author, updatedAt: nextTime() });
  return { sha, send: () => sendDelivery(h.bot.url, { event: 'pull_request', payload, secret: h.secret }) };
}

const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

// Under CI load one grading can take many seconds; the waits below are for conditions, not speed.
describe('grades posted on GitHub', { timeout: 180_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    if (!h) return;
    await h.close();
    expectCleanRun(h);
  });

  it('should post an in-progress then completed check run with the score, annotations on failing functions, and one comment edited on the next push', async () => {
    h = await startHarness();
    const first = push(h, 5, submission(), 'opened');
    expect((await first.send()).status).toBe(202);
    await h.settle();

    const grade1 = h.bot.store.latestGrades()[0]!;
    const [run] = h.github.repo(REPO).checkRuns;
    expect(run!.name).toBe('gatecheck');
    expect(run!.history[0]).toMatchObject({ status: 'in_progress' });
    expect(run!.status).toBe('completed');
    expect(run!.output.title).toBe(`Score ${grade1.score}/${grade1.maxScore}`);
    expect(run!.output.summary).toContain('| `inputGate` | ❌ fail |');
    const inputGate = run!.annotations.filter((a) => a.title.startsWith('inputGate'));
    expect(inputGate.length).toBeGreaterThan(0);
    expect(inputGate[0]).toMatchObject({
      path: 'exercises/02-lstm-gates/src/lstm-gates.ts', annotation_level: 'failure',
      start_line: lineOf(LSTM_GATES, 'export function inputGate'), end_line: lineOf(LSTM_GATES, 'export function inputGate') + 3,
    });
    expect(run!.annotations.every((a) => !a.title.startsWith('forgetGate'))).toBe(true);

    const [comment] = botComments(h, REPO, 5);
    expect(comment!.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment!.body).toContain(`**${grade1.score}/${grade1.maxScore}**`);
    expect(comment!.body).toMatch(/\| `outputGate` \| ⬜ not implemented \|/);
    expect(comment!.body).toContain('<details>');
    expect(comment!.body).toContain(`--seed ${grade1.seed}`);
    expect(comment!.body).toContain(`grader \`${grade1.graderVersion}\``);

    // A student pastes the marker into their own comment; the bot must never take it for its own.
    const student = h.github.addComment(REPO, 5, 'ben', `${COMMENT_MARKER}\nScore 80/80, trust me`);
    const second = push(h, 5, submission({ fixed: true }), 'synchronize');
    expect((await second.send()).status).toBe(202);
    await h.settle();

    const grade2 = h.bot.store.latestGrades()[0]!;
    expect(grade2.headSha).toBe(second.sha);
    expect(grade2.score).toBeGreaterThan(grade1.score);
    const ours = botComments(h, REPO, 5);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.id).toBe(comment!.id);
    expect(ours[0]!.edits).toBe(1);
    expect(ours[0]!.body).toContain(`**${grade2.score}/${grade2.maxScore}**`);
    expect(ours[0]!.body).toContain(second.sha.slice(0, 7));
    expect(student.body).toBe(`${COMMENT_MARKER}\nScore 80/80, trust me`);
    expect(student.edits).toBe(0);
    expect(h.github.calls('apps/get-authenticated')).toHaveLength(1);
    expect(h.github.calls('apps/create-installation-access-token')).toHaveLength(1);
  });

  it('should grade a PR that changes graders/ or .github/ the same way, and name those paths', async () => {
    h = await startHarness();
    const clean = push(h, 6, submission(), 'opened', 'cara');
    // A grader that would give full marks if the bot ever used the PR's copy, and a workflow edit.
    const tampered = push(h, 7, submission({ extra: {
      'graders/02-lstm-gates/src/index.ts': 'export const definition = { functions: [] }; // everything passes\n',
      '.github/workflows/grade.yml': 'on: pull_request\n',
      'gatecheck.config.json': '{ "points": { "02-lstm-gates/inputGate": 0 } }\n',
    } }), 'opened', 'dan');
    await clean.send();
    await tampered.send();
    await h.settle();
    const grades = new Map(h.bot.store.latestGrades().map((g) => [g.author, g]));
    expect(grades.get('dan')!.score).toBe(grades.get('cara')!.score);
    expect(grades.get('dan')!.maxScore).toBe(grades.get('cara')!.maxScore);
    expect(grades.get('dan')!.protectedPaths).toEqual(['.github/workflows/grade.yml', 'gatecheck.config.json', 'graders/02-lstm-gates/src/index.ts']);
    const warned = botComments(h, REPO, 7)[0]!.body;
    expect(warned).toContain('`.github/workflows/grade.yml`, `gatecheck.config.json`, `graders/02-lstm-gates/src/index.ts`');
    expect(botComments(h, REPO, 6)[0]!.body).not.toContain('outside `exercises/`');
  });

  it('should not grade a submission over the limits, and say which limit', async () => {
    h = await startHarness();
    const big = push(h, 8, submission({ extra: { 'exercises/02-lstm-gates/src/weights.ts': `export const w = "${'7'.repeat(1_100_000)}";\n` } }), 'opened');
    await big.send();
    await h.settle();
    const grade = h.bot.store.latestGrades()[0]!;
    expect(grade).toMatchObject({ status: 'not-graded', score: 0 });
    expect(grade.maxScore).toBeGreaterThan(0);
    expect(botComments(h, REPO, 8)[0]!.body).toContain('exercises/02-lstm-gates/src/weights.ts is 1.05 MB, over the 1 MB limit per file');
    expect(h.github.calls('git/get-blob')).toHaveLength(0);
  });

  it('should post a commit status instead of a check run in token mode, and find its own earlier comment with a fresh database', async () => {
    h = await startHarness({ mode: 'token' });
    // Comments from before (another database, or before a crash): the bot's own, and a student's copy of the marker.
    const student = h.github.addComment(REPO, 9, 'ben', `${COMMENT_MARKER}\nfake grade`);
    const earlier = h.github.addComment(REPO, 9, h.github.tokenLogin, `${COMMENT_MARKER}\n### gatecheck: 1/103`);
    const first = push(h, 9, submission(), 'opened');
    await first.send();
    await h.settle();
    expect(h.github.repo(REPO).comments).toHaveLength(2);
    expect(earlier.edits).toBe(1);
    expect(earlier.body).toContain(first.sha.slice(0, 7));
    expect(student.edits).toBe(0);
    const grade = h.bot.store.latestGrades()[0]!;
    expect(h.github.calls('checks/create')).toHaveLength(0);
    expect(h.github.repo(REPO).statuses.map((s) => [s.state, s.context, s.description])).toEqual([
      ['pending', 'gatecheck', 'Grading…'],
      [grade.score === grade.maxScore ? 'success' : 'failure', 'gatecheck', `Score ${grade.score}/${grade.maxScore}`],
    ]);
    expect(h.github.calls('users/get-authenticated')).toHaveLength(1);
  });

  it('should send more than 50 annotations in batches of at most 50, completing the run with the last', async () => {
    // The batching is the bot's; a grader seam supplies a report with 120 failing checks.
    const many: SubmissionGrader = {
      async grade(request) {
        const report: GradingReport = {
          schemaVersion: 1, submission: request.submissionLabel, seed: 3, score: 0, maxScore: 120,
          exercises: [{
            id: '02-lstm-gates', status: 'graded', message: null, score: 0, maxScore: 120, entry: '02-lstm-gates/src/lstm-gates.ts',
            functions: { inputGate: { file: '02-lstm-gates/src/lstm-gates.ts', startLine: 16, endLine: 19 } },
            checks: Array.from({ length: 120 }, (_, k) => ({
              id: `02-lstm-gates/inputGate/kind${k}`, function: 'inputGate', kind: `kind${k}`, status: 'failed' as const,
              score: 0, maxScore: 1, feedback: `case ${k} wrong`, diagnosis: null, counterexample: null,
            })),
          }],
        };
        return report;
      },
    };
    h = await startHarness({ grader: many });
    await push(h, 10, submission(), 'opened').send();
    await h.settle();
    const [run] = h.github.repo(REPO).checkRuns;
    expect(run!.annotations).toHaveLength(120);
    const updates = h.github.calls('checks/update').map((r) => ({ n: r.body.output?.annotations?.length ?? 0, status: r.body.status }));
    expect(updates).toEqual([{ n: 50, status: undefined }, { n: 50, status: undefined }, { n: 20, status: 'completed' }]);
    expect(run!.conclusion).toBe('failure');
  });

  it('should cancel the check run of a commit still being graded when a newer push arrives, and post only the newer grade', async () => {
    const gated = gatedGrader(realGrader());
    h = await startHarness({ grader: gated.grader });
    const older = push(h, 11, submission(), 'opened');
    await older.send();
    await waitFor(() => gated.started() && h.github.repo(REPO).checkRuns.length === 1, 120_000, 'the first grading to start');
    const newer = push(h, 11, submission({ fixed: true }), 'synchronize');
    await newer.send();
    gated.release();
    await h.settle();

    const runs = new Map(h.github.repo(REPO).checkRuns.map((r) => [r.headSha, r]));
    expect(runs.get(older.sha)).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    expect(runs.get(older.sha)!.output.title).toBe('Superseded by a newer push');
    const grade = h.bot.store.latestGrades()[0]!;
    expect(grade.headSha).toBe(newer.sha);
    expect(runs.get(newer.sha)).toMatchObject({ status: 'completed', output: expect.objectContaining({ title: `Score ${grade.score}/${grade.maxScore}` }) });
    const comments = botComments(h, REPO, 11);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.edits).toBe(0);
    expect(comments[0]!.body).toContain(newer.sha.slice(0, 7));
    expect(h.bot.store.jobs().map((j) => j.state)).toEqual(['superseded', 'graded']);
  });

  it('should complete an older commit\'s run as neutral when its grade was stored but not yet posted, and never post it as the PR\'s grade', async () => {
    h = await startHarness();
    // GitHub refuses check-run updates for a while, so the older grade waits in the outbox.
    h.github.fail((r) => r.operationId === 'checks/update', Infinity, { status: 503, body: { message: 'Service Unavailable' } });
    const older = push(h, 12, submission(), 'opened');
    await older.send();
    await waitFor(() => h.bot.store.latestGrades().length === 1 && h.github.calls('checks/update').length >= 2, 120_000, 'the older grade to be stored and its post to fail');
    const post = () => h.bot.store.posts().find((p) => p.jobId === 1 && p.kind === 'check-run')!;
    const attemptsBefore = post().attempts;
    const newer = push(h, 12, submission({ fixed: true }), 'synchronize');
    await newer.send();
    // An attempt that began before the newer push may still be retrying its old body; wait for one that began after.
    await waitFor(() => post().attempts >= attemptsBefore + 2, 120_000, 'a post attempt made after the newer push');
    h.github.clearFaults();
    await h.settle();
    const runs = new Map(h.github.repo(REPO).checkRuns.map((r) => [r.headSha, r]));
    expect(runs.get(older.sha)).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(runs.get(older.sha)!.output.title).toMatch(/^Superseded \(this commit: /);
    const comments = botComments(h, REPO, 12);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(newer.sha.slice(0, 7));
    expect(comments[0]!.edits).toBe(0);
  });
});

// `pnpm bench bot-load`: a deadline burst on the grading bot. Starts `gatecheck serve` as its own process against
// a local stand-in for api.github.com, gets one grading going, then sends 200 signed deliveries for 50 pull
// requests (4 pushes each) as fast as a client can. Records how fast each delivery was acknowledged while
// grading runs, checks that every PR ends with exactly one comment showing its latest commit's grade, and
// writes the `## Bot` section of BENCHMARKS.md. Goal: acknowledgement p99 under 1 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The bot's own test doubles (a fake GitHub checked against the OpenAPI description, example deliveries,
// student submissions); apps/bench does not depend on @gatecheck/github-bot, so they are imported by path.
import { FakeGitHub } from '../../../github-bot/src/__test-helpers__/fake-github.js';
import { pullRequestPayload, sendDelivery } from '../../../github-bot/src/__test-helpers__/deliveries.js';
import { ACTIVATIONS, LSTM_GATES, LSTM_GATES_FIXED } from '../../../github-bot/src/__test-helpers__/submissions.js';
import { Store } from '../../../github-bot/src/store.js';
import { signBody } from '../../../github-bot/src/signature.js';
import { writeSection } from '../lib/benchmarks-md.js';
import { machine, machineLine } from '../lib/machine.js';
import { UsageError } from '../lib/usage-error.js';

export const description = '200 webhook deliveries for 50 PRs in a burst while grading runs: acknowledgement latency, one correct comment per PR';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const REPO = 'course/deadline';
const SECRET = 'bench-webhook-secret';

/** The k-th push of a PR: a student getting further with each push (PR parity varies the final state). */
function pushFiles(pr: number, k: number, pushes: number): Record<string, string> {
  const files: Record<string, string> = { 'README.md': `PR ${pr} push ${k}\n` };
  if (k >= 1) files['exercises/01-activations/src/activations.ts'] = ACTIVATIONS;
  if (k >= 2) files['exercises/02-lstm-gates/src/lstm-gates.ts'] = k === pushes - 1 && pr % 2 === 0 ? LSTM_GATES_FIXED : LSTM_GATES;
  return files;
}

// The client runs on its own thread: the fake GitHub answering the bot in this thread must not delay the
// client's own timing of acknowledgements.
const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, items, concurrency } = workerData;
  const latencies = [];
  const statuses = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const item = items[next++];
      const t = performance.now();
      const response = await fetch(url, { method: 'POST', headers: item.headers, body: item.body });
      await response.text();
      latencies.push(performance.now() - t);
      statuses[response.status] = (statuses[response.status] || 0) + 1;
    }
  }));
  parentPort.postMessage({ latencies, statuses, burstMs: performance.now() - started });
})();
`;

interface Burst { latencies: number[]; statuses: Record<string, number>; burstMs: number }

function sendBurst(url: string, items: { headers: Record<string, string>; body: string }[], concurrency: number): Promise<Burst> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SENDER, { eval: true, workerData: { url, items, concurrency } });
    worker.once('message', (m: Burst) => resolve(m));
    worker.once('error', reject);
  });
}

/** CPU time (user + system, ms) a process has used so far, from /proc (null where there is none). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Starts `gatecheck serve` with its output going to a file, as under systemd: a pipe that this busy process
 * reads late would block the server's writes (pipes are synchronous on Linux) and inflate its latency.
 */
function startServer(env: Record<string, string>, logFile: string): { child: ChildProcess; url: Promise<string>; log: () => string } {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--no-warnings', 'scripts/gatecheck.mjs', 'serve'], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const log = () => readFileSync(logFile, 'utf8');
  const url = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /gatecheck bot ready url=(http:\/\/127\.0\.0\.1:\d+)/.exec(log());
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`gatecheck serve exited with ${code}: ${log().trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
  return { child, url, log };
}

export async function run(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: {
      prs: { type: 'string' }, pushes: { type: 'string' }, concurrency: { type: 'string' }, workers: { type: 'string' },
      runs: { type: 'string' }, 'no-write': { type: 'boolean' }, help: { type: 'boolean' },
    } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write('usage: pnpm bench bot-load [--prs 50] [--pushes 4] [--concurrency 25] [--workers N] [--runs N] [--no-write]\n');
    return;
  }
  const prs = Number(values.prs ?? 50);
  const pushes = Number(values.pushes ?? 4);
  const concurrency = Number(values.concurrency ?? 25);
  for (const [name, v] of [['prs', prs], ['pushes', pushes], ['concurrency', concurrency]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} must be a whole number >= 1`);
  }
  if (pushes < 3) throw new UsageError('--pushes must be at least 3 (the pushes build up a submission)');

  const m = machine();
  const work = await mkdtemp(join(tmpdir(), 'gatecheck-bench-bot-'));
  const github = new FakeGitHub();
  await github.start();
  const keyPath = join(work, 'app.private-key.pem');
  await writeFile(keyPath, github.privateKeyPkcs1Pem);
  const database = join(work, 'bot.db');
  const server = startServer({
    WEBHOOK_SECRET: SECRET, GITHUB_APP_ID: String(github.appId), GITHUB_PRIVATE_KEY_PATH: keyPath, GITHUB_API_URL: github.url,
    DATABASE_PATH: database, PORT: '0', HOST: '127.0.0.1',
    ...(values.workers ? { GATECHECK_WORKERS: values.workers } : {}), ...(values.runs ? { GATECHECK_NUM_RUNS: values.runs } : {}),
  }, join(work, 'serve.log'));
  try {
    const url = await server.url;
    let clock = Date.parse('2026-12-01T09:00:00Z');
    const delivery = (number: number, sha: string, action: 'opened' | 'synchronize', author: string) =>
      pullRequestPayload({ action, repository: REPO, number, headSha: sha, author, updatedAt: new Date((clock += 1000)).toISOString() });

    // Something is being graded before the burst starts, so acknowledgements are measured while grading runs.
    const warmSha = github.commit(REPO, pushFiles(0, pushes - 1, pushes));
    github.setPull(REPO, { number: 1000, state: 'open', author: 'warm-up', headSha: warmSha, changedFiles: [] });
    await sendDelivery(url, { event: 'pull_request', payload: delivery(1000, warmSha, 'opened', 'warm-up'), secret: SECRET });
    await waitFor(() => github.repo(REPO).checkRuns.some((r) => r.headSha === warmSha && r.status === 'in_progress'), 120_000, 'the warm-up grading to start');

    // Deliveries go out round by round (every PR's first push, then every PR's second...), `concurrency` at a time.
    const latest = new Map<number, string>();
    const queue: { pr: number; sha: string; payload: Record<string, unknown> }[] = [];
    for (let k = 0; k < pushes; k++) {
      for (let pr = 1; pr <= prs; pr++) {
        const sha = github.commit(REPO, pushFiles(pr, k, pushes));
        latest.set(pr, sha);
        queue.push({ pr, sha, payload: delivery(pr, sha, k === 0 ? 'opened' : 'synchronize', `student-${pr}`) });
      }
    }
    for (const [pr, sha] of latest) {
      github.setPull(REPO, { number: pr, state: 'open', author: `student-${pr}`, headSha: sha, changedFiles: [{ filename: 'exercises/01-activations/src/activations.ts', status: 'modified' }] });
    }
    const items = queue.map((item) => {
      const body = JSON.stringify(item.payload);
      return {
        body,
        headers: {
          'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(),
          'x-hub-signature-256': signBody(SECRET, body), 'user-agent': 'GitHub-Hookshot/bench',
        },
      };
    });
    const cpuBefore = cpuMs(server.child.pid);
    const { latencies, statuses: statusCounts, burstMs } = await sendBurst(`${url}/api/github/webhooks`, items, concurrency);
    const cpuAfter = cpuMs(server.child.pid);
    const gradingThroughout = github.repo(REPO).checkRuns.find((r) => r.headSha === warmSha)?.status === 'in_progress';
    const statuses = new Map(Object.entries(statusCounts).map(([k, v]) => [Number(k), v]));
    const burstStart = performance.now() - burstMs;
    process.stderr.write(`burst of ${queue.length} deliveries sent in ${(burstMs / 1000).toFixed(2)} s; waiting for grades to be posted…\n`);

    // Done when every PR's comment shows its latest commit and the bot's store has nothing left to do.
    const store = () => new Store(database, { readonly: true });
    const botLogin = `${github.appSlug}[bot]`;
    const comments = (pr: number) => github.repo(REPO).comments.filter((c) => c.issueNumber === pr && c.login === botLogin);
    let settled = false;
    await waitFor(() => {
      if (![...latest].every(([pr, sha]) => comments(pr).some((c) => c.body.includes(sha.slice(0, 7))))) return false;
      const s = store();
      try {
        const c = s.counts();
        settled = c.queued === 0 && c.grading === 0 && c.pendingPosts === 0;
      } finally {
        s.close();
      }
      return settled;
    }, 60 * 60_000, 'every PR to show its latest grade');
    const settleMs = performance.now() - burstStart;
    await sleep(1000);

    // Verification: exactly one bot comment per PR, with the latest commit and its stored score.
    const s = store();
    const grades = new Map(s.latestGrades().map((g) => [g.author, g]));
    const jobs = s.jobs();
    s.close();
    const problems: string[] = [];
    for (const [pr, sha] of latest) {
      const ours = comments(pr);
      const grade = grades.get(`student-${pr}`);
      if (ours.length !== 1) problems.push(`PR ${pr}: ${ours.length} bot comments`);
      if (!grade || grade.headSha !== sha) problems.push(`PR ${pr}: gradebook holds ${grade?.headSha.slice(0, 7) ?? 'nothing'}, latest is ${sha.slice(0, 7)}`);
      else if (!ours[0]?.body.includes(`**${grade.score}/${grade.maxScore}**`) || !ours[0]?.body.includes(sha.slice(0, 7))) problems.push(`PR ${pr}: comment does not show ${grade.score}/${grade.maxScore} for ${sha.slice(0, 7)}`);
      const run = github.repo(REPO).checkRuns.find((r) => r.headSha === sha);
      if (!run || run.status !== 'completed' || (grade && run.output.title !== `Score ${grade.score}/${grade.maxScore}`)) problems.push(`PR ${pr}: latest check run not completed with its score`);
    }
    if (github.violations.length > 0) problems.push(`${github.violations.length} requests outside GitHub's API description: ${github.violations[0]}`);

    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p90 = percentile(sorted, 90);
    const p99 = percentile(sorted, 99);
    const max = sorted.at(-1) ?? NaN;
    const graded = jobs.filter((j) => j.state === 'graded').length;
    const superseded = jobs.filter((j) => j.state === 'superseded').length;
    const runs = github.repo(REPO).checkRuns;
    const conclusions = runs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.conclusion ?? r.status]: (acc[r.conclusion ?? r.status] ?? 0) + 1 }), {});
    const stale = queue.length + 1 - jobs.length;
    const cmd = `pnpm bench bot-load${prs !== 50 ? ` --prs ${prs}` : ''}${pushes !== 4 ? ` --pushes ${pushes}` : ''}${concurrency !== 25 ? ` --concurrency ${concurrency}` : ''}${values.workers ? ` --workers ${values.workers}` : ''}${values.runs ? ` --runs ${values.runs}` : ''}`;
    const body = [
      `Machine: ${machineLine(m)}.`,
      `Command: \`${cmd}\` — starts \`pnpm gatecheck serve\` (app mode, ${values.workers ?? 'default'} grading worker${values.workers === '1' ? '' : 's'}, ${values.runs ? `${values.runs} runs per check` : 'course numRuns'}, GitHub's write pacing on) against a local fake of api.github.com on loopback, starts one grading, then sends ${queue.length} signed \`pull_request\` deliveries for ${prs} PRs (${pushes} pushes each, ${concurrency} in flight at a time) and times each acknowledgement at the client.`,
      '',
      '| deliveries | answered | ack p50 | ack p90 | ack p99 | ack max | burst sent in | all grades posted after |',
      '|---:|---|---:|---:|---:|---:|---:|---:|',
      `| ${queue.length} | ${[...statuses].map(([k, v]) => `${v}× ${k}`).join(', ')} | ${p50.toFixed(1)} ms | ${p90.toFixed(1)} ms | ${p99.toFixed(1)} ms | ${max.toFixed(1)} ms | ${(burstMs / 1000).toFixed(2)} s | ${(settleMs / 1000).toFixed(0)} s |`,
      '',
      `Server CPU during the burst: ${cpuBefore !== null && cpuAfter !== null ? `${(cpuAfter - cpuBefore).toFixed(0)} ms, ${((cpuAfter - cpuBefore) / queue.length).toFixed(1)} ms per delivery (from /proc, 10 ms ticks)` : 'not measured (no /proc)'}; the warm-up grading was still running when the burst ended: ${gradingThroughout ? 'yes' : 'no'}. Ack latency is wall time at the client, so the machine's other load (see the load average) adds to it.`,
      `Work done: ${jobs.length} jobs queued (${stale} deliveries of an older push arrived after a newer one and were ignored), ${graded} graded, ${superseded} superseded before their result was posted; ${runs.length} check runs (${Object.entries(conclusions).map(([k, v]) => `${v} ${k}`).join(', ')}); ${github.requests.length} GitHub requests, all matching the OpenAPI description: ${github.violations.length === 0 ? 'yes' : 'NO'}.`,
      `Outcome: ${problems.length === 0 ? `every PR ends with exactly one bot comment showing its latest commit's grade, equal to the gradebook's (${prs}/${prs})` : `PROBLEMS: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` and ${problems.length - 5} more` : ''}`}.`,
      `Goal: acknowledgement p99 under 1 s while grading runs — ${p99 < 1000 ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms). "All grades posted after" counts from the first delivery of the burst to the last PR's comment and is dominated by grading (one process per submission) and GitHub's pacing of writes (1 s between writes, 3 s between comments, per installation).`,
    ].join('\n');
    if (!values['no-write']) writeSection('Bot', body);
    process.stdout.write(`${body}\n`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    if (server.child.exitCode === null) {
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      await exited;
    }
    await github.stop();
    await rm(work, { recursive: true, force: true });
  }
}

// `pnpm gatecheck serve` itself, as a deployment runs it: refuses bad settings in one line, otherwise serves
// /healthz and grades a delivery end to end, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from './__test-helpers__/fake-github.js';
import { pullRequestPayload, sendDelivery } from './__test-helpers__/deliveries.js';
import { submission } from './__test-helpers__/submissions.js';
import { waitFor } from './__test-helpers__/harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', 'serve'], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out.stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { out.stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

// Under CI load one grading can take many seconds; the waits below are for conditions, not speed.
describe('gatecheck serve', { timeout: 180_000 }, () => {
  let github: FakeGitHub | null = null;
  let running: ReturnType<typeof serve> | null = null;
  afterEach(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    await github?.stop();
  });

  it('should refuse to start without WEBHOOK_SECRET, with exit status 1 and one line', async () => {
    running = serve({ GITHUB_TOKEN: 'ghp_abc' });
    expect(await running.exited).toBe(1);
    expect(running.out.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^gatecheck serve: WEBHOOK_SECRET is not set/)]);
  });

  it('should serve /healthz, grade a delivery in app mode (preferred over the token) and stop on SIGTERM', async () => {
    github = new FakeGitHub();
    await github.start();
    const dir = mkdtempSync(join(tmpdir(), 'gatecheck-serve-'));
    // The key file exactly as GitHub hands it out: PKCS#1.
    writeFileSync(join(dir, 'app.private-key.pem'), github.privateKeyPkcs1Pem);
    const secret = 'serve-test-webhook-secret';
    running = serve({
      WEBHOOK_SECRET: secret, GITHUB_APP_ID: String(github.appId), GITHUB_PRIVATE_KEY_PATH: join(dir, 'app.private-key.pem'),
      GITHUB_TOKEN: github.token, GITHUB_API_URL: github.url, DATABASE_PATH: join(dir, 'bot.db'), PORT: '0', HOST: '127.0.0.1',
      GATECHECK_NUM_RUNS: '5',
    });
    await waitFor(() => /gatecheck bot ready url=http:\/\/127\.0\.0\.1:\d+/.test(running!.out.stdout) || running!.child.exitCode !== null, 120_000, 'the server to start');
    const url = /url=(http:\/\/127\.0\.0\.1:\d+)/.exec(running.out.stdout)![1]!;
    expect(running.out.stdout).toContain('mode=app');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const repo = 'course/hal-lstm';
    const sha = github.commit(repo, submission());
    github.setPull(repo, { number: 1, state: 'open', author: 'hal', headSha: sha, changedFiles: [] });
    const ack = await sendDelivery(url, { event: 'pull_request', payload: pullRequestPayload({ action: 'opened', repository: repo, number: 1, headSha: sha, author: 'hal' }), secret });
    expect(ack.status).toBe(202);
    await waitFor(() => github!.repo(repo).comments.length === 1 && github!.repo(repo).checkRuns[0]?.status === 'completed', 150_000, 'the grade to be posted');
    expect(github.repo(repo).comments[0]!.login).toBe(`${github.appSlug}[bot]`);
    expect(github.repo(repo).comments[0]!.body).toMatch(/^<!-- gatecheck -->\n\n### gatecheck: \d+(\.\d+)?\/\d+/);
    expect(github.violations).toEqual([]);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    const output = running.out.stdout + running.out.stderr;
    for (const credential of [secret, github.token, ...github.issuedTokens.keys(), github.privateKeyPkcs1Pem.split('\n')[1]!]) {
      expect(output).not.toContain(credential);
    }
  });
});

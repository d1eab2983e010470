// Starts a fake GitHub and the real bot against it (loopback only, port 0, a fresh SQLite file), collects every
// log line, and waits for the bot to settle. Restarting keeps the database, like a redeployed server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startBot, type BotOptions, type RunningBot } from '../bot.js';
import { createLogger } from '../logger.js';
import type { BotSettings } from '../settings.js';
import { childProcessGrader, GradingAbortedError, type SubmissionGrader } from '../grader.js';
import { FakeGitHub } from './fake-github.js';

export interface HarnessOptions {
  mode?: 'app' | 'token';
  /** Default: the real course graders in a child process (`@gatecheck/course`). */
  grader?: SubmissionGrader;
  workers?: number;
  numRuns?: number | null;
  allowedRepos?: string[] | null;
  bot?: BotOptions;
}

export interface Harness {
  github: FakeGitHub;
  bot: RunningBot;
  settings: BotSettings;
  secret: string;
  logs: string[];
  restart(): Promise<void>;
  /** Waits (polling) until nothing is queued, grading or waiting to be posted. */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Fast retries for loopback tests: the bot's behaviour is the same, only the waits are shorter. */
export const FAST_RETRIES: BotOptions = {
  github: { retryBaseMs: 5, throttleBaseMs: 5, paceWrites: false, retries: 2 },
  postRetryBaseMs: 20,
  postRetryMaxMs: 200,
  jobRetryBaseMs: 20,
  provenance: { graderVersion: 'test', graderCommit: 'abcdef1234567890' },
};

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const github = new FakeGitHub();
  await github.start();
  const dir = mkdtempSync(join(tmpdir(), 'gatecheck-bot-test-'));
  const secret = `whsec-${randomBytes(16).toString('hex')}`;
  const mode = options.mode ?? 'app';
  const settings: BotSettings = {
    port: 0,
    host: '127.0.0.1',
    webhookSecret: secret,
    apiUrl: github.url,
    auth: mode === 'app' ? { mode: 'app', appId: String(github.appId), privateKey: github.privateKeyPem } : { mode: 'token', token: github.token },
    databasePath: join(dir, 'gatecheck.db'),
    allowedRepos: options.allowedRepos ?? null,
    workers: options.workers ?? 1,
    numRuns: options.numRuns === undefined ? 5 : options.numRuns,
  };
  const logs: string[] = [];
  const start = () => startBot(settings, {
    ...FAST_RETRIES,
    ...options.bot,
    grader: options.grader ?? realGrader(),
    logger: createLogger({ sink: (line) => logs.push(line), level: 'debug' }),
  });
  const harness: Harness = {
    github, settings, secret, logs,
    bot: await start(),
    async restart() {
      await harness.bot.stop();
      harness.bot = await start();
    },
    async settle(timeoutMs = 150_000) {
      await waitFor(() => harness.bot.isSettled(), timeoutMs, 'the bot to settle');
    },
    async close() {
      await harness.bot.stop();
      await github.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The bot's own default grader: @gatecheck/course in a child process that inherits none of the bot's environment. */
export const realGrader = (): SubmissionGrader => childProcessGrader();

/**
 * Wraps a grader so its first grading waits for `release()` (or an abort): lets a test push again while a
 * commit is still being graded, without depending on how long grading takes.
 */
export function gatedGrader(inner: SubmissionGrader): { grader: SubmissionGrader; release: () => void; started: () => boolean } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let calls = 0;
  let started = false;
  return {
    release,
    started: () => started,
    grader: {
      async grade(request, signal) {
        if (++calls === 1) {
          started = true;
          await new Promise<void>((resolve, reject) => {
            if (signal.aborted) return reject(new GradingAbortedError('superseded'));
            signal.addEventListener('abort', () => reject(new GradingAbortedError('superseded')), { once: true });
            void gate.then(resolve);
          });
        }
        return inner.grade(request, signal);
      },
    },
  };
}

/** Every credential the run involved: the webhook secret, the key (each line), the token, issued installation tokens. */
export function credentialsOf(h: Harness): string[] {
  const keyLines = [h.github.privateKeyPem, h.github.privateKeyPkcs1Pem].flatMap((pem) => pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
  return [h.secret, h.github.token, ...h.github.issuedTokens.keys(), ...keyLines];
}

/** The checks every end-to-end test ends with: each request matched GitHub's OpenAPI description, no log line holds a credential. */
export function expectCleanRun(h: Harness) {
  if (h.github.violations.length > 0) throw new Error(`requests outside GitHub's API description:\n${h.github.violations.join('\n')}`);
  const logs = h.logs.join('\n');
  for (const credential of credentialsOf(h)) {
    if (logs.includes(credential)) throw new Error(`a log line contains a credential (${credential.slice(0, 6)}…)`);
  }
}

/** The bot's comments on a PR (authored by the app's bot user or, in token mode, the token's user). */
export function botComments(h: Harness, repository: string, pr: number) {
  const login = h.settings.auth.mode === 'app' ? `${h.github.appSlug}[bot]` : h.github.tokenLogin;
  return h.github.repo(repository).comments.filter((c) => c.issueNumber === pr && c.login === login);
}

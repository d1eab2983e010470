// Puts the bot together: the SQLite store, the webhook server, the grading queue and the outbox poster.
// `pnpm gatecheck serve` calls `startBot` with settings from the environment; tests call it the same way.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { BotSettings } from './settings.js';
import { secretsOf } from './settings.js';
import { createLogger, type Logger } from './logger.js';
import { Store } from './store.js';
import { GitHubClient, type GitHubClientOptions } from './github-client.js';
import { childProcessGrader, type SubmissionGrader } from './grader.js';
import { GradingQueue } from './grading-queue.js';
import { Poster } from './poster.js';
import { createWebhookServer } from './webhook-server.js';
import { installationProvenance, type Provenance } from './provenance.js';
import type { SubmissionLimits } from './submission-fetch.js';

export interface BotOptions {
  /** Grades a submission folder (default: `@gatecheck/course` in a child process that inherits none of the bot's environment). */
  grader?: SubmissionGrader;
  /** Log sink (default: one line per record on stdout/stderr, secrets redacted). */
  logger?: Logger;
  /** GitHub client tuning: retry and rate-limit units, write pacing (tests and the load bench shorten them). */
  github?: Pick<GitHubClientOptions, 'retryBaseMs' | 'retries' | 'throttleBaseMs' | 'paceWrites' | 'maxRateLimitWaitSeconds' | 'requestTimeoutMs'>;
  /** First and longest delay between attempts of a failed post (defaults 5 s and 10 min). */
  postRetryBaseMs?: number;
  postRetryMaxMs?: number;
  /** First delay before a job interrupted by a GitHub failure runs again (default 5 s). */
  jobRetryBaseMs?: number;
  /** Submission limits (default 1 MB per file, 500 files, 10 MB). */
  limits?: SubmissionLimits;
  /** Grader version and commit shown when the report does not carry them (default: read from the installation). */
  provenance?: Provenance;
}

export interface RunningBot {
  /** `http://host:port` the server listens on. */
  url: string;
  port: number;
  store: Store;
  logger: Logger;
  /** True when nothing is queued, being graded or waiting to be posted. */
  isSettled(): boolean;
  /** Stops accepting deliveries, kills running gradings (queued again at the next start) and closes the store. */
  stop(): Promise<void>;
}

export async function startBot(settings: BotSettings, options: BotOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ secrets: secretsOf(settings) });
  for (const secret of secretsOf(settings)) logger.addSecret(secret);
  const store = new Store(settings.databasePath);
  let server: Server | null = null;
  try {
    const recovered = store.recoverAfterRestart();
    store.pruneDeliveries();
    const github = new GitHubClient({ apiUrl: settings.apiUrl, auth: settings.auth, logger, ...options.github });
    const poster = new Poster({
      store, github, logger,
      ...(options.postRetryBaseMs !== undefined ? { retryBaseMs: options.postRetryBaseMs } : {}),
      ...(options.postRetryMaxMs !== undefined ? { retryMaxMs: options.postRetryMaxMs } : {}),
    });
    const grader = options.grader ?? childProcessGrader();
    const queue = new GradingQueue({
      store, github, logger,
      grader,
      workers: settings.workers,
      numRuns: settings.numRuns,
      provenance: options.provenance ?? installationProvenance(),
      onPosts: () => poster.kick(),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.jobRetryBaseMs !== undefined ? { retryBaseMs: options.jobRetryBaseMs } : {}),
    });
    let ready = false;
    server = createWebhookServer({
      store, logger,
      webhookSecret: settings.webhookSecret,
      intake: { allowedRepos: settings.allowedRepos, requireInstallation: settings.auth.mode === 'app' },
      ready: () => ready,
      onQueued: (superseded) => {
        queue.abort(superseded);
        setImmediate(() => queue.kick());
      },
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(settings.port, settings.host, () => resolve());
    });
    const port = (listening.address() as AddressInfo).port;
    const host = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
    ready = true;
    logger.info('gatecheck bot ready', {
      url: `http://${host}:${port}`, mode: settings.auth.mode, api: settings.apiUrl, workers: settings.workers,
      requeuedJobs: recovered.requeued, pendingPosts: recovered.pendingPosts,
    });
    queue.kick();
    poster.kick();

    let stopping: Promise<void> | null = null;
    return {
      url: `http://${host}:${port}`,
      port,
      store,
      logger,
      isSettled: () => {
        const c = store.counts();
        return c.queued === 0 && c.grading === 0 && c.pendingPosts === 0 && queue.active === 0;
      },
      stop: () => {
        stopping ??= (async () => {
          ready = false;
          listening.closeAllConnections();
          await new Promise<void>((resolve) => listening.close(() => resolve()));
          queue.stop();
          poster.stop();
          grader.close?.();
          await Promise.race([Promise.all([queue.whenIdle(), poster.whenIdle()]), new Promise((r) => setTimeout(r, 10_000).unref())]);
          store.close();
          logger.info('gatecheck bot stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    server?.close();
    store.close();
    throw error;
  }
}

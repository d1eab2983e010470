// Authenticated Octokit clients for the bot: one token for everything (token mode), or a JWT traded for
// per-installation tokens (app mode). Every client retries 5xx answers and waits out rate limits
// (@octokit/plugin-retry, @octokit/plugin-throttling); what still fails goes back to the outbox's own backoff.
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { createAppAuth } from '@octokit/auth-app';
import type { AuthSettings } from './settings.js';
import type { Logger } from './logger.js';
import { InstallationTokens } from './installation-tokens.js';

const BotOctokit = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof BotOctokit>;

export interface GitHubClientOptions {
  /** REST base URL (`GITHUB_API_URL`). */
  apiUrl: string;
  auth: AuthSettings;
  logger: Logger;
  /** plugin-retry's unit: the n-th retry waits n² units (default 1000 ms). */
  retryBaseMs?: number;
  /** Retries of a 5xx answer before the outbox takes over (default 3). */
  retries?: number;
  /** plugin-throttling's unit for `retry-after` seconds (default 1000 ms). */
  throttleBaseMs?: number;
  /** A rate limit that resets later than this is left to the outbox's backoff instead of waited out (default 60 s). */
  maxRateLimitWaitSeconds?: number;
  /**
   * GitHub asks integrations to leave a second between writes and more between notification-creating posts
   * (plugin-throttling's default pacing). Tests and the load bench on loopback turn it off (default true).
   */
  paceWrites?: boolean;
  /** Per-request time limit (default 30 s). */
  requestTimeoutMs?: number;
}

// plugin-throttling paces writes through these groups; this stand-in lets requests through at once.
const NO_PACING = { key: () => ({ schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) => fn(...args) }) };

export class GitHubClient {
  private readonly clients = new Map<string, GitHub>();
  private readonly tokens: InstallationTokens | null;
  private readonly app: GitHub | null;
  private login: Promise<string> | null = null;

  constructor(private readonly options: GitHubClientOptions) {
    const auth = options.auth;
    if (auth.mode === 'app') {
      this.app = this.build('app', { authStrategy: createAppAuth, auth: { appId: Number(auth.appId) || auth.appId, privateKey: auth.privateKey } });
      const app = this.app;
      this.tokens = new InstallationTokens({
        issue: async (installationId) => {
          const result = (await app.auth({ type: 'installation', installationId, refresh: true })) as { token: string; expiresAt: string };
          return { token: result.token, expiresAt: result.expiresAt };
        },
        onIssued: (token) => options.logger.addSecret(token),
      });
    } else {
      this.app = null;
      this.tokens = null;
    }
  }

  get mode(): AuthSettings['mode'] {
    return this.options.auth.mode;
  }

  /** The client for requests about one installation's repositories (the shared token in token mode). */
  forInstallation(installationId: number | null): GitHub {
    const auth = this.options.auth;
    if (auth.mode === 'token') {
      return this.cached('token', () => this.build('token', { auth: auth.token }));
    }
    if (installationId === null) throw new Error('app mode needs the installation id of the delivery');
    const tokens = this.tokens!;
    return this.cached(`installation-${installationId}`, () =>
      this.build(`installation-${installationId}`, { authStrategy: () => installationAuth(tokens, installationId) }));
  }

  /**
   * The login the bot's comments are authored by: `<app slug>[bot]` from `GET /app` in app mode, the token's
   * user from `GET /user` in token mode. Asked once; a failure is asked again next time.
   */
  botLogin(): Promise<string> {
    if (this.login === null) {
      const ask = async () => {
        if (this.app !== null) {
          const { data } = await this.app.request('GET /app');
          if (!data?.slug) throw new Error('GET /app returned no slug');
          return `${data.slug}[bot]`;
        }
        const { data } = await this.forInstallation(null).request('GET /user');
        return data.login;
      };
      this.login = ask().catch((error: unknown) => {
        this.login = null;
        throw error;
      });
    }
    return this.login;
  }

  private cached(key: string, make: () => GitHub): GitHub {
    let client = this.clients.get(key);
    if (!client) {
      client = make();
      this.clients.set(key, client);
    }
    return client;
  }

  private build(id: string, extra: Record<string, unknown>): GitHub {
    const { logger } = this.options;
    const maxWait = this.options.maxRateLimitWaitSeconds ?? 60;
    const timeoutMs = this.options.requestTimeoutMs ?? 30_000;
    const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
      const wait = retryCount < 3 && retryAfter <= maxWait;
      logger.warn(`GitHub ${kind}`, { request: `${options.method} ${options.url}`, retryAfterSeconds: retryAfter, retrying: wait });
      return wait;
    };
    return new BotOctokit({
      baseUrl: this.options.apiUrl,
      userAgent: 'gatecheck-bot',
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => logger.warn(`octokit: ${message}`),
        // Octokit logs every failed request as an error, retried or not; the bot logs what finally failed.
        error: (message: string) => logger.warn(`octokit: ${message}`),
      },
      request: {
        fetch: (url: string | URL, init?: RequestInit) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
      },
      retry: { retries: this.options.retries ?? 3, retryAfterBaseValue: this.options.retryBaseMs ?? 1000 },
      throttle: {
        id: `gatecheck-${id}`,
        retryAfterBaseValue: this.options.throttleBaseMs ?? 1000,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        ...(this.options.paceWrites === false ? { write: NO_PACING, notifications: NO_PACING } : {}),
      },
      ...extra,
    } as ConstructorParameters<typeof BotOctokit>[0]);
  }
}

type RequestFn = ((route: unknown, parameters?: unknown) => Promise<unknown>) & {
  endpoint: { merge: (route: unknown, parameters?: unknown) => { headers: Record<string, string>; [k: string]: unknown } };
};

/** An Octokit auth strategy that signs every request with the installation's cached token. */
function installationAuth(tokens: InstallationTokens, installationId: number) {
  const auth = async () => ({ type: 'token', tokenType: 'installation', token: await tokens.get(installationId) });
  const hook = async (request: RequestFn, route: unknown, parameters?: unknown) => {
    const endpoint = request.endpoint.merge(route, parameters);
    endpoint.headers.authorization = `token ${await tokens.get(installationId)}`;
    try {
      return await request(endpoint as never);
    } catch (error) {
      if ((error as { status?: number }).status !== 401) throw error;
      endpoint.headers.authorization = `token ${await tokens.get(installationId, true)}`;
      return request(endpoint as never);
    }
  };
  return Object.assign(auth, { hook });
}

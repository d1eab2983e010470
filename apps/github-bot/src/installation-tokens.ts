// Installation tokens, each cached until shortly before GitHub says it expires (tokens live one hour). A
// request that comes back 401 asks for a fresh one once, in case the token was revoked early.

export interface IssuedToken {
  token: string;
  /** ISO time from GitHub's `expires_at`. */
  expiresAt: string;
}

export interface InstallationTokenOptions {
  /** Trades the app's JWT for a token of `installationId` (`POST /app/installations/{id}/access_tokens`). */
  issue: (installationId: number) => Promise<IssuedToken>;
  /** A token is replaced this long before it expires (default 5 minutes). */
  marginMs?: number;
  /** Called with every new token, so the logger can redact it. */
  onIssued?: (token: string) => void;
  now?: () => number;
}

export class InstallationTokens {
  private readonly cache = new Map<number, { token: string; expiresAt: number }>();
  private readonly pending = new Map<number, Promise<string>>();
  private readonly marginMs: number;
  private readonly now: () => number;

  constructor(private readonly options: InstallationTokenOptions) {
    this.marginMs = options.marginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A token valid for at least the margin; `refresh` forces a new one. */
  async get(installationId: number, refresh = false): Promise<string> {
    const cached = this.cache.get(installationId);
    if (!refresh && cached && cached.expiresAt - this.marginMs > this.now()) return cached.token;
    // Jobs that start together share one exchange instead of each asking for a token.
    const inFlight = this.pending.get(installationId);
    if (inFlight) return inFlight;
    const promise = this.options.issue(installationId).then((issued) => {
      const expiresAt = Date.parse(issued.expiresAt);
      this.options.onIssued?.(issued.token);
      this.cache.set(installationId, { token: issued.token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : this.now() + 50 * 60_000 });
      return issued.token;
    }).finally(() => this.pending.delete(installationId));
    this.pending.set(installationId, promise);
    return promise;
  }
}

// How the outbox and the queue read a failed GitHub request: worth trying again later (outage, rate limit,
// network), or not (the request itself is wrong, or the resource is gone).

export interface RetryAdvice {
  retry: boolean;
  /** Earliest time worth trying again (epoch ms), when GitHub said (rate-limit reset, retry-after). */
  notBefore: number | null;
  /** Short description for the log: status and GitHub's message, never headers or tokens. */
  summary: string;
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export function adviseRetry(error: unknown, now = Date.now()): RetryAdvice {
  const e = error as ErrorLike;
  const status = typeof e?.status === 'number' ? e.status : null;
  const message = (e?.message ?? String(error)).split('\n')[0]!.slice(0, 300);
  const headers = e?.response?.headers ?? {};
  const summary = status === null ? message : `${status} ${message}`;
  const retryAfter = Number(headers['retry-after']);
  const reset = Number(headers['x-ratelimit-reset']);
  const rateLimited = status === 429 || (status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message)));
  if (rateLimited) {
    const at = Number.isFinite(retryAfter) && retryAfter > 0
      ? now + retryAfter * 1000
      : Number.isFinite(reset) && reset > 0 ? reset * 1000 + 1000 : null;
    return { retry: true, notBefore: at, summary };
  }
  if (status === null || status >= 500 || status === 401 || status === 408) return { retry: true, notBefore: null, summary };
  return { retry: false, notBefore: null, summary };
}

/** Exponential backoff with jitter: base·2^attempt, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

// One-line log records with every secret removed. The bot holds a webhook secret, a token or a private key and
// short-lived installation tokens; none of them may reach a log line (bot.md #9), whatever text is logged.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Adds a value that must never be printed (e.g. a freshly issued installation token). */
  addSecret(secret: string): void;
}

export interface LoggerOptions {
  /** Where finished lines go (default: stderr for warn/error, stdout otherwise). */
  sink?: (line: string, level: LogLevel) => void;
  /** Values known at start that must never be printed. */
  secrets?: string[];
  /** Lowest level written (default `info`). */
  level?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

// Shapes of credentials that may turn up in text the bot did not produce (an error message, a response body).
const PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g,
  /\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/** Removes known secrets and credential-shaped text from `text`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of PATTERNS) out = out.replace(pattern, '[redacted]');
  return out;
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === 'string') return /^[\w./:@#+-]+$/.test(value) ? value : JSON.stringify(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>();
  for (const s of options.secrets ?? []) addSecretVariants(secrets, s);
  const min = ORDER[options.level ?? 'info'];
  const sink = options.sink ?? ((line: string, level: LogLevel) => {
    (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  });
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const parts = [new Date().toISOString(), level, message];
    for (const [key, value] of Object.entries(fields ?? {})) parts.push(`${key}=${formatValue(value)}`);
    // One record, one line: newlines inside values would let text forge extra records.
    sink(redact(parts.join(' '), secrets).replace(/[\r\n]+/g, ' '), level);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    addSecret: (s) => addSecretVariants(secrets, s),
  };
}

// A PEM key is also redacted line by line, since an error message may quote only part of it.
function addSecretVariants(into: Set<string>, secret: string) {
  if (!secret) return;
  into.add(secret);
  if (secret.includes('-----BEGIN')) {
    for (const line of secret.split(/\r?\n/)) {
      if (line.length >= 16 && !line.startsWith('-----')) into.add(line.trim());
    }
  }
}

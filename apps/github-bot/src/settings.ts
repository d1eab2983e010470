// The bot's settings, read from the environment exactly as bot.md lists them. Reading never throws: a
// deployment mistake comes back as one line the `serve` command prints before exiting with status 1.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export type AuthSettings =
  | {
      mode: 'app';
      /** The App ID (a number) or its client ID. */
      appId: string;
      /** The private key as PKCS#8 PEM (a PKCS#1 key as GitHub issues it is converted). */
      privateKey: string;
      /** The key text as it was given (kept only so logs can redact it in that form too). */
      privateKeySource?: string;
    }
  | {
      mode: 'token';
      /** One token for every request (a personal access token or an installation token). */
      token: string;
    };

export interface BotSettings {
  /** TCP port (`PORT`, default 3000; 0 picks a free one). */
  port: number;
  /** Interface to listen on (`HOST`, default `0.0.0.0`). */
  host: string;
  /** `WEBHOOK_SECRET`: deliveries must carry a valid `X-Hub-Signature-256` for it. */
  webhookSecret: string;
  /** REST base URL without a trailing slash (`GITHUB_API_URL`, default `https://api.github.com`). */
  apiUrl: string;
  auth: AuthSettings;
  /** The gradebook and job store (`DATABASE_PATH`, default `./gatecheck.db`). */
  databasePath: string;
  /** Lower-cased `owner/repo` names (`GATECHECK_REPOS`); null accepts every repository. */
  allowedRepos: string[] | null;
  /** How many submissions are graded at once (`GATECHECK_WORKERS`, default: cores - 1, at least 1). */
  workers: number;
  /** Generated cases per check (`GATECHECK_NUM_RUNS`); null keeps the course configuration's value. */
  numRuns: number | null;
}

export type SettingsResult = { ok: true; settings: BotSettings } | { ok: false; error: string };

/** The environment names that hold credentials; `serve` removes them from `process.env` once read. */
export const SECRET_VARIABLES = ['WEBHOOK_SECRET', 'GITHUB_TOKEN', 'GITHUB_PRIVATE_KEY'] as const;

export function settingsFromEnv(env: Record<string, string | undefined>): SettingsResult {
  const fail = (error: string): SettingsResult => ({ ok: false, error });
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  };

  const webhookSecret = value('WEBHOOK_SECRET');
  if (webhookSecret === undefined) return fail('WEBHOOK_SECRET is not set: set it to the webhook secret of the GitHub App');

  const port = wholeNumber(value('PORT'), 3000);
  if (port === null || port > 65535) return fail(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);

  const apiUrl = (value('GITHUB_API_URL') ?? 'https://api.github.com').trim().replace(/\/+$/, '');
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
  } catch {
    return fail(`GITHUB_API_URL must be an http(s) URL, got "${env.GITHUB_API_URL}"`);
  }

  let auth: AuthSettings;
  const appId = value('GITHUB_APP_ID');
  const keyText = value('GITHUB_PRIVATE_KEY');
  const keyPath = value('GITHUB_PRIVATE_KEY_PATH');
  const token = value('GITHUB_TOKEN');
  if (appId !== undefined || keyText !== undefined || keyPath !== undefined) {
    if (appId === undefined) return fail('GITHUB_APP_ID is not set: app mode needs the App ID together with its private key');
    let pem: string;
    if (keyText !== undefined) {
      // Platforms that cannot hold multi-line values often store the PEM with literal "\n".
      pem = keyText.includes('\\n') && !keyText.includes('\n') ? keyText.replace(/\\n/g, '\n') : keyText;
    } else if (keyPath !== undefined) {
      try {
        pem = readFileSync(keyPath, 'utf8');
      } catch (error) {
        return fail(`GITHUB_PRIVATE_KEY_PATH: cannot read "${keyPath}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    } else {
      return fail('GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH is not set: app mode needs the App\'s private key');
    }
    const privateKey = toPkcs8(pem);
    if (privateKey === null) {
      return fail(`${keyText !== undefined ? 'GITHUB_PRIVATE_KEY' : 'GITHUB_PRIVATE_KEY_PATH'} does not hold an RSA private key in PEM form (PKCS#1 or PKCS#8)`);
    }
    auth = { mode: 'app', appId: appId.trim(), privateKey, privateKeySource: pem };
  } else if (token !== undefined) {
    auth = { mode: 'token', token: token.trim() };
  } else {
    return fail('no way to authenticate: set GITHUB_APP_ID with GITHUB_PRIVATE_KEY (or GITHUB_PRIVATE_KEY_PATH), or GITHUB_TOKEN');
  }

  const repos = value('GATECHECK_REPOS');
  let allowedRepos: string[] | null = null;
  if (repos !== undefined) {
    allowedRepos = repos.split(',').map((r) => r.trim().toLowerCase()).filter((r) => r !== '');
    const bad = allowedRepos.find((r) => !/^[\w.-]+\/[\w.-]+$/.test(r));
    if (bad !== undefined) return fail(`GATECHECK_REPOS must list owner/repo names separated by commas, got "${bad}"`);
  }

  const workers = wholeNumber(value('GATECHECK_WORKERS'), Math.max(1, availableParallelism() - 1));
  if (workers === null || workers < 1) return fail(`GATECHECK_WORKERS must be a whole number >= 1, got "${env.GATECHECK_WORKERS}"`);
  const numRunsText = value('GATECHECK_NUM_RUNS');
  const numRuns = numRunsText === undefined ? null : wholeNumber(numRunsText, 0);
  if (numRuns === 0 || (numRunsText !== undefined && numRuns === null)) {
    return fail(`GATECHECK_NUM_RUNS must be a whole number >= 1, got "${numRunsText}"`);
  }

  return {
    ok: true,
    settings: {
      port,
      host: value('HOST')?.trim() ?? '0.0.0.0',
      webhookSecret,
      apiUrl,
      auth,
      databasePath: value('DATABASE_PATH') ?? './gatecheck.db',
      allowedRepos,
      workers,
      numRuns,
    },
  };
}

function wholeNumber(text: string | undefined, fallback: number): number | null {
  if (text === undefined) return fallback;
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Validates an RSA private key and returns it as PKCS#8 PEM, or null when it is not one. */
export function toPkcs8(pem: string): string | null {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') return null;
    return key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    return null;
  }
}

/** The credentials in `settings`, for the log redactor. */
export function secretsOf(settings: BotSettings): string[] {
  const out = [settings.webhookSecret];
  if (settings.auth.mode === 'app') out.push(settings.auth.privateKey, ...(settings.auth.privateKeySource ? [settings.auth.privateKeySource] : []));
  else out.push(settings.auth.token);
  return out;
}

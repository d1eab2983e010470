import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsOf, settingsFromEnv } from './settings.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const error = (env: Record<string, string>) => {
  const result = settingsFromEnv(env);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};

describe('settingsFromEnv', () => {
  it('should refuse without WEBHOOK_SECRET, in one line naming it', () => {
    const message = error({ GITHUB_TOKEN: 't' });
    expect(message).toMatch(/WEBHOOK_SECRET/);
    expect(message).not.toContain('\n');
  });

  it('should refuse without any way to authenticate', () => {
    expect(error({ WEBHOOK_SECRET: 's' })).toMatch(/GITHUB_APP_ID.*GITHUB_TOKEN/);
  });

  it('should refuse an app id without a key, a key without an app id, and a key that is not one', () => {
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '12' })).toMatch(/GITHUB_PRIVATE_KEY/);
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_PRIVATE_KEY: pkcs1 })).toMatch(/GITHUB_APP_ID/);
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY: 'not a key' })).toMatch(/RSA private key/);
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY_PATH: '/no/such/key.pem' })).toMatch(/cannot read/);
  });

  it('should refuse bad numbers and allowlists', () => {
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', PORT: 'http' })).toMatch(/PORT/);
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', PORT: '70000' })).toMatch(/PORT/);
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', GATECHECK_REPOS: 'just-a-name' })).toMatch(/GATECHECK_REPOS/);
    expect(error({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', GITHUB_API_URL: 'ftp://x' })).toMatch(/GITHUB_API_URL/);
  });

  it('should take the documented defaults in token mode', () => {
    const result = settingsFromEnv({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 'ghp_x' });
    expect(result.ok && result.settings).toMatchObject({
      port: 3000, apiUrl: 'https://api.github.com', databasePath: './gatecheck.db', allowedRepos: null,
      auth: { mode: 'token', token: 'ghp_x' },
    });
  });

  it('should use app mode when both app and token settings are given, converting a PKCS#1 key to PKCS#8', () => {
    const result = settingsFromEnv({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 'ghp_x', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY: pkcs1 });
    if (!result.ok) throw new Error(result.error);
    expect(result.settings.auth.mode).toBe('app');
    if (result.settings.auth.mode !== 'app') return;
    expect(result.settings.auth.privateKey).toBe(pkcs8);
    expect(secretsOf(result.settings)).toEqual(expect.arrayContaining(['s', pkcs8, pkcs1]));
  });

  it('should read the key from GITHUB_PRIVATE_KEY_PATH and accept a key stored with literal \\n', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatecheck-key-'));
    writeFileSync(join(dir, 'app.pem'), pkcs1);
    const fromFile = settingsFromEnv({ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY_PATH: join(dir, 'app.pem') });
    expect(fromFile.ok && fromFile.settings.auth.mode === 'app' && fromFile.settings.auth.privateKey).toBe(pkcs8);
    const escaped = settingsFromEnv({ WEBHOOK_SECRET: 's', GITHUB_APP_ID: '12', GITHUB_PRIVATE_KEY: pkcs1.replace(/\n/g, '\\n') });
    expect(escaped.ok && escaped.settings.auth.mode === 'app' && escaped.settings.auth.privateKey).toBe(pkcs8);
  });

  it('should lower-case the allowlist and strip a trailing slash from the API URL', () => {
    const result = settingsFromEnv({ WEBHOOK_SECRET: 's', GITHUB_TOKEN: 't', GATECHECK_REPOS: 'Course/Alice, course/bob ', GITHUB_API_URL: 'https://ghe.example/api/v3/' });
    expect(result.ok && result.settings.allowedRepos).toEqual(['course/alice', 'course/bob']);
    expect(result.ok && result.settings.apiUrl).toBe('https://ghe.example/api/v3');
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger.js';

describe('logger', () => {
  it('should never print a registered secret, whole or as part of a line', () => {
    const lines: string[] = [];
    const logger = createLogger({ sink: (l) => lines.push(l), secrets: ['hunter2-webhook'] });
    logger.addSecret('ghs_abcdefghijklmnopqrstuvwxyz0123');
    logger.info('got hunter2-webhook', { token: 'ghs_abcdefghijklmnopqrstuvwxyz0123', err: new Error('bad hunter2-webhook') });
    expect(lines.join('\n')).not.toMatch(/hunter2-webhook|ghs_abcdefghijklmnopqrstuvwxyz0123/);
    expect(lines[0]).toContain('[redacted]');
  });

  it('should redact a private key even line by line, and credential-shaped text it was never told about', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const lines: string[] = [];
    const logger = createLogger({ sink: (l) => lines.push(l), secrets: [pem] });
    const secondLine = pem.split('\n')[1]!;
    logger.error(`key trouble near ${secondLine}`);
    logger.warn('octokit said', { header: 'authorization: token ghp_0123456789abcdefghijABCDEFGHIJ' });
    logger.warn(pem);
    const text = lines.join('\n');
    expect(text).not.toContain(secondLine);
    expect(text).not.toContain('ghp_0123456789abcdefghijABCDEFGHIJ');
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('should keep one record on one line', () => {
    const lines: string[] = [];
    createLogger({ sink: (l) => lines.push(l) }).info('a\nfake record', { v: 'x\ny' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
  });

  it('should leave ordinary text alone', () => {
    expect(redact('graded job=3 score=41.5/80', ['s3cr3t'])).toBe('graded job=3 score=41.5/80');
  });
});

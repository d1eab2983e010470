import fc from 'fast-check';
import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.js';

describe('verifySignature', () => {
  it('should accept what @octokit/webhooks-methods signs', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), async (secret, text) => {
      expect(verifySignature(secret, Buffer.from(text), await sign(secret, text))).toBe(true);
    }));
  });

  it('should reject a changed byte, another secret, a missing or malformed header', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), (bytes, at) => {
      const body = Buffer.from(bytes);
      const header = signBody('secret', body);
      expect(verifySignature('secret', body, header)).toBe(true);
      const changed = Buffer.from(body);
      changed[at % changed.length]! ^= 1;
      expect(verifySignature('secret', changed, header)).toBe(false);
      expect(verifySignature('other', body, header)).toBe(false);
      expect(verifySignature('secret', body, undefined)).toBe(false);
      expect(verifySignature('secret', body, header.replace('sha256=', 'sha1='))).toBe(false);
      expect(verifySignature('secret', body, header.slice(0, -2))).toBe(false);
    }));
  });

  it('should verify the raw bytes, including bytes that are not UTF-8', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(verifySignature('s', body, signBody('s', body))).toBe(true);
    // Decoding first would turn 0xff 0xfe into replacement characters and change the HMAC.
    expect(verifySignature('s', Buffer.from(body.toString('utf8')), signBody('s', body))).toBe(false);
  });
});

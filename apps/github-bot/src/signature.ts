// `X-Hub-Signature-256` checking over the raw request bytes. @octokit/webhooks-methods' `verify` takes the
// payload as a string, and decoding first would change bytes that are not valid UTF-8, so the HMAC runs on
// the Buffer itself; the compare is constant-time.
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** True when `header` is GitHub's `sha256=<hex>` HMAC of `body` under `secret`. */
export function verifySignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (header === undefined || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length);
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/** The header value GitHub would send for `body` (used by tests and the load bench). */
export function signBody(secret: string, body: Buffer | string): string {
  return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

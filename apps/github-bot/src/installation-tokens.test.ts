import { describe, expect, it } from 'vitest';
import { InstallationTokens } from './installation-tokens.js';

describe('InstallationTokens', () => {
  it('should reuse a token until shortly before it expires, then ask for a new one', async () => {
    let now = 0;
    let issued = 0;
    const tokens = new InstallationTokens({
      now: () => now,
      marginMs: 5 * 60_000,
      issue: async () => ({ token: `t${++issued}`, expiresAt: new Date(now + 3_600_000).toISOString() }),
    });
    expect(await tokens.get(1)).toBe('t1');
    now = 54 * 60_000;
    expect(await tokens.get(1)).toBe('t1');
    now = 56 * 60_000;
    expect(await tokens.get(1)).toBe('t2');
    expect(await tokens.get(2)).toBe('t3');
    expect(await tokens.get(1, true)).toBe('t4');
  });

  it('should make one exchange for requests that start together, and tell who must redact the token', async () => {
    let issued = 0;
    const seen: string[] = [];
    const tokens = new InstallationTokens({
      issue: async () => {
        await new Promise((r) => setTimeout(r, 5));
        return { token: `t${++issued}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
      },
      onIssued: (t) => seen.push(t),
    });
    expect(await Promise.all([tokens.get(9), tokens.get(9), tokens.get(9)])).toEqual(['t1', 't1', 't1']);
    expect(seen).toEqual(['t1']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactPath, expandPath, MAX_PATH_ENTRIES } from './replay-path.js';

const plain = (entries: number[]) => entries.join(':');

describe('compactPath and expandPath', () => {
  it('should shorten a long shrink path and expand it back exactly', () => {
    const long = plain([3, ...new Array<number>(300).fill(0), 1, ...new Array<number>(12).fill(0), 2, 2]);
    expect(compactPath(long)).toBe('3:300x0:1:12x0:2:2');
    expect(expandPath(compactPath(long))).toEqual({ ok: true, path: long });
  });

  it('should round-trip any path and never make one longer', () => fc.assert(fc.property(
    fc.array(fc.integer({ min: 0, max: 12 }).chain((n) => fc.constantFrom(n, 0)), { minLength: 1, maxLength: 400 }),
    (entries) => {
      const path = plain(entries);
      expect(expandPath(compactPath(path))).toEqual({ ok: true, path });
      expect(compactPath(path).length).toBeLessThanOrEqual(path.length);
    })));

  it('should accept the plain form unchanged', () => {
    expect(expandPath('7:0:1')).toEqual({ ok: true, path: '7:0:1' });
    expect(compactPath('7:0:1')).toBe('7:0:1');
  });

  it.each(['', 'x', '1:', ':1', '3x', 'x0', '0x0', '2xx1', '-1', '2.5x0', '1 2', '0*3'])('should reject %j with a reason', (text) => {
    const r = expandPath(text);
    expect(r.ok).toBe(false);
  });

  it('should refuse to build a path longer than any shrink', () => {
    expect(expandPath(`${MAX_PATH_ENTRIES}x0`).ok).toBe(true);
    expect(expandPath(`1:${MAX_PATH_ENTRIES}x0`)).toEqual({ ok: false, reason: `it is longer than ${MAX_PATH_ENTRIES} entries` });
  });
});

import { describe, expect, it } from 'vitest';
import { plainEqual } from './plain-equal.js';

describe('plainEqual', () => {
  it('should compare leaves with Object.is, so NaN matches and -0 is a change', () => {
    expect(plainEqual([NaN, 1], [NaN, 1])).toBe(true);
    expect(plainEqual([0], [-0])).toBe(false);
    expect(plainEqual({ a: [1, { b: undefined }] }, { a: [1, { b: undefined }] })).toBe(true);
  });

  it('should see added, removed and retyped fields, holes and length changes', () => {
    expect(plainEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(plainEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(plainEqual([1, , 3], [1, undefined, 3])).toBe(false);
    expect(plainEqual([1], { 0: 1 })).toBe(false);
    expect(plainEqual('1', 1)).toBe(false);
  });
});

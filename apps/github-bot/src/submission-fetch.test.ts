import { describe, expect, it } from 'vitest';
import { checkLimits, DEFAULT_LIMITS } from './submission-fetch.js';

const blob = (path: string, size: number) => ({ path, type: 'blob', mode: '100644', sha: 'x', size });

describe('submission limits', () => {
  it('should accept exactly the limits', () => {
    const files = Array.from({ length: 500 }, (_, k) => blob(`02/src/f${k}.ts`, 20_000));
    expect(checkLimits(files, false, DEFAULT_LIMITS)).toBeNull();
    expect(checkLimits([blob('a.ts', 1024 * 1024)], false, DEFAULT_LIMITS)).toBeNull();
  });

  it('should name the limit that was hit: files, size of one file, size in all', () => {
    const many = Array.from({ length: 501 }, (_, k) => blob(`f${k}.ts`, 1));
    expect(checkLimits(many, false, DEFAULT_LIMITS)).toBe('more than 500 files in exercises/ (501 files)');
    expect(checkLimits([blob('02-lstm-gates/data.json', 2 * 1024 * 1024)], false, DEFAULT_LIMITS))
      .toBe('exercises/02-lstm-gates/data.json is 2 MB, over the 1 MB limit per file');
    const heavy = Array.from({ length: 11 }, (_, k) => blob(`f${k}.bin`, 1000 * 1024));
    expect(checkLimits(heavy, false, DEFAULT_LIMITS)).toBe('exercises/ holds 10.74 MB, over the 10 MB limit in all');
    expect(checkLimits([], true, DEFAULT_LIMITS)).toMatch(/too large to list/);
  });

  it('should count only files, not folders', () => {
    const tree = [{ path: 'a', type: 'tree', mode: '040000', sha: 't' }, ...Array.from({ length: 500 }, (_, k) => blob(`a/${k}`, 1))];
    expect(checkLimits(tree, false, DEFAULT_LIMITS)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { measure, median } from './timing.js';

describe('median', () => {
  it('should take the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('measure', () => {
  it('should take the samples it reports, each of whole calls, awaiting async calls', async () => {
    let calls = 0;
    const t = await measure(async () => { calls++; }, { budgetMs: 0, minSamples: 4, maxSamples: 4, minSampleMs: 0, warmupMs: 0 });
    expect(t.samples).toBe(4);
    expect(calls).toBe(1 + t.samples * t.callsPerSample);
    expect(t.minMs).toBeLessThanOrEqual(t.medianMs);
    expect(t.medianMs).toBeLessThanOrEqual(t.maxMs);
  });

  it('should keep a slow first call as a sample instead of repeating it as warm-up', async () => {
    let calls = 0;
    const t = await measure(() => { calls++; }, { budgetMs: 0, minSamples: 2, maxSamples: 2, minSampleMs: 0, warmupMs: 1e9, slowCallMs: 0 });
    expect(t.samples).toBe(2);
    expect(calls).toBe(2);
  });

  it('should hand the first call\'s value to the check and time nothing when the check throws', async () => {
    let calls = 0;
    const seen: unknown[] = [];
    await expect(measure(() => ++calls, { budgetMs: 0, minSamples: 3, maxSamples: 3 }, (v) => {
      seen.push(v);
      throw new Error('wrong numbers');
    })).rejects.toThrow('wrong numbers');
    expect(seen).toEqual([1]);
    expect(calls).toBe(1);
  });
});

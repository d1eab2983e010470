import { describe, expect, it } from 'vitest';
import { Adam, clipGradNorm, globalNorm } from './optim.js';

describe('Adam', () => {
  it('should minimise a quadratic', () => {
    const p = Float64Array.from([3, -2]);
    const adam = new Adam([p], { lr: 0.1 });
    for (let k = 0; k < 500; k++) adam.step([Float64Array.from([2 * (p[0]! - 1), 2 * (p[1]! + 0.5)])]);
    expect(p[0]).toBeCloseTo(1, 3);
    expect(p[1]).toBeCloseTo(-0.5, 3);
  });

  it('should move each parameter by about lr on the first step (bias correction)', () => {
    const p = Float64Array.from([0, 0]);
    new Adam([p], { lr: 0.01 }).step([Float64Array.from([5, -0.001])]);
    expect(p[0]).toBeCloseTo(-0.01, 6);
    expect(p[1]).toBeCloseTo(0.01, 4);
  });
});

describe('clipGradNorm', () => {
  it('should scale gradients to the maximum global norm and leave small ones alone', () => {
    const g = [Float64Array.from([3, 0]), Float64Array.from([4])];
    expect(clipGradNorm(g, 1)).toBe(5);
    expect(globalNorm(g)).toBeCloseTo(1, 12);
    expect(g[0]![0]).toBeCloseTo(0.6, 12);
    expect(g[0]![1]).toBe(0);
    const small = [Float64Array.from([0.1])];
    clipGradNorm(small, 1);
    expect(small[0]![0]).toBe(0.1);
  });
});

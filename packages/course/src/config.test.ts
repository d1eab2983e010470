import { describe, expect, it } from 'vitest';
import { CourseInputError, functionNames, parseCourseConfig } from './index.js';

const known = { '02-lstm-gates': ['forgetGate', 'inputGate'] };

describe('parseCourseConfig', () => {
  it('should fill defaults and keep valid points', () => {
    expect(parseCourseConfig({ points: { '02-lstm-gates': { forgetGate: 3 } } }, known)).toEqual({
      seed: 20261125, numRuns: 100, limits: { timeoutMs: 500, memoryMb: 128 }, points: { '02-lstm-gates': { forgetGate: 3 } },
    });
  });

  it.each([
    [[], /must be a JSON object/],
    [{ seed: -1 }, /"seed" must be a whole number >= 0/],
    [{ numRuns: 0 }, /"numRuns" must be a whole number >= 1/],
    [{ limits: { timeoutMs: 'fast' } }, /"limits.timeoutMs" must be a positive number/],
    [{ points: { '09-nope': {} } }, /unknown exercise "09-nope"/],
    [{ points: { '02-lstm-gates': { fogetGate: 1 } } }, /unknown function "fogetGate"/],
    [{ points: { '02-lstm-gates': { forgetGate: -2 } } }, /must be a number >= 0/],
  ])('should refuse %j with one clear line', (raw, message) => {
    expect(() => parseCourseConfig(raw, known)).toThrow(CourseInputError);
    expect(() => parseCourseConfig(raw, known)).toThrow(message);
  });

  it('should accept the repository\'s own configuration', async () => {
    const { courseConfig } = await import('./index.js');
    expect(courseConfig().seed).toBeGreaterThanOrEqual(0);
    expect(Object.keys(functionNames())).toContain('03-lstm-cell');
  });
});

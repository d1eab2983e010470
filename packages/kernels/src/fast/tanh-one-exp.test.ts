import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tanh } from '../activations.js';
import { tanhOneExp } from './tanh-one-exp.js';

const ULP = 2 ** -52;

describe('tanhOneExp', () => {
  it('should be within 5 ulps of the correctly rounded tanh for every finite input', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const want = tanh(x);
      const got = tanhOneExp(x);
      if (want === 0) expect(got).toBe(want);
      else expect(Math.abs(got - want) / Math.abs(want)).toBeLessThanOrEqual(5 * ULP);
    }), { numRuns: 2000, examples: [[0.03125], [-0.03124999], [1e-300], [5e-324], [19.06], [-22], [0.5493061443340549]] });
  });

  it('should be within 5 ulps across the range where gates live', () => {
    fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
      const want = tanh(x);
      if (want === 0) return;
      expect(Math.abs(tanhOneExp(x) - want) / Math.abs(want)).toBeLessThanOrEqual(5 * ULP);
    }), { numRuns: 2000 });
  });

  it('should saturate and keep signed zeros and NaN', () => {
    expect(tanhOneExp(Infinity)).toBe(1);
    expect(tanhOneExp(-Infinity)).toBe(-1);
    expect(tanhOneExp(1e308)).toBe(1);
    expect(Object.is(tanhOneExp(-0), -0)).toBe(true);
    expect(tanhOneExp(NaN)).toBeNaN();
  });
});

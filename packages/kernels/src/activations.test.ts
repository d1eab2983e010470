// sigmoid and tanh against a 256-bit BigInt reference (__test-helpers__/high-precision.ts), correctly rounded:
// the result must be the double nearest the true value, for every finite input up to ±1.8e308.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoidReference, tanhReference, ulpDistance } from './__test-helpers__/high-precision.js';
import { sigmoid, sigmoidFast, sigmoidSlowPath, tanh, tanhFast, tanhSlowPath } from './activations.js';

/** Inputs spread over every scale: the whole double range, the interesting middle, the tiny, the subnormal-result band. */
const anyFinite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e308, max: 1e308, noNaN: true }),
  fc.double({ min: -50, max: 50, noNaN: true }),
  fc.double({ min: -800, max: 800, noNaN: true }),
  fc.double({ min: -746, max: -700, noNaN: true }),
  fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
);

const edges = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, -1e308, 2 ** -60, -(2 ** -60),
  2 ** -28, -(2 ** -28), 20, -20, 40, -40, 355, -355, 710, -710, -745.1332191019411, -745.1332191019412, -746, 0.17328679513998632];

describe('sigmoid', () => {
  it('should be the correctly rounded σ(x) for every finite x', () => {
    fc.assert(fc.property(anyFinite, (x) => {
      const got = sigmoid(x);
      expect(Number.isFinite(got)).toBe(true);
      expect(ulpDistance(got, sigmoidReference(x)), `σ(${x}) = ${got}, reference ${sigmoidReference(x)}`).toBe(0);
    }), { numRuns: 3000, examples: edges.map((x) => [x]) });
  });

  it('should saturate cleanly where a naive exp overflows', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-740)).toBeGreaterThan(0); // e^-740 ≈ 4.2e-322 is a subnormal, not 0
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Number.NaN)).toBeNaN();
  });
});

describe('tanh', () => {
  it('should be the correctly rounded tanh(x) for every finite x', () => {
    fc.assert(fc.property(anyFinite, (x) => {
      const got = tanh(x);
      expect(Number.isFinite(got)).toBe(true);
      expect(ulpDistance(got, tanhReference(x)), `tanh(${x}) = ${got}, reference ${tanhReference(x)}`).toBe(0);
    }), { numRuns: 3000, examples: edges.map((x) => [x]) });
  });

  it('should be odd and keep the sign of zero', () => {
    fc.assert(fc.property(anyFinite, (x) => {
      expect(tanh(-x)).toBe(-tanh(x));
    }));
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(-1e308)).toBe(-1);
  });
});

describe('the table-driven first try', () => {
  // sigmoid and tanh first evaluate e^-y from a table and a short series, and keep that result only when its
  // accuracy decides the rounding; the slow evaluation decides the rest. The two must never differ.
  const fastDomain = fc.oneof(
    fc.double({ min: -600, max: 40, noNaN: true }),
    fc.double({ min: -20, max: 20, noNaN: true }),
    fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
    // Next to the table's breakpoints y = k·ln2/64, where the reduced argument changes sign.
    fc.tuple(fc.integer({ min: -3000, max: 3000 }), fc.double({ min: -1e-12, max: 1e-12, noNaN: true })).map(([k, d]) => (k * Math.LN2) / 128 + d),
  );
  const bounds = [40, -600, 20, -20, 2 ** -28, -(2 ** -28), 2 ** -60, -(2 ** -60), Math.LN2 / 128, Math.LN2 / 64, 0.5, -0.5, 1e-9];

  it('should give exactly what the slow evaluation gives', () => {
    fc.assert(fc.property(fastDomain, (x) => {
      expect(sigmoid(x), `σ(${x})`).toBe(sigmoidSlowPath(x));
      expect(tanh(x), `tanh(${x})`).toBe(tanhSlowPath(x));
    }), { numRuns: 20_000, examples: bounds.map((x) => [x]) });
  });

  it('should be correctly rounded against the 256-bit reference across its whole domain', () => {
    fc.assert(fc.property(fastDomain, (x) => {
      expect(ulpDistance(sigmoid(x), sigmoidReference(x)), `σ(${x})`).toBe(0);
      expect(ulpDistance(tanh(x), tanhReference(x)), `tanh(${x})`).toBe(0);
    }), { numRuns: 2000 });
  });
});

describe('sigmoidFast and tanhFast', () => {
  it('should stay finite and within 4 ulps of the correctly rounded value', () => {
    fc.assert(fc.property(anyFinite, (x) => {
      expect(ulpDistance(sigmoidFast(x), sigmoidReference(x))).toBeLessThanOrEqual(4);
      expect(ulpDistance(tanhFast(x), tanhReference(x))).toBeLessThanOrEqual(4);
    }), { numRuns: 2000, examples: edges.map((x) => [x]) });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareValues, VALUE_TOLERANCE, type Mistake } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { cellArgs, forwardArgs, ORDINARY } from './arbitraries.js';
import { cellMistakes, forwardMistakes } from './catalogue.js';
import { cellIn, forwardWith, LECTURE } from './variants.js';

// Drawn once and shared by every test below.
const cellSamples = fc.sample(cellArgs(ORDINARY), { numRuns: 50, seed: 1 });
const forwardSamples = fc.sample(forwardArgs(ORDINARY), { numRuns: 50, seed: 1 });

describe('GRU step variants of 05-gru-cell', () => {
  it('should compute the lecture step exactly when no choice is changed', () => {
    // Same equations, summed in another order: equal to rounding.
    const tight = { rtol: 1e-12, atol: 1e-15 };
    for (const [p, h, x] of cellSamples) expect(compareValues(lecture.gruCell(p, h, x), cellIn(LECTURE)(p, h, x), tight).ok).toBe(true);
    for (const [p, xs, h0] of forwardSamples) {
      expect(compareValues(lecture.gruForward(p, xs, h0), forwardWith(cellIn(LECTURE))(p, xs, h0), tight).ok).toBe(true);
    }
  });

  const differs = <A extends unknown[]>(m: Mistake<A>, samples: A[], ref: (...a: A) => unknown) =>
    samples.some((args) => !compareValues(ref(...structuredClone(args)), m.compute(...structuredClone(args)), VALUE_TOLERANCE).ok);
  const cases = [
    ...cellMistakes.map((m, k) => [`gruCell: ${m.id} #${k}`, () => differs(m, cellSamples, lecture.gruCell), m] as const),
    ...forwardMistakes.map((m, k) => [`gruForward: ${m.id} #${k}`, () => differs(m, forwardSamples, lecture.gruForward), m] as const),
  ].filter(([, , m]) => !m.recognize);
  it.each(cases)('should hold mistakes that differ from the lecture form on ordinary inputs (%s)', (_name, differsSomewhere) => {
    expect(differsSomewhere()).toBe(true);
  });
});

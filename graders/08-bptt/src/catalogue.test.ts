import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareValues, GRADIENT_TOLERANCE, type Mistake } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { gruArgs, lstmArgs, ORDINARY } from './arbitraries.js';
import { gruMistakes, lstmMistakes } from './catalogue.js';
import { gruBackwardIn, lstmBackwardIn } from './variants.js';

// Drawn once and shared by every test below.
const lstmSamples = fc.sample(lstmArgs(ORDINARY), { numRuns: 50, seed: 1 });
const gruSamples = fc.sample(gruArgs(ORDINARY), { numRuns: 50, seed: 1 });

describe('backward variants of 08-bptt', () => {
  it('should compute the reference backward when no choice is changed', () => {
    for (const a of lstmSamples) {
      expect(compareValues(lecture.lstmCellBackward(...a), lstmBackwardIn({})(...a), { rtol: 1e-12, atol: 1e-15 }).ok).toBe(true);
    }
    for (const a of gruSamples) {
      expect(compareValues(lecture.gruCellBackward(...a), gruBackwardIn({})(...a), { rtol: 1e-12, atol: 1e-15 }).ok).toBe(true);
    }
  });

  const differs = <A extends unknown[]>(m: Mistake<A>, samples: A[], ref: (...a: A) => unknown) =>
    samples.some((args) => !compareValues(ref(...structuredClone(args)), m.compute(...structuredClone(args)), GRADIENT_TOLERANCE).ok);
  const cases = [
    ...lstmMistakes.map((m, k) => [`lstmCellBackward: ${m.id} #${k}`, () => differs(m, lstmSamples, lecture.lstmCellBackward), m] as const),
    ...gruMistakes.map((m, k) => [`gruCellBackward: ${m.id} #${k}`, () => differs(m, gruSamples, lecture.gruCellBackward), m] as const),
  ].filter(([, , m]) => !m.recognize);
  it.each(cases)('should hold mistakes that differ from the reference on ordinary inputs (%s)', (_name, differsSomewhere) => {
    expect(differsSomewhere()).toBe(true);
  });
});

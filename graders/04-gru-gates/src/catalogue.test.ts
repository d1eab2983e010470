import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareValues, VALUE_TOLERANCE, type Mistake } from '@gatecheck/grading';
import { lecture } from '@gatecheck/kernels';
import { candidateArgs, gateArgs, interpolationArgs, ORDINARY } from './arbitraries.js';
import { candidateMistakes, gateMistakes, interpolationMistakes } from './catalogue.js';

/** Some generated input where the mistake's output is not the reference's: a catalogue entry that never differs could never be diagnosed. */
function differsSomewhere<Args extends unknown[]>(m: Mistake<Args>, arbitrary: fc.Arbitrary<Args>, reference: (...a: Args) => unknown): boolean {
  return fc.sample(arbitrary, { numRuns: 50, seed: 1 }).some((args) =>
    !compareValues(reference(...structuredClone(args)), m.compute(...structuredClone(args)), VALUE_TOLERANCE).ok);
}

describe('catalogue of 04-gru-gates', () => {
  const cases = [
    ...gateMistakes('update').map((m) => ['updateGate', m, gateArgs(ORDINARY), lecture.updateGate] as const),
    ...candidateMistakes.map((m) => ['candidateHidden', m, candidateArgs(ORDINARY), lecture.candidateHidden] as const),
    ...interpolationMistakes.map((m) => ['gruHidden', m, interpolationArgs(ORDINARY), lecture.gruHidden] as const),
  ].filter(([, m]) => !m.recognize);
  it.each(cases.map(([fn, m, arb, ref], k) => [`${fn}: ${m.id} #${k}`, m, arb, ref] as const))(
    'should hold mistakes that differ from the lecture form on ordinary inputs (%s)', (_name, m, arb, ref) => {
      expect(differsSomewhere(m as Mistake<unknown[]>, arb as fc.Arbitrary<unknown[]>, ref as (...a: unknown[]) => unknown)).toBe(true);
    });
});

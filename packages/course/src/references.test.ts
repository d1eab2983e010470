// Every check's reference must leave its arguments unchanged: the grader passes it the very inputs that then go
// to the student's function and into the kept input bank (packages/grading's Drawn.expected does not copy them).
import { deepEqualExact, drawInputs, planRounds } from '@gatecheck/grading';
import { describe, expect, it } from 'vitest';
import { courseDefinitions } from './definitions.js';

describe("the course's references", () => {
  const rounds = planRounds(courseDefinitions, { seed: 20261125, numRuns: 25 });

  it.each(rounds.map((r) => [r.key, r] as const))('should leave the arguments of %s unchanged', (_, round) => {
    const { args } = drawInputs(round.checks[0]!.check.arbitrary, round.seed, round.numRuns);
    for (const { id, check } of round.checks) {
      for (const input of args) {
        const before = structuredClone(input);
        (check.expected as (...a: unknown[]) => unknown)(...input);
        const same = deepEqualExact(before, input);
        expect(same.equal, `${id} changed its input at ${same.equal ? '' : same.path}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { addingProblem } from './adding.js';
import { languageTask, LANGUAGES, VOCABULARY } from './language.js';

describe('addingProblem', () => {
  it('should mark exactly two steps, the first `dependency` steps before the answer, and add their values', () => {
    const b = addingProblem.sample(10, 8, createRandom(3));
    expect(b.length).toBe(11);
    for (let n = 0; n < 8; n++) {
      const marked = Array.from({ length: b.length }, (_, t) => t).filter((t) => b.x[(t * 8 + n) * 2 + 1] === 1);
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBe(b.length - 1 - 10);
      expect(b.target[n]).toBeCloseTo(b.x[(marked[0]! * 8 + n) * 2]! + b.x[(marked[1]! * 8 + n) * 2]!, 12);
    }
  });
});

describe('languageTask', () => {
  it('should put the country `dependency` steps before the query and ask for its language', () => {
    const v = VOCABULARY.length;
    const b = languageTask.sample(6, 4, createRandom(5));
    for (let n = 0; n < 4; n++) {
      const tokenAt = (t: number) => VOCABULARY[Array.from({ length: v }, (_, k) => b.x[(t * 4 + n) * v + k]).indexOf(1)];
      expect(tokenAt(0)).toBe(VOCABULARY[b.target[n]!]);
      expect(tokenAt(6)).toBe('speak');
      expect(LANGUAGES[b.target[n]!]).toBeDefined();
      for (let t = 1; t < 6; t++) expect(VOCABULARY.indexOf(tokenAt(t)!)).toBeGreaterThanOrEqual(LANGUAGES.length);
    }
  });
});

// "I grew up in France … I speak fluent French": the first token names a country, then `dependency - 1` filler
// tokens (other words, including distracting country names is avoided so the task stays well posed), then the
// query token "speak"; the answer is the country's language, a class. Chance level is 1 / (number of countries).
import type { Random } from '../random.js';
import type { Batch, Task } from './task.js';

const COUNTRIES = ['France', 'Germany', 'Spain', 'Italy', 'Portugal', 'Poland'] as const;
export const LANGUAGES = ['French', 'German', 'Spanish', 'Italian', 'Portuguese', 'Polish'] as const;
const FILLERS = ['and', 'then', 'we', 'moved', 'to', 'a', 'city', 'where', 'I', 'studied', 'music'] as const;
/** Vocabulary: countries, fillers, then the query word. */
export const VOCABULARY = [...COUNTRIES, ...FILLERS, 'speak'] as const;
const QUERY = VOCABULARY.length - 1;

export const languageTask: Task = {
  name: 'language',
  title: '"I grew up in France … I speak fluent French"',
  inputSize: VOCABULARY.length,
  outputSize: COUNTRIES.length,
  kind: 'classification',
  scoreName: 'accuracy',
  solvedAt: 0.95,
  sample(dependency: number, batch: number, random: Random): Batch {
    const length = dependency + 1;
    const v = VOCABULARY.length;
    const x = new Float64Array(length * batch * v);
    const target = new Float64Array(batch);
    for (let n = 0; n < batch; n++) {
      const country = random.int(COUNTRIES.length);
      target[n] = country;
      x[n * v + country] = 1;
      for (let t = 1; t < length - 1; t++) x[(t * batch + n) * v + COUNTRIES.length + random.int(FILLERS.length)] = 1;
      x[((length - 1) * batch + n) * v + QUERY] = 1;
    }
    return { x, length, batch, target };
  },
};

// A small exercise for testing the runner itself: `scale(v, k)` returns k * v element-wise, `sumAll(v)`
// adds a vector up, and `scaleTwice` builds on `scale`. Known mistakes: adding instead of multiplying.
import fc from 'fast-check';
import type { CheckDefinition, ExerciseDefinition } from '../definition.js';
import { recognizeOverflow } from '../diagnose.js';
import { VALUE_TOLERANCE } from '../definition.js';
import { sizedInput, symmetric } from '../sized-input.js';

type ScaleArgs = [v: number[], k: number];
const value = fc.double({ min: -10, max: 10, noNaN: true }).map((x) => Math.round(x * 100) / 100 + 0);
const scaleArgs: fc.Arbitrary<ScaleArgs> = sizedInput({ n: [1, 6] }, ({ n }, d): ScaleArgs => [d.vector('v', n!, symmetric(10, 2)), d.number('k', symmetric(10, 2))]);
const scale = (v: number[], k: number): number[] => v.map((x) => k * x);
const check = <A extends unknown[]>(c: CheckDefinition<A>): CheckDefinition => c as unknown as CheckDefinition;

const scaleMistakes = [
  { id: 'adds-instead', compute: (v: number[], k: number) => v.map((x) => x + k), explanation: 'You added k instead of multiplying by it.' },
  { id: 'naive-exp-overflow', compute: (v: number[], k: number) => v.map((x) => x * k), explanation: 'overflow',
    recognize: recognizeOverflow(VALUE_TOLERANCE) },
];

export const toyDefinition: ExerciseDefinition = {
  id: '01-toy',
  entry: 'src/toy.ts',
  title: 'toy',
  functions: [
    { name: 'scale', checks: [
      check<ScaleArgs>({ kind: 'correctness', points: 2, description: 'scale multiplies every entry by k', argNames: ['v', 'k'],
        arbitrary: scaleArgs, expected: scale, mistakes: scaleMistakes }),
      check<ScaleArgs>({ kind: 'purity', points: 1, description: 'scale leaves its arguments unchanged', argNames: ['v', 'k'],
        arbitrary: scaleArgs, expected: scale, compare: 'purity' }),
      check<ScaleArgs>({ kind: 'shape', points: 1, description: 'scale returns one number per entry', argNames: ['v', 'k'],
        arbitrary: scaleArgs, expected: scale, compare: 'shape' }),
    ] },
    { name: 'scaleTwice', dependsOn: ['01-toy/scale'], checks: [
      check<ScaleArgs>({ kind: 'correctness', points: 2, description: 'scaleTwice multiplies every entry by k twice', argNames: ['v', 'k'],
        arbitrary: scaleArgs, expected: (v, k) => scale(scale(v, k), k),
        mistakes: [{ id: 'adds-instead', via: 'scale', compute: (v: number[], k: number) => v.map((x) => x + 2 * k),
          explanation: 'scale adds k instead of multiplying.' }] }),
    ] },
    { name: 'sumAll', checks: [
      check<[number[]]>({ kind: 'correctness', points: 1, description: 'sumAll adds every entry', argNames: ['v'],
        arbitrary: fc.tuple(fc.array(value, { minLength: 0, maxLength: 6 })), expected: (v) => v.reduce((a, b) => a + b, 0) }),
    ] },
  ],
};

export const toyCorrect = `
export function scale(v: number[], k: number): number[] { return v.map((x) => x * k); }
export function scaleTwice(v: number[], k: number): number[] { return scale(scale(v, k), k); }
export function sumAll(v: number[]): number { let s = 0; for (const x of v) s += x; return s; }
`;

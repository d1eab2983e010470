import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSubmission, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory, mistakeFiles,
  referenceSubmission, repoRoot, type MistakeExpectation,
} from '@gatecheck/grading/testing';
import { definition } from './index.js';

const ID = '01-activations';
const ENTRY = 'src/activations.ts';
const grade = (dir: string) => gradeDirectory([definition], dir);
const withFile = (text: string) => assembleSubmission({ exercises: { [ID]: { [ENTRY]: text } } });

// What each known-mistake student file must lose, and the diagnosis it must get.
const caught: Record<string, MistakeExpectation> = {
  'activation-swap': { failing: { sigmoid: 'activation-swap', tanh: 'activation-swap' } },
  'naive-exp-overflow': { failing: { sigmoid: 'naive-exp-overflow', tanh: 'naive-exp-overflow' },
    kinds: { sigmoid: ['robustness'], tanh: ['robustness'] } },
  'sigmoid-sign': { failing: { sigmoid: 'sigmoid-sign' } },
  'tanh-half-argument': { failing: { tanh: 'tanh-half-argument' } },
};

describe('grader 01-activations', () => {
  it('should give the reference solution full marks', async () => {
    expectFullMarks(await grade(referenceSubmission({}, { only: [ID] })), ID);
  });

  it('should give the stub zero, every check not implemented, without crashing', async () => {
    const report = await grade(withFile(join(repoRoot, 'exercises', ID, ENTRY)));
    expectNotImplemented(report, ID);
    expect(report.score).toBe(0);
  });

  it('should have an expectation for every known-mistake file', () => {
    expect(Object.keys(mistakeFiles(ID)).sort()).toEqual(Object.keys(caught).sort());
  });

  it.each(Object.entries(mistakeFiles(ID)))('should catch %s with the right diagnosis', async (id, file) => {
    const report = await grade(withFile(file));
    expectMistakeCaught(report, ID, caught[id]!);
  });

  it('should keep correct values for the overflow mistake, failing only robustness, on x past 709', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['naive-exp-overflow']!));
    const robustness = report.exercises[0]!.checks.find((c) => c.id === `${ID}/sigmoid/robustness`)!;
    expect(report.exercises[0]!.checks.find((c) => c.id === `${ID}/sigmoid/correctness`)!.status).toBe('passed');
    expect(Math.abs(robustness.counterexample!.input.x as number)).toBeGreaterThan(709);
    expect(robustness.counterexample!.actual).toBe('NaN');
    expect(feedbackOf(report, ID, 'sigmoid')).toMatch(/NaN/);
  });

  const variants: Record<string, string> = {
    'tanh-based sigmoid and exp-based tanh with clamping': `
      export function sigmoid(x: number): number { return 0.5 * (1 + Math.tanh(x / 2)); }
      export function tanh(x: number): number {
        if (x > 20) return 1;
        if (x < -20) return -1;
        const e2 = Math.exp(2 * x);
        return (e2 - 1) / (e2 + 1);
      }`,
    'Math.tanh and a 1 - 2/(e^2x + 1) form': `
      const expNeg = (v: number) => Math.exp(-v);
      export const sigmoid = (x: number): number => x < 0 ? Math.exp(x) / (1 + Math.exp(x)) : 1 / (1 + expNeg(x));
      export function tanh(x: number): number { return 1 - 2 / (Math.exp(2 * x) + 1); }`,
    'tanh via 2*sigmoid(2x) - 1': `
      export function sigmoid(x: number): number {
        const z = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + z) : z / (1 + z);
      }
      export function tanh(x: number): number { return 2 * sigmoid(2 * x) - 1; }`,
  };
  it.each(Object.entries(variants))('should give full marks to a correct variant: %s', async (_name, text) => {
    expectFullMarks(await grade(withFile(text)), ID);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSubmission, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory, mistakeFiles,
  referenceFile, referenceSubmission, repoRoot, type MistakeExpectation,
} from '@gatecheck/grading/testing';
import { definition } from './index.js';

const ID = '02-lstm-gates';
const ENTRY = 'src/lstm-gates.ts';
const grade = (dir: string) => gradeDirectory([definition], dir);
const withFile = (text: string) => assembleSubmission({ exercises: { [ID]: { [ENTRY]: text } } });
const GATES = ['forgetGate', 'inputGate', 'candidateCell', 'outputGate'] as const;
const allGates = <D extends string>(d: D): Record<string, D> => Object.fromEntries(GATES.map((g) => [g, d]));

// What each known-mistake student file must lose, and the diagnosis it must get.
const caught: Record<string, MistakeExpectation> = {
  'activation-swap': { failing: { candidateCell: 'activation-swap' } },
  'missing-bias': { failing: allGates('missing-bias') },
  'concat-order': { failing: allGates('concat-order') },
  'cell-gates-swapped': { failing: { cellState: 'cell-gates-swapped' } },
  'input-gate-ignored': { failing: { cellState: 'input-gate-ignored' } },
  'hidden-missing-tanh': { failing: { hiddenState: 'hidden-missing-tanh' } },
  'mutates-input': { failing: { cellState: 'mutates-input' }, kinds: { cellState: ['purity'] } },
  'wrong-shape': { failing: allGates('wrong-shape'), kinds: Object.fromEntries(GATES.map((g) => [g, ['shape']])) },
  'naive-exp-overflow': { failing: { ...allGates('naive-exp-overflow'), hiddenState: 'naive-exp-overflow' },
    kinds: Object.fromEntries([...GATES, 'hiddenState'].map((g) => [g, ['robustness']])) },
};

describe('grader 02-lstm-gates', () => {
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
    expectMistakeCaught(await grade(withFile(file)), ID, caught[id]!);
  });

  it('should explain a mutated argument by naming it and showing it before and after', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['mutates-input']!));
    expect(feedbackOf(report, ID, 'cellState')).toMatch(/changed its argument cPrev\[\d\]: it was .* before the call and .* after it/);
  });

  it('should show expected and actual shapes for a wrong shape', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['wrong-shape']!));
    expect(feedbackOf(report, ID, 'forgetGate')).toMatch(/expected array\(\d\), got array\(\d\) of array\(1\)/);
  });

  it('should report the shrunk counterexample with the largest error, its location and the tolerance', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['concat-order']!));
    const c = report.exercises[0]!.checks.find((k) => k.id === `${ID}/forgetGate/correctness`)!;
    const ce = c.counterexample!;
    expect((ce.input.x as number[]).length + (ce.input.hPrev as number[]).length).toBeLessThanOrEqual(3);
    expect(ce.worst!.path).toMatch(/^\[\d\]$/);
    expect(ce.maxAbsError).toBeGreaterThan(1e-8);
    expect(ce.tolerance).toEqual({ rtol: 1e-5, atol: 1e-8 });
    expect(c.feedback).toContain('[h_{t-1}, x_t]');
  });

  const helpers = `
    type Vector = number[];
    interface Gate { W: number[][]; b: Vector }
  `;
  const variants: Record<string, Record<string, Record<string, string>>> = {
    'plain loops and a sigmoid written with tanh': { [ID]: { [ENTRY]: `${helpers}
      function sig(a: number): number { return 0.5 * (1 + Math.tanh(0.5 * a)); }
      function gate(p: Gate, h: Vector, x: Vector, act: (a: number) => number): Vector {
        const out = new Array<number>(p.b.length);
        for (let r = 0; r < p.W.length; r++) {
          let s = p.b[r]!;
          for (let k = 0; k < h.length; k++) s += p.W[r]![k]! * h[k]!;
          for (let k = 0; k < x.length; k++) s += p.W[r]![h.length + k]! * x[k]!;
          out[r] = act(s);
        }
        return out;
      }
      export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector { return gate(p, hPrev, x, sig); }
      export function inputGate(p: Gate, hPrev: Vector, x: Vector): Vector { return gate(p, hPrev, x, sig); }
      export function candidateCell(p: Gate, hPrev: Vector, x: Vector): Vector { return gate(p, hPrev, x, Math.tanh); }
      export function outputGate(p: Gate, hPrev: Vector, x: Vector): Vector { return gate(p, hPrev, x, sig); }
      export function cellState(f: Vector, cPrev: Vector, i: Vector, cTilde: Vector): Vector {
        const c: Vector = [];
        for (let k = 0; k < f.length; k++) c.push(f[k]! * cPrev[k]! + i[k]! * cTilde[k]!);
        return c;
      }
      export function hiddenState(o: Vector, c: Vector): Vector {
        const h: Vector = [];
        for (let k = 0; k < o.length; k++) h.push(o[k]! * Math.tanh(c[k]!));
        return h;
      }` } },
    'helpers in another file, activations imported from exercise 01, slices and zip': {
      '01-activations': { 'src/activations.ts': referenceFile('01-activations') },
      [ID]: {
        'src/linear.ts': `
          export const dot = (a: number[], b: number[]): number => a.reduce((s, v, k) => s + v * b[k]!, 0);
          export function linear(W: number[][], b: number[], hPrev: number[], x: number[]): number[] {
            return W.map((row, r) => dot(row.slice(0, hPrev.length), hPrev) + dot(row.slice(hPrev.length), x) + b[r]!);
          }`,
        [ENTRY]: `
          import { sigmoid, tanh } from '../../01-activations/src/activations.js';
          import { linear } from './linear.js';
          ${helpers}
          const zipWith = (a: Vector, b: Vector, f: (u: number, v: number) => number) => a.map((u, k) => f(u, b[k]!));
          export const forgetGate = (p: Gate, hPrev: Vector, x: Vector) => linear(p.W, p.b, hPrev, x).map(sigmoid);
          export const inputGate = (p: Gate, hPrev: Vector, x: Vector) => linear(p.W, p.b, hPrev, x).map(sigmoid);
          export const candidateCell = (p: Gate, hPrev: Vector, x: Vector) => linear(p.W, p.b, hPrev, x).map(tanh);
          export const outputGate = (p: Gate, hPrev: Vector, x: Vector) => linear(p.W, p.b, hPrev, x).map(sigmoid);
          export const cellState = (f: Vector, cPrev: Vector, i: Vector, cTilde: Vector) =>
            zipWith(zipWith(f, cPrev, (a, b) => a * b), zipWith(i, cTilde, (a, b) => a * b), (a, b) => a + b);
          export const hiddenState = (o: Vector, c: Vector) => zipWith(o, c, (a, b) => a * tanh(b));`,
      },
    },
  };
  it.each(Object.entries(variants))('should give full marks to a correct variant: %s', async (_name, files) => {
    const report = await gradeDirectory([definition], assembleSubmission({ exercises: files }));
    expectFullMarks(report, ID);
  });
});

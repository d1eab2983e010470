import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSubmission, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory, mistakeFiles,
  referenceFile, referenceSubmission, repoRoot, type MistakeExpectation,
} from '@gatecheck/grading/testing';
import { definition } from './index.js';

const ID = '04-gru-gates';
const ENTRY = 'src/gru-gates.ts';
const grade = (dir: string) => gradeDirectory([definition], dir);
const withFile = (text: string) => assembleSubmission({ exercises: { [ID]: { [ENTRY]: text } } });
// Each known-mistake file is graded once and its report shared by the tests that read it.
const reports = new Map<string, ReturnType<typeof grade>>();
const gradeMistake = (id: string) => {
  if (!reports.has(id)) reports.set(id, grade(withFile(mistakeFiles(ID)[id]!)));
  return reports.get(id)!;
};
const GATES = ['updateGate', 'resetGate', 'candidateHidden'] as const;
const allGates = <D extends string>(d: D): Record<string, D> => Object.fromEntries(GATES.map((g) => [g, d]));
const kindsOf = (kind: string, fns: readonly string[] = GATES) => Object.fromEntries(fns.map((g) => [g, [kind]]));

// What each known-mistake student file must lose, and the diagnosis it must get.
const caught: Record<string, MistakeExpectation> = {
  'gru-pytorch-interpolation': { failing: { gruHidden: 'gru-pytorch-interpolation' }, kinds: { gruHidden: ['correctness'] } },
  'gru-reset-after-product': { failing: { candidateHidden: 'gru-reset-after-product' }, kinds: kindsOf('correctness', ['candidateHidden']) },
  'gru-reset-missing': { failing: { candidateHidden: 'gru-reset-missing' }, kinds: kindsOf('correctness', ['candidateHidden']) },
  'activation-swap': { failing: { candidateHidden: 'activation-swap' }, kinds: kindsOf('correctness', ['candidateHidden']) },
  'missing-bias': { failing: allGates('missing-bias'), kinds: kindsOf('correctness') },
  'concat-order': { failing: allGates('concat-order'), kinds: kindsOf('correctness') },
  'mutates-input': { failing: { candidateHidden: 'mutates-input' }, kinds: kindsOf('purity', ['candidateHidden']) },
  'wrong-shape': { failing: allGates('wrong-shape'), kinds: kindsOf('shape') },
  'naive-exp-overflow': { failing: allGates('naive-exp-overflow'), kinds: kindsOf('robustness') },
};

describe('grader 04-gru-gates', () => {
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

  it.each(Object.entries(mistakeFiles(ID)))('should catch %s with the right diagnosis', async (id) => {
    expectMistakeCaught(await gradeMistake(id), ID, caught[id]!);
  });

  it('should lose only the failing checks\' points for a mistake in one function', async () => {
    const report = await gradeMistake('gru-reset-missing');
    const ex = report.exercises[0]!;
    const lost = ex.checks.filter((c) => c.score < c.maxScore).map((c) => c.id).sort();
    expect(lost).toEqual([`${ID}/candidateHidden/correctness`, `${ID}/candidateHidden/robustness`]);
    expect(ex.score).toBe(ex.maxScore - 3);
  });

  it('should say which GRU convention a PyTorch-style submission used', async () => {
    const interpolation = feedbackOf(await gradeMistake('gru-pytorch-interpolation'), ID, 'gruHidden');
    expect(interpolation).toContain('PyTorch\'s nn.GRU convention');
    expect(interpolation).toContain('h_t = (1 - z_t) * h_{t-1} + z_t * h~_t');
    const reset = feedbackOf(await gradeMistake('gru-reset-after-product'), ID, 'candidateHidden');
    expect(reset).toContain('PyTorch\'s nn.GRU convention');
    expect(reset).toContain('r_t * h_{t-1}');
  });

  it('should report a small counterexample with the largest error, its location and the tolerance', async () => {
    const report = await gradeMistake('concat-order');
    const c = report.exercises[0]!.checks.find((k) => k.id === `${ID}/updateGate/correctness`)!;
    const ce = c.counterexample!;
    expect((ce.input.x as number[]).length + (ce.input.hPrev as number[]).length).toBeLessThanOrEqual(3);
    expect(ce.worst!.path).toMatch(/^\[\d\]$/);
    expect(ce.maxAbsError).toBeGreaterThan(1e-4);
    expect(ce.tolerance).toEqual({ rtol: 1e-5, atol: 1e-8 });
    expect(c.feedback).toContain('[h_{t-1}, x_t]');
    expect(ce.replay).toContain(`--check ${ID}/updateGate/correctness`);
  });

  it('should reach pre-activations past where exp overflows in the robustness checks', async () => {
    const report = await gradeMistake('naive-exp-overflow');
    const c = report.exercises[0]!.checks.find((k) => k.id === `${ID}/candidateHidden/robustness`)!;
    expect(c.feedback).toMatch(/got NaN/);
    const { p } = c.counterexample!.input as { p: { b: number[] } };
    expect(Math.max(...p.b.map(Math.abs))).toBeGreaterThan(355);
  });

  it('should name both PyTorch choices when a file uses PyTorch\'s GRU throughout', async () => {
    const file = mistakeFiles(ID)['gru-reset-after-product']!;
    const text = readFileSync(file, 'utf8')
      .replace('(1 - zk) * hPrev[k]! + zk * hTilde[k]!', 'zk * hPrev[k]! + (1 - zk) * hTilde[k]!');
    expectMistakeCaught(await grade(withFile(text)), ID,
      { failing: { candidateHidden: 'gru-reset-after-product', gruHidden: 'gru-pytorch-interpolation' } });
  });

  const types = `
    type Vector = number[];
    interface Gate { W: number[][]; b: Vector }
  `;
  const variants: Record<string, Record<string, Record<string, string>>> = {
    'plain loops and a sigmoid written with tanh': { [ID]: { [ENTRY]: `${types}
      function sig(a: number): number { return 0.5 * (1 + Math.tanh(0.5 * a)); }
      function affine(p: Gate, h: Vector, x: Vector): Vector {
        const out: Vector = [];
        for (let r = 0; r < p.W.length; r++) {
          let s = p.b[r]!;
          for (let k = 0; k < h.length; k++) s += p.W[r]![k]! * h[k]!;
          for (let k = 0; k < x.length; k++) s += p.W[r]![h.length + k]! * x[k]!;
          out.push(s);
        }
        return out;
      }
      export function updateGate(p: Gate, hPrev: Vector, x: Vector): Vector {
        const a = affine(p, hPrev, x);
        for (let k = 0; k < a.length; k++) a[k] = sig(a[k]!);
        return a;
      }
      export function resetGate(p: Gate, hPrev: Vector, x: Vector): Vector { return updateGate(p, hPrev, x); }
      export function candidateHidden(p: Gate, r: Vector, hPrev: Vector, x: Vector): Vector {
        const rh: Vector = [];
        for (let k = 0; k < hPrev.length; k++) rh.push(r[k]! * hPrev[k]!);
        const a = affine(p, rh, x);
        for (let k = 0; k < a.length; k++) a[k] = Math.tanh(a[k]!);
        return a;
      }
      export function gruHidden(z: Vector, hPrev: Vector, hTilde: Vector): Vector {
        const h: Vector = [];
        // Written as h + z (h~ - h): the same interpolation, one multiplication fewer.
        for (let k = 0; k < z.length; k++) h.push(hPrev[k]! + z[k]! * (hTilde[k]! - hPrev[k]!));
        return h;
      }` } },
    'helpers in another file, activations imported from exercise 01, concat and reduce': {
      '01-activations': { 'src/activations.ts': referenceFile('01-activations') },
      [ID]: {
        'src/linear.ts': `
          export const linear = (W: number[][], b: number[], v: number[]): number[] =>
            W.map((row, j) => row.reduce((s, w, k) => s + w * v[k]!, b[j]!));`,
        [ENTRY]: `
          import { sigmoid, tanh } from '../../01-activations/src/activations.js';
          import { linear } from './linear.js';
          ${types}
          export const updateGate = (p: Gate, hPrev: Vector, x: Vector) => linear(p.W, p.b, hPrev.concat(x)).map(sigmoid);
          export const resetGate = (p: Gate, hPrev: Vector, x: Vector) => linear(p.W, p.b, hPrev.concat(x)).map(sigmoid);
          export const candidateHidden = (p: Gate, r: Vector, hPrev: Vector, x: Vector) =>
            linear(p.W, p.b, hPrev.map((h, k) => h * r[k]!).concat(x)).map(tanh);
          export const gruHidden = (z: Vector, hPrev: Vector, hTilde: Vector) =>
            z.map((zk, k) => (1 - zk) * hPrev[k]! + zk * hTilde[k]!);`,
      },
    },
  };
  it.each(Object.entries(variants))('should give full marks to a correct variant: %s', async (_name, files) => {
    const report = await gradeDirectory([definition], assembleSubmission({ exercises: files }));
    expectFullMarks(report, ID);
  });
});

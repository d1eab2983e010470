import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSubmission, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory, mistakeFiles,
  referenceFile, repoRoot, type MistakeExpectation,
} from '@gatecheck/grading/testing';
import { definition } from './index.js';

const ID = '03-lstm-cell';
const ENTRY = 'src/lstm-cell.ts';
const grade = (dir: string) => gradeDirectory([definition], dir);
const withFile = (text: string) => assembleSubmission({ exercises: { [ID]: { [ENTRY]: text } } });
const both = (d: string): MistakeExpectation => ({ failing: { lstmCell: d, lstmForward: d } });

// What each known-mistake student file must lose, and the diagnosis it must get.
const caught: Record<string, MistakeExpectation> = {
  'concat-order': both('concat-order'),
  'hidden-uses-prev-cell': both('hidden-uses-prev-cell'),
  'cell-gates-swapped': both('cell-gates-swapped'),
  'hidden-missing-tanh': both('hidden-missing-tanh'),
  'missing-bias': both('missing-bias'),
  'activation-swap': both('activation-swap'),
  'naive-exp-overflow': { failing: { lstmCell: 'naive-exp-overflow' }, kinds: { lstmCell: ['robustness'] } },
  'mutates-input': { failing: { lstmCell: 'mutates-input', lstmForward: 'mutates-input' },
    kinds: { lstmCell: ['purity'], lstmForward: ['purity'] } },
  'state-not-carried': { failing: { lstmForward: 'state-not-carried' } },
  'sequence-reversed': { failing: { lstmForward: 'sequence-reversed' } },
  'wrong-shape': { failing: { lstmForward: 'wrong-shape' }, kinds: { lstmForward: ['shape'] } },
  'hs-aliased': { failing: { lstmForward: 'hs-aliased' } },
};

describe('grader 03-lstm-cell', () => {
  it('should give the reference solution full marks', async () => {
    expectFullMarks(await grade(withFile(referenceFile(ID))), ID);
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

  it('should say which gate holds a concat-order mistake, in lstmCell and through it in lstmForward', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['concat-order']!));
    expect(feedbackOf(report, ID, 'lstmCell')).toContain('The mistake may be in forgetGate.');
    expect(feedbackOf(report, ID, 'lstmForward')).toContain('The mistake may be in lstmCell (in forgetGate).');
  });

  it('should name the failing entry of a structured result (h[k], hs[t][k])', async () => {
    const cell = await grade(withFile(mistakeFiles(ID)['hidden-uses-prev-cell']!));
    const c = cell.exercises[0]!.checks.find((k) => k.id === `${ID}/lstmCell/correctness`)!;
    expect(c.counterexample!.worst!.path).toMatch(/^h\[\d\]$/);
    const fwd = await grade(withFile(mistakeFiles(ID)['state-not-carried']!));
    const f = fwd.exercises[0]!.checks.find((k) => k.id === `${ID}/lstmForward/correctness`)!;
    expect(f.counterexample!.worst!.path).toMatch(/^(hs\[\d\]\[\d\]|h\[\d\]|c\[\d\])$/);
    expect((f.counterexample!.input.xs as unknown[]).length).toBe(2);
  });

  const types = `
    type Vector = number[];
    interface Gate { W: number[][]; b: Vector }
    interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }`;
  const variants: Record<string, Record<string, Record<string, string>>> = {
    'built on the student\'s own exercises 01 and 02, forward with reduce': {
      '01-activations': { 'src/activations.ts': referenceFile('01-activations') },
      '02-lstm-gates': { 'src/lstm-gates.ts': referenceFile('02-lstm-gates') },
      [ID]: { [ENTRY]: `
        import { forgetGate, inputGate, candidateCell, cellState, outputGate, hiddenState } from '../../02-lstm-gates/src/lstm-gates.js';
        ${types}
        export function lstmCell(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector) {
          const c = cellState(forgetGate(p.f, hPrev, x), cPrev, inputGate(p.i, hPrev, x), candidateCell(p.c, hPrev, x));
          return { h: hiddenState(outputGate(p.o, hPrev, x), c), c };
        }
        export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector) {
          const { hs, h, c } = xs.reduce((acc, x) => {
            const next = lstmCell(p, acc.h, acc.c, x);
            return { hs: [...acc.hs, next.h], h: next.h, c: next.c };
          }, { hs: [] as Vector[], h: h0, c: c0 });
          return { hs, h: [...h], c: [...c] };
        }` },
    },
    'one loop over hidden units, recursion over time': { [ID]: { [ENTRY]: `${types}
      const sig = (a: number) => 1 / (1 + Math.exp(-Math.max(a, -700)));
      function pre(g: Gate, hPrev: Vector, x: Vector, r: number): number {
        const hx = hPrev.concat(x);
        let s = g.b[r]!;
        hx.forEach((v, k) => { s += g.W[r]![k]! * v; });
        return s;
      }
      export function lstmCell(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector): { h: Vector; c: Vector } {
        const h: Vector = [];
        const c: Vector = [];
        for (let r = 0; r < hPrev.length; r++) {
          const f = sig(pre(p.f, hPrev, x, r));
          const i = sig(pre(p.i, hPrev, x, r));
          const ct = Math.tanh(pre(p.c, hPrev, x, r));
          const o = sig(pre(p.o, hPrev, x, r));
          c.push(f * cPrev[r]! + i * ct);
          h.push(o * Math.tanh(c[r]!));
        }
        return { h, c };
      }
      export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector): { hs: Vector[]; h: Vector; c: Vector } {
        if (xs.length === 0) return { hs: [], h: [...h0], c: [...c0] };
        const first = lstmCell(p, h0, c0, xs[0]!);
        const rest = lstmForward(p, xs.slice(1), first.h, first.c);
        return { hs: [first.h, ...rest.hs], h: rest.h, c: rest.c };
      }` } },
  };
  it.each(Object.entries(variants))('should give full marks to a correct variant: %s', async (_name, files) => {
    expectFullMarks(await grade(assembleSubmission({ exercises: files })), ID);
  });
});

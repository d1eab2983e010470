import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSubmission, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory, mistakeFiles,
  referenceFile, referenceSubmission, repoRoot, type MistakeExpectation,
} from '@gatecheck/grading/testing';
import * as gates from '@gatecheck/grader-04-gru-gates';
import { definition } from './index.js';

const ID = '05-gru-cell';
const ENTRY = 'src/gru-cell.ts';
const grade = (dir: string) => gradeDirectory([definition], dir);
const withFile = (text: string) => assembleSubmission({ exercises: { [ID]: { [ENTRY]: text } } });
// Each known-mistake file is graded once and its report shared by the tests that read it.
const reports = new Map<string, ReturnType<typeof grade>>();
const gradeMistake = (id: string) => {
  if (!reports.has(id)) reports.set(id, grade(withFile(mistakeFiles(ID)[id]!)));
  return reports.get(id)!;
};
const both = <D extends string>(d: D) => ({ gruCell: d, gruForward: d });

// What each known-mistake student file must lose, and the diagnosis it must get. A mistake inside the step is
// also diagnosed in gruForward, which runs that step.
const caught: Record<string, MistakeExpectation> = {
  'gru-pytorch-interpolation': { failing: both('gru-pytorch-interpolation'), kinds: { gruCell: ['correctness'] } },
  'gru-reset-after-product': { failing: both('gru-reset-after-product'), kinds: { gruCell: ['correctness'] } },
  'gru-reset-missing': { failing: both('gru-reset-missing'), kinds: { gruCell: ['correctness'] } },
  'activation-swap': { failing: both('activation-swap'), kinds: { gruCell: ['correctness'] } },
  'missing-bias': { failing: both('missing-bias'), kinds: { gruCell: ['correctness'] } },
  'concat-order': { failing: both('concat-order'), kinds: { gruCell: ['correctness'] } },
  'naive-exp-overflow': { failing: both('naive-exp-overflow'), kinds: { gruCell: ['robustness'], gruForward: ['robustness'] } },
  'mutates-input': { failing: { gruForward: 'mutates-input' }, kinds: { gruForward: ['purity'] } },
  'wrong-shape': { failing: { gruForward: 'wrong-shape' }, kinds: { gruForward: ['shape'] } },
  'state-not-carried': { failing: { gruForward: 'state-not-carried' }, kinds: { gruForward: ['correctness'] } },
  'sequence-reversed': { failing: { gruForward: 'sequence-reversed' }, kinds: { gruForward: ['correctness'] } },
};

describe('grader 05-gru-cell', () => {
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

  it('should point a gate mistake at the 04 function it sits in', async () => {
    const report = await gradeMistake('activation-swap');
    expect(feedbackOf(report, ID, 'gruCell')).toContain('The mistake may be in updateGate (04-gru-gates)');
    expect(feedbackOf(report, ID, 'gruForward')).toContain('gruCell (05-gru-cell) or the updateGate (04-gru-gates)');
  });

  it('should say which GRU convention a PyTorch-style submission used', async () => {
    const feedback = feedbackOf(await gradeMistake('gru-pytorch-interpolation'), ID, 'gruCell');
    expect(feedback).toContain('PyTorch\'s nn.GRU convention');
    expect(feedback).toContain('h_t = (1 - z_t) * h_{t-1} + z_t * h~_t');
  });

  it('should name both PyTorch choices when a step uses PyTorch\'s GRU throughout', async () => {
    const text = readFileSync(mistakeFiles(ID)['gru-reset-after-product']!, 'utf8')
      .replace('(1 - z[k]!) * h + z[k]! * hTilde[k]!', 'z[k]! * h + (1 - z[k]!) * hTilde[k]!');
    const report = await grade(withFile(text));
    expectMistakeCaught(report, ID, { failing: both('gru-pytorch-interpolation') });
    expect(feedbackOf(report, ID, 'gruCell')).toContain('PyTorch\'s nn.GRU form throughout');
  });

  it('should tell a student to fix a failing 04 gate first when gruCell fails too', async () => {
    const report = await gradeDirectory([gates.definition, definition], assembleSubmission({
      exercises: {
        '04-gru-gates': { 'src/gru-gates.ts': mistakeFiles('04-gru-gates')['missing-bias']! },
        [ID]: { [ENTRY]: mistakeFiles(ID)['missing-bias']! },
      },
    }));
    expect(feedbackOf(report, ID, 'gruCell')).toMatch(/builds on .*updateGate \(04-gru-gates, likely missing-bias\).* Fix .*updateGate/);
  });

  it('should show a sequence counterexample with at least two steps for a state that is not carried', async () => {
    const report = await gradeMistake('state-not-carried');
    const c = report.exercises[0]!.checks.find((k) => k.id === `${ID}/gruForward/correctness`)!;
    expect((c.counterexample!.input.xs as number[][]).length).toBeGreaterThanOrEqual(2);
    expect(c.counterexample!.worst!.path).toMatch(/^(hs\[[1-9]\d*\]|h)\[\d\]$/);
    expect(c.feedback).toContain('Every step starts again from h0');
  });

  const types = `
    type Vector = number[];
    interface Gate { W: number[][]; b: Vector }
    interface GruParams { z: Gate; r: Gate; h: Gate }
  `;
  const variants: Record<string, Record<string, Record<string, string>>> = {
    'built on exercise 04\'s gates': {
      '04-gru-gates': { 'src/gru-gates.ts': referenceFile('04-gru-gates') },
      [ID]: { [ENTRY]: `
        import { candidateHidden, gruHidden, resetGate, updateGate } from '../../04-gru-gates/src/gru-gates.js';
        ${types}
        export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
          const z = updateGate(p.z, hPrev, x);
          const r = resetGate(p.r, hPrev, x);
          return gruHidden(z, hPrev, candidateHidden(p.h, r, hPrev, x));
        }
        export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
          const hs = xs.reduce<Vector[]>((acc, x) => [...acc, gruCell(p, acc.length ? acc[acc.length - 1]! : h0, x)], []);
          return { hs, h: hs.length ? hs[hs.length - 1]! : [...h0] };
        }` },
    },
    'plain loops, recursion over the sequence': { [ID]: { [ENTRY]: `${types}
      function sigmoid(a: number): number { return a < 0 ? Math.exp(a) / (1 + Math.exp(a)) : 1 / (1 + Math.exp(-a)); }
      function gate(g: Gate, h: Vector, x: Vector, act: (a: number) => number): Vector {
        const out: Vector = [];
        for (let j = 0; j < g.W.length; j++) {
          let s = g.b[j]!;
          for (let k = 0; k < h.length; k++) s += g.W[j]![k]! * h[k]!;
          for (let k = 0; k < x.length; k++) s += g.W[j]![h.length + k]! * x[k]!;
          out.push(act(s));
        }
        return out;
      }
      export function gruCell(p: GruParams, hPrev: Vector, x: Vector): Vector {
        const z = gate(p.z, hPrev, x, sigmoid);
        const r = gate(p.r, hPrev, x, sigmoid);
        const rh: Vector = [];
        for (let k = 0; k < hPrev.length; k++) rh.push(r[k]! * hPrev[k]!);
        const ht = gate(p.h, rh, x, Math.tanh);
        const h: Vector = [];
        for (let k = 0; k < hPrev.length; k++) h.push(hPrev[k]! - z[k]! * hPrev[k]! + z[k]! * ht[k]!);
        return h;
      }
      function run(p: GruParams, xs: Vector[], t: number, h: Vector, hs: Vector[]): Vector {
        if (t === xs.length) return h;
        const next = gruCell(p, h, xs[t]!);
        hs.push(next);
        return run(p, xs, t + 1, next, hs);
      }
      export function gruForward(p: GruParams, xs: Vector[], h0: Vector): { hs: Vector[]; h: Vector } {
        const hs: Vector[] = [];
        const h = run(p, xs, 0, h0.slice(), hs);
        return { hs, h };
      }` } },
  };
  it.each(Object.entries(variants))('should give full marks to a correct variant: %s', async (_name, files) => {
    const report = await gradeDirectory([definition], assembleSubmission({ exercises: files }));
    expectFullMarks(report, ID);
  });
});

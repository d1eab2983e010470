import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradingReport } from '@gatecheck/grading';
import {
  assembleSubmission, describeChecks, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory,
  mistakeFiles, referenceSubmission, repoRoot,
} from '@gatecheck/grading/testing';
import { definition } from './index.js';

const ID = '06-torch-lstm';
const ENTRY = 'src/torch-lstm.ts';
const grade = (dir: string) => gradeDirectory([definition], dir);
const withFile = (file: string) => assembleSubmission({ exercises: { [ID]: { [ENTRY]: { path: file } } } });

const VALUE_KINDS = ['correctness', 'initial-state', 'no-bias', 'batch-first', 'unbatched', 'stacked', 'bidirectional', 'projection', 'combined'];
const without = (kinds: string[], ...drop: string[]) => kinds.filter((k) => !drop.includes(k));

/**
 * What each known-mistake student file must lose: exactly these checks fail, each one that fails on values or
 * shapes names the file's id. `crashes` lists checks where the file throws on some valid input (status error).
 */
const caught: Record<string, { kinds: string[]; crashes?: string[] }> = {
  'gate-order': { kinds: VALUE_KINDS },
  'activation-swap': { kinds: VALUE_KINDS },
  'bias-hh-missing': { kinds: without(VALUE_KINDS, 'no-bias') },
  'missing-bias': { kinds: without(VALUE_KINDS, 'no-bias') },
  'state-not-carried': { kinds: VALUE_KINDS },
  'sequence-reversed': { kinds: VALUE_KINDS },
  'reverse-not-realigned': { kinds: ['bidirectional', 'combined'] },
  // Ignoring batchFirst, it reads h0 for L batch elements where there are N, and throws when L > N.
  'batch-first-ignored': { kinds: ['batch-first', 'combined', 'shape', 'purity'], crashes: ['combined', 'purity'] },
  'layer-input-wrong': { kinds: ['stacked', 'combined'] },
  'projection-misplaced': { kinds: ['projection', 'combined'] },
  'wrong-shape': { kinds: ['unbatched', 'combined', 'shape'] },
  'mutates-input': { kinds: ['purity'] },
};

function expectExactly(report: GradingReport, id: string, expectation: { kinds: string[]; crashes?: string[] }): void {
  const checks = report.exercises[0]!.checks;
  const summary = describeChecks(report.exercises[0]!);
  const notPassed = checks.filter((c) => c.status !== 'passed').map((c) => c.kind).sort();
  expect(notPassed, summary).toEqual([...expectation.kinds].sort());
  for (const c of checks.filter((c) => c.status !== 'passed')) {
    expect(c.score, c.id).toBe(0);
    if (c.status === 'error' && expectation.crashes?.includes(c.kind!)) continue;
    expect(c.status, `${c.id}\n${summary}`).toBe('failed');
    expect(c.diagnosis, `${c.id}\n${c.feedback}`).toBe(id);
  }
}

describe('grader 06-torch-lstm', () => {
  it('should give the reference solution full marks', async () => {
    const report = await grade(referenceSubmission({}, { only: [ID] }));
    expectFullMarks(report, ID);
    expect(report.exercises[0]!.maxScore).toBe(18);
  });

  it('should give the stub zero, every check not implemented, without crashing', async () => {
    const report = await grade(withFile(join(repoRoot, 'exercises', ID, ENTRY)));
    expectNotImplemented(report, ID);
    expect(report.score).toBe(0);
  });

  it('should have an expectation for every known-mistake file', () => {
    expect(Object.keys(mistakeFiles(ID)).sort()).toEqual(Object.keys(caught).sort());
  });

  it.each(Object.entries(mistakeFiles(ID)))('should catch %s, failing exactly the checks of that feature', async (id, file) => {
    const report = await grade(withFile(file));
    expectMistakeCaught(report, ID, { failing: { lstm: id }, kinds: { lstm: caught[id]!.kinds } });
    expectExactly(report, id, caught[id]!);
  });

  it('should give full marks to a correct variant written with flat buffers and strides', async () => {
    expectFullMarks(await grade(withFile(join(repoRoot, 'graders', ID, 'variants', 'flat-buffers.ts'))), ID);
  });

  it('should shrink a failure to one or two steps and units with simple numbers', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['gate-order']!));
    const c = report.exercises[0]!.checks.find((k) => k.kind === 'correctness')!;
    const { opts, params, input } = c.counterexample!.input as {
      opts: { inputSize: number; hiddenSize: number }; params: Record<string, unknown>; input: number[][][];
    };
    expect(Object.keys(opts).sort()).toEqual(['hiddenSize', 'inputSize']);
    expect(opts.inputSize + opts.hiddenSize).toBeLessThanOrEqual(3);
    expect(input.length * input[0]!.length).toBeLessThanOrEqual(2);
    const numbers = (prefix: string) => Object.entries(params).filter(([k]) => k.startsWith(prefix)).flatMap(([, v]) => v as number[]).flat();
    for (const x of [...numbers('weight_'), ...numbers('bias_')]) expect(Math.round(x * 10)).toBeCloseTo(x * 10, 9);
    // Weights shrink to 0 and biases (never 0) to ±0.1, except the few the failure needs.
    expect(numbers('weight_').filter((x) => x !== 0).length).toBeLessThanOrEqual(3);
    expect(numbers('bias_').filter((x) => Math.abs(x) !== 0.1).length).toBeLessThanOrEqual(3);
    expect(c.feedback).toMatch(/f, i, g, o \(the lecture's order\)/);
    expect(c.counterexample!.replay).toContain('--seed');
  });

  it('should shrink a stacking failure to two small layers', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['layer-input-wrong']!));
    const c = report.exercises[0]!.checks.find((k) => k.kind === 'stacked')!;
    const { opts, input } = c.counterexample!.input as {
      opts: { numLayers: number; hiddenSize: number; inputSize: number }; input: number[][][];
    };
    expect(opts.numLayers).toBe(2);
    expect(opts.hiddenSize).toBeLessThanOrEqual(2);
    expect(opts.inputSize).toBeLessThanOrEqual(2);
    expect(input.length * input[0]!.length).toBeLessThanOrEqual(2);
  });

  it('should say which feature is wrong in the feedback', async () => {
    const report = await grade(withFile(mistakeFiles(ID)['projection-misplaced']!));
    expect(feedbackOf(report, ID, 'lstm')).toMatch(/projSize > 0[\s\S]*Likely reason \(projection-misplaced\)/);
  });
});

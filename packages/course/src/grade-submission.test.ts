import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GradingReport } from '@gatecheck/grading';
import {
  assembleSubmission, createInProcessSandbox, expectFullMarks, feedbackOf, mistakeFile, referenceFile,
} from '@gatecheck/grading/testing';
import { CourseInputError, gradeSubmission, type GradeSubmissionOptions } from './index.js';

// The isolate is the sandbox package's concern (and its tests'); here the course's wiring is under test.
const inProcess: GradeSubmissionOptions['sandbox'] = (dir, exercises) => createInProcessSandbox(dir, exercises);
const FIRST_THREE = ['01-activations', '02-lstm-gates', '03-lstm-cell'];
const grade = (dir: string, options: GradeSubmissionOptions = {}) =>
  gradeSubmission(dir, { sandbox: inProcess, exercises: FIRST_THREE, ...options });

/** A report without the parts that measure time (provenance only). */
const timeless = (r: GradingReport) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'timings' || k === 'durationMs' ? undefined : v)));

const reference = () => assembleSubmission({ exercises: Object.fromEntries(FIRST_THREE.map((id) => [id, {
  [`src/${id.replace(/^\d+-/, '')}.ts`]: referenceFile(id) }])) });

// A student's 03 built on their own 02, whose forgetGate alone reads [x, h].
const forgetGateXFirst = readFileSync(referenceFile('02-lstm-gates'), 'utf8').replace(
  'export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {\n  return affine(p, hPrev, x).map(sigmoid);',
  'export function forgetGate(p: Gate, hPrev: Vector, x: Vector): Vector {\n  return affine(p, x, hPrev).map(sigmoid);');
const cellOnGates = `
  import { forgetGate, inputGate, candidateCell, cellState, outputGate, hiddenState } from '../../02-lstm-gates/src/lstm-gates.js';
  type Vector = number[];
  interface Gate { W: number[][]; b: Vector }
  interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }
  export function lstmCell(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector) {
    const c = cellState(forgetGate(p.f, hPrev, x), cPrev, inputGate(p.i, hPrev, x), candidateCell(p.c, hPrev, x));
    return { h: hiddenState(outputGate(p.o, hPrev, x), c), c };
  }
  export function lstmForward(p: LstmParams, xs: Vector[], h0: Vector, c0: Vector) {
    let h = h0.slice();
    let c = c0.slice();
    const hs: Vector[] = [];
    for (const x of xs) { ({ h, c } = lstmCell(p, h, c, x)); hs.push(h); }
    return { hs, h, c };
  }`;

describe('gradeSubmission', () => {
  it('should give a correct submission full marks, with provenance and the seed', async () => {
    const report = await grade(reference());
    expectFullMarks(report);
    expect(report.exercises.map((e) => e.id)).toEqual(FIRST_THREE);
    expect(report.seed).toBe(20261125);
    expect(report.graderVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.graderCommit === null || /^[0-9a-f]{40}$/.test(report.graderCommit!)).toBe(true);
    expect(Object.keys(report.timings!).sort()).toEqual(['bundleMs', 'checksMs', 'sandboxStartMs', 'totalMs']);
  });

  it('should give the same report for the same seed, and a different search for another seed', async () => {
    const dir = assembleSubmission({ exercises: { '02-lstm-gates': { 'src/lstm-gates.ts': mistakeFile('02-lstm-gates', 'concat-order') } } });
    const a = await grade(dir, { exercises: ['02-lstm-gates'], seed: 7 });
    const b = await grade(dir, { exercises: ['02-lstm-gates'], seed: 7 });
    expect(timeless(a)).toEqual(timeless(b));
    const c = await grade(dir, { exercises: ['02-lstm-gates'], seed: 8 });
    expect(c.seed).toBe(8);
    expect(c.exercises[0]!.checks.map((k) => k.diagnosis)).toEqual(a.exercises[0]!.checks.map((k) => k.diagnosis));
  });

  it('should replay a failed check from its seed, check id and path alone', async () => {
    const dir = assembleSubmission({ exercises: { '03-lstm-cell': { 'src/lstm-cell.ts': mistakeFile('03-lstm-cell', 'state-not-carried') } } });
    const full = await grade(dir, { exercises: ['03-lstm-cell'] });
    const failed = full.exercises[0]!.checks.find((c) => c.status === 'failed')!;
    const ce = failed.counterexample!;
    expect(ce.replay).toBe(`pnpm gatecheck grade --submission ${dir} --exercise 03-lstm-cell --seed ${full.seed} --check ${failed.id} --path ${ce.path}`);
    const replay = await grade(dir, { seed: ce.seed!, check: failed.id, path: ce.path! });
    expect(replay.exercises).toHaveLength(1);
    const again = replay.exercises[0]!.checks;
    expect(again.map((c) => c.id)).toEqual([failed.id]);
    expect(again[0]!.counterexample!.input).toEqual(ce.input);
    expect(again[0]!.counterexample!.actual).toEqual(ce.actual);
    expect(again[0]!.diagnosis).toBe(failed.diagnosis);
  });

  it('should tell lstmCell to fix forgetGate first when the student\'s own forgetGate fails, and diagnose it through the gate', async () => {
    const dir = assembleSubmission({ exercises: {
      '01-activations': { 'src/activations.ts': referenceFile('01-activations') },
      '02-lstm-gates': { 'src/lstm-gates.ts': forgetGateXFirst },
      '03-lstm-cell': { 'src/lstm-cell.ts': cellOnGates },
    } });
    const report = await grade(dir);
    const gates = report.exercises.find((e) => e.id === '02-lstm-gates')!;
    expect(gates.checks.filter((c) => c.status !== 'passed').every((c) => c.function === 'forgetGate' && c.diagnosis === 'concat-order')).toBe(true);
    const cell = report.exercises.find((e) => e.id === '03-lstm-cell')!;
    const cellCorrectness = cell.checks.find((c) => c.id === '03-lstm-cell/lstmCell/correctness')!;
    expect(cellCorrectness.diagnosis).toBe('concat-order');
    const feedback = feedbackOf(report, '03-lstm-cell', 'lstmCell');
    expect(feedback).toContain('lstmCell builds on forgetGate (02-lstm-gates, likely concat-order), which fails its own checks too. Fix forgetGate first');
    expect(feedback).toContain('The mistake may be in forgetGate.');
    expect(feedbackOf(report, '03-lstm-cell', 'lstmForward')).toContain('Fix lstmCell first');
  });

  it('should say nothing about dependencies when they pass', async () => {
    const dir = assembleSubmission({ exercises: {
      '02-lstm-gates': { 'src/lstm-gates.ts': referenceFile('02-lstm-gates') },
      '03-lstm-cell': { 'src/lstm-cell.ts': mistakeFile('03-lstm-cell', 'hidden-uses-prev-cell') },
    } });
    const report = await grade(dir);
    expect(feedbackOf(report, '03-lstm-cell', 'lstmCell')).not.toMatch(/builds on|Fix \w+ first/);
  });

  it('should count exercises that were not submitted at their full value, without crashing', async () => {
    const dir = assembleSubmission({ exercises: { '01-activations': { 'src/activations.ts': referenceFile('01-activations') } } });
    const report = await grade(dir);
    const missing = report.exercises.find((e) => e.id === '03-lstm-cell')!;
    expect(missing.status).toBe('not-submitted');
    expect(missing.score).toBe(0);
    expect(missing.maxScore).toBeGreaterThan(0);
    expect(report.maxScore).toBe(report.exercises.reduce((a, e) => a + e.maxScore, 0));
  });

  it('should rescale a function\'s checks to the configured points', async () => {
    const config = { seed: 1, numRuns: 20, limits: { timeoutMs: 500, memoryMb: 128 }, points: { '01-activations': { sigmoid: 6 } } };
    const report = await grade(reference(), { config, exercises: ['01-activations'] });
    const sigmoid = report.exercises[0]!.checks.filter((c) => c.function === 'sigmoid');
    expect(sigmoid.map((c) => c.maxScore)).toEqual([4, 2]);
    expect(report.exercises[0]!.maxScore).toBe(9);
    expect(report.numRuns).toBe(20);
  });

  it('should refuse an unknown exercise, an unknown check, a path without a check, and a missing folder', async () => {
    const dir = reference();
    await expect(grade(dir, { exercises: ['09-nope'] })).rejects.toThrow(CourseInputError);
    await expect(grade(dir, { check: '02-lstm-gates/forgetGate/speed' })).rejects.toThrow(/unknown check/);
    await expect(grade(dir, { path: '1:2' })).rejects.toThrow(/--check/);
    await expect(grade(`${dir}/missing`)).rejects.toThrow(/not found/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { GradingInputError } from './errors.js';
import { expandPath } from './replay-path.js';
import { gradeWithSandbox, listCheckIds } from './grade.js';
import { InputBank } from './rounds.js';
import { toyDefinition } from './__test-helpers__/toy-exercise.js';
import { fakeSandbox } from './__test-helpers__/fake-sandbox.js';

const scale = (v: number[], k: number) => v.map((x) => x * k);
const correct = { scale, scaleTwice: (v: number[], k: number) => scale(scale(v, k), k), sumAll: (v: number[]) => v.reduce((a, b) => a + b, 0) };
const grade = (fns: Record<string, unknown>, options: Partial<Parameters<typeof gradeWithSandbox>[2]> = {}) =>
  gradeWithSandbox([toyDefinition], fakeSandbox({ '01-toy': { ...correct, ...fns } as never }), { seed: 42, ...options });
const check = (r: ReturnType<typeof grade>, id: string) => r.exercises[0]!.checks.find((c) => c.id === `01-toy/${id}`)!;

describe('gradeWithSandbox', () => {
  it('should give full marks to correct functions and report every check', () => {
    const r = grade({});
    expect(r.score).toBe(r.maxScore);
    expect(r.maxScore).toBe(7);
    expect(r.exercises[0]!.checks.map((c) => c.id)).toEqual(listCheckIds([toyDefinition]));
    expect(r.exercises[0]!.checks.every((c) => c.status === 'passed' && c.numRuns === 100)).toBe(true);
    expect(r.exercises[0]!.functions).toEqual({ scale: { file: '01-toy/src/toy.ts', startLine: 2, endLine: 4 } });
  });

  it('should judge results on the sandbox\'s encoded words, decoding only those that fail', () => {
    const onWords = (fns: Record<string, unknown>) => {
      const sandbox = fakeSandbox({ '01-toy': { ...correct, ...fns } as never }, { encoded: true });
      return { report: gradeWithSandbox([toyDefinition], sandbox, { seed: 42 }), sandbox };
    };
    const passing = onWords({});
    expect(passing.report.score).toBe(passing.report.maxScore);
    expect(passing.sandbox.calls).toBeGreaterThan(100);
    expect(passing.sandbox.decoded).toBe(0);
    // A failure is decoded, and reported exactly as from plain values: shrinking, diagnosis, feedback.
    const bad = { scale: (v: number[], k: number) => v.map((x) => x + k) };
    const failing = onWords(bad);
    expect(failing.sandbox.decoded).toBeGreaterThan(0);
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'durationMs' || k === 'timings' ? undefined : v)));
    expect(strip(failing.report)).toEqual(strip(grade(bad)));
    expect(check(failing.report, 'scale/correctness').diagnosis).toBe('adds-instead');
  });

  it('should shrink a failure, explain it, and diagnose the mistake that reproduces it on more inputs', () => {
    const r = grade({ scale: (v: number[], k: number) => v.map((x) => x + k) });
    const c = check(r, 'scale/correctness');
    expect(c.status).toBe('failed');
    expect(c.score).toBe(0);
    expect(c.diagnosis).toBe('adds-instead');
    expect((c.counterexample!.input.v as number[]).length).toBe(1);
    expect(c.counterexample!.worst).toMatchObject({ path: '[0]' });
    expect(c.feedback).toMatch(/On this input:\n {2}v = \[.*\]\n {2}k = .*\nexpected {2}\[.*\]\ngot {7}\[.*\]/);
    expect(c.feedback).toContain('Likely reason (adds-instead): You added k instead of multiplying by it.');
    expect(c.feedback).toContain(`Replay: pnpm gatecheck grade --submission exercises --exercise 01-toy --seed 42 --check 01-toy/scale/correctness --path ${c.counterexample!.path}`);
  });

  it('should not diagnose a mistake that only matches the shrunk input', () => {
    // Adds k only where |x| < 1 — like adds-instead on the shrunk input [0], unlike it on most other inputs.
    const r = grade({ scale: (v: number[], k: number) => v.map((x) => (Math.abs(x) < 1 ? x + k : x * k)) });
    const c = check(r, 'scale/correctness');
    expect(c.status).toBe('failed');
    expect(c.diagnosis).toBeNull();
  });

  it('should diagnose each submission on its own while its diagnosis inputs and predictions are kept', () => {
    const adds = { scale: (v: number[], k: number) => v.map((x) => x + k) };
    const onlySmall = { scale: (v: number[], k: number) => v.map((x) => (Math.abs(x) < 1 ? x + k : x * k)) };
    const mistake = toyDefinition.functions[0]!.checks[0]!.mistakes![0]!;
    const compute = vi.spyOn(mistake, 'compute');
    try {
      // One bank, as a batch worker has: the first grading draws and computes, the later ones find them kept.
      const bank = new InputBank();
      const diagnosisOf = (fns: Record<string, unknown>) => check(grade(fns, { seed: 7, bank }), 'scale/correctness').diagnosis;
      expect(diagnosisOf(adds)).toBe('adds-instead');
      const first = compute.mock.calls.length;
      expect(diagnosisOf(onlySmall)).toBeNull();
      compute.mockClear();
      expect(diagnosisOf(adds)).toBe('adds-instead');
      // Only the counterexample, the one observation that belongs to this grading, is computed again.
      expect(compute.mock.calls.length).toBe(1);
      expect(first).toBeGreaterThan(1);
    } finally {
      compute.mockRestore();
    }
  });

  it('should report not-implemented, missing exports, timeouts, memory and throws without crashing', () => {
    const r = grade({
      scale: { kind: 'not-implemented', message: 'not implemented: scale (01-toy)' },
      scaleTwice: { kind: 'timeout', limitMs: 500 },
      sumAll: () => { throw new TypeError('v.reduce is not a function'); },
    });
    expect(check(r, 'scale/correctness')).toMatchObject({ status: 'not-implemented', score: 0, counterexample: null });
    expect(check(r, 'scale/correctness').feedback).toMatch(/scale is not implemented yet/);
    expect(check(r, 'scaleTwice/correctness')).toMatchObject({ status: 'timeout', score: 0 });
    expect(check(r, 'scaleTwice/correctness').feedback).toMatch(/did not return within 500 ms/);
    expect(check(r, 'sumAll/correctness')).toMatchObject({ status: 'error', score: 0 });
    expect(check(r, 'sumAll/correctness').feedback).toMatch(/threw TypeError: v.reduce is not a function\non this input:\n {2}v = \[\]/);
    const missing = gradeWithSandbox([toyDefinition], fakeSandbox({ '01-toy': { scale, scaleTwice: correct.scaleTwice } }), { seed: 1 });
    expect(check(missing, 'sumAll/correctness')).toMatchObject({ status: 'not-implemented' });
    const memory = grade({ sumAll: { kind: 'memory', limitMb: 128 } });
    expect(check(memory, 'sumAll/correctness').feedback).toMatch(/ran out of memory \(limit 128 MB\)/);
  });

  it('should show the input of a function\'s first timeout only, and say its later checks were not run', () => {
    const r = grade({ scale: { kind: 'timeout', limitMs: 500 } });
    expect(check(r, 'scale/correctness').feedback).toMatch(/did not return within 500 ms on this input/);
    expect(check(r, 'scale/correctness').counterexample).not.toBeNull();
    expect(check(r, 'scale/purity')).toMatchObject({ status: 'timeout', score: 0, counterexample: null });
    expect(check(r, 'scale/purity').feedback).toBe('scale leaves its arguments unchanged: not run, because scale was stopped in 01-toy/scale/correctness (see there).');
  });

  it('should stop calling a function once it is known not to be implemented', () => {
    const sandbox = fakeSandbox({ '01-toy': { ...correct, sumAll: { kind: 'not-implemented', message: 'not implemented: sumAll' } } as never });
    gradeWithSandbox([toyDefinition], sandbox, { seed: 1, check: '01-toy/sumAll/correctness' });
    expect(sandbox.calls).toBe(1);
  });

  it('should catch a mutated argument and a wrong shape with their own diagnoses', () => {
    const r = grade({ scale: (v: number[], k: number) => { for (let i = 0; i < v.length; i++) v[i] = v[i]! * k; return v; } });
    const purity = check(r, 'scale/purity');
    expect(check(r, 'scale/correctness').status).toBe('passed');
    expect(purity).toMatchObject({ status: 'failed', diagnosis: 'mutates-input' });
    expect(purity.feedback).toMatch(/changed its argument v\[0\]: it was .* before the call and .* after it/);
    const s = grade({ scale: (v: number[], k: number) => v.map((x) => [x * k]) });
    expect(check(s, 'scale/shape')).toMatchObject({ status: 'failed', diagnosis: 'wrong-shape' });
    expect(check(s, 'scale/shape').feedback).toMatch(/wrong shape: expected array\(1\), got array\(1\) of array\(1\)/);
    expect(check(s, 'scale/correctness').diagnosis).toBe('wrong-shape');
  });

  it('should never pass NaN or Infinity where a finite value is expected, and recognise an overflow', () => {
    const r = grade({ scale: (v: number[], k: number) => v.map((x) => (Math.abs(x * k) > 50 ? NaN : x * k)) });
    const c = check(r, 'scale/correctness');
    expect(c.diagnosis).toBe('naive-exp-overflow');
    expect(c.counterexample!.actual).toContain('NaN');
    expect(c.feedback).toMatch(/returned NaN or Infinity where a finite number was expected/);
  });

  it('should add a dependency note when a function and what it builds on both fail', () => {
    const adds = (v: number[], k: number) => v.map((x) => x + k);
    const r = grade({ scale: adds, scaleTwice: (v: number[], k: number) => adds(adds(v, k), k) });
    const c = check(r, 'scaleTwice/correctness');
    expect(c.diagnosis).toBe('adds-instead');
    expect(c.feedback.split('\n')[0]).toBe('scaleTwice builds on scale (01-toy, likely adds-instead), which fails its own checks too. Fix scale first: scaleTwice may pass once it does.');
    expect(c.feedback).toContain('The mistake may be in scale.');
  });

  it('should be deterministic for a seed and replay one check from its path', () => {
    const bad = { scale: (v: number[], k: number) => v.map((x) => x + k) };
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'durationMs' || k === 'timings' ? undefined : v)));
    expect(strip(grade(bad))).toEqual(strip(grade(bad)));
    const first = check(grade(bad), 'scale/correctness');
    const replay = grade(bad, { check: '01-toy/scale/correctness', path: first.counterexample!.path! });
    expect(replay.exercises[0]!.checks).toHaveLength(1);
    expect(replay.exercises[0]!.checks[0]!.counterexample!.input).toEqual(first.counterexample!.input);
    // The report's path is run-length encoded; fast-check's plain form replays the same case.
    const plain = expandPath(first.counterexample!.path!);
    if (!plain.ok) throw new Error(plain.reason);
    const again = grade(bad, { check: '01-toy/scale/correctness', path: plain.path });
    expect(again.exercises[0]!.checks[0]!.counterexample!.input).toEqual(first.counterexample!.input);
  });

  it('should report a not-submitted and a build-error exercise with their full value and no crash', () => {
    for (const build of [{ status: 'not-submitted', exerciseId: '01-toy', entry: 'src/toy.ts' },
      { status: 'build-error', exerciseId: '01-toy', entry: 'src/toy.ts', message: '01-toy/src/toy.ts:1:8: importing "node:fs" is not allowed' }] as const) {
      const r = gradeWithSandbox([toyDefinition], fakeSandbox({ '01-toy': build }), { seed: 1 });
      expect(r.exercises[0]).toMatchObject({ status: build.status, score: 0, maxScore: 7 });
      if (build.status === 'build-error') expect(r.exercises[0]!.message).toContain('node:fs');
    }
  });

  it('should rescale a function\'s checks to configured points', () => {
    const r = grade({}, { points: { '01-toy': { scale: 10 } } });
    expect(r.exercises[0]!.checks.filter((c) => c.function === 'scale').map((c) => c.maxScore)).toEqual([5, 2.5, 2.5]);
  });

  it('should refuse an unknown check id and a replay path that leads nowhere', () => {
    expect(() => grade({}, { check: '01-toy/scale/speed' })).toThrow(GradingInputError);
    expect(() => grade({}, { check: '01-toy/scale/correctness', path: '999:999' })).toThrow(/--path 999:999 leads to no input/);
    expect(() => grade({}, { check: '01-toy/scale/correctness', path: '3x' })).toThrow(/--path 3x is not a replay path/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeWithSandbox } from './grade.js';
import { drawInputs, Drawn } from './rounds.js';
import type { CallOutcome, Sandbox } from './sandbox-types.js';
import { fakeSandbox, type FakeExercise } from './__test-helpers__/fake-sandbox.js';
import { toyDefinition } from './__test-helpers__/toy-exercise.js';

const scale = (v: number[], k: number) => v.map((x) => x * k);
const correct: FakeExercise = { scale, scaleTwice: (v: number[], k: number) => scale(scale(v, k), k), sumAll: (v: number[]) => v.reduce((a, b) => a + b, 0) };

/** The fake sandbox with `callMany` (one round trip per batch, counted), as the real sandbox offers it. */
function batchingSandbox(fns: FakeExercise): Sandbox & { roundTrips: number; calls: number; waitedFor: number } {
  const base = fakeSandbox({ '01-toy': fns });
  const sandbox = Object.assign(Object.create(null) as object, {
    builds: base.builds,
    timings: base.timings,
    roundTrips: 0,
    waitedFor: 0,
    calls: 0,
    call: (e: string, f: string, a: unknown[]) => base.call(e, f, a),
    callMany(e: string, f: string, argsList: unknown[][], whileWaiting?: () => void): CallOutcome[] {
      sandbox.roundTrips++;
      const out: CallOutcome[] = [];
      for (const args of argsList) {
        sandbox.calls++;
        const o = base.call(e, f, args);
        out.push(o);
        if (o.kind !== 'ok' && o.kind !== 'threw') break;
      }
      if (whileWaiting) {
        sandbox.waitedFor++;
        whileWaiting();
      }
      return out;
    },
    dispose() {},
  });
  return sandbox as Sandbox & { roundTrips: number; calls: number; waitedFor: number };
}

const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'durationMs' || k === 'timings' ? undefined : v)));

describe('rounds', () => {
  it('should keep drawn inputs frozen all the way down, so no one can change what every student is given', () => {
    const drawn = new Drawn([[{ W: [[1, 2]], b: [0] }, [0.5]]], []);
    const [p, x] = drawn.args[0]! as [{ W: number[][]; b: number[] }, number[]];
    expect(Object.isFrozen(drawn.args[0])).toBe(true);
    expect(() => { p.W[0]![1] = 9; }).toThrow(TypeError);
    expect(() => { x.push(1); }).toThrow(TypeError);
    expect(() => { (p as { extra?: number }).extra = 1; }).toThrow(TypeError);
    expect(drawn.args[0]).toEqual([{ W: [[1, 2]], b: [0] }, [0.5]]);
  });

  it('should hand out an input\'s fast-check Value without keeping the round\'s Values', () => {
    const arbitrary = fc.tuple(fc.array(fc.integer(), { maxLength: 5 }), fc.double()) as fc.Arbitrary<unknown[]>;
    let draws = 0;
    const { args } = drawInputs(arbitrary, 9, 20);
    const drawn = new Drawn(args, () => {
      draws++;
      return drawInputs(arbitrary, 9, 20).values;
    });
    expect(draws).toBe(0);
    expect(drawn.value(7).value).toEqual(args[7]);
    expect(drawn.value(7).value).toEqual(args[7]);
    // Drawn again each time: a round that failed once no longer keeps every input's shrink context alive.
    expect(draws).toBe(2);
    expect(() => drawn.value(20)).toThrow(RangeError);
  });

  it('should draw exactly the inputs fc.check presents to a property with the same seed', () => {
    const arbitrary = fc.tuple(fc.array(fc.integer(), { maxLength: 5 }), fc.double());
    const seen: unknown[] = [];
    fc.check(fc.property(arbitrary, (a) => { seen.push(a); return true; }), { seed: 7, numRuns: 60 });
    const drawn = drawInputs(arbitrary as fc.Arbitrary<unknown[]>, 7, 60);
    expect(drawn.args).toEqual(seen);
    expect(drawn.values.map((v) => v.value)).toEqual(seen);
  });

  it('should grade exactly as one call at a time does: passes, shrunk failures, diagnoses, stubs', () => {
    const variants: FakeExercise[] = [
      {},
      { scale: (v: number[], k: number) => v.map((x) => x + k) },
      { scale: (v: number[], k: number) => { for (let i = 0; i < v.length; i++) v[i] = v[i]! * k; return v; } },
      { sumAll: { kind: 'not-implemented', message: 'not implemented: sumAll' } },
      { scaleTwice: (v: number[], k: number) => (v.length > 3 ? v : scale(scale(v, k), k)) },
    ];
    for (const variant of variants) {
      const fns = { ...correct, ...variant };
      const oneByOne = gradeWithSandbox([toyDefinition], fakeSandbox({ '01-toy': fns }), { seed: 11 });
      const batched = gradeWithSandbox([toyDefinition], batchingSandbox(fns), { seed: 11 });
      expect(strip(batched)).toEqual(strip(oneByOne));
    }
  });

  it('should call a function once per input for all its checks, a batch per round trip, with the reference computed meanwhile', () => {
    const sandbox = batchingSandbox(correct);
    const r = gradeWithSandbox([toyDefinition], sandbox, { seed: 3, numRuns: 100 });
    expect(r.score).toBe(r.maxScore);
    // scale's correctness, purity and shape draw their own inputs (no sameInputsAs in the toy): 3 + 1 + 1 rounds.
    expect(sandbox.calls).toBe(5 * 100);
    // A first batch of BATCH_SIZE (25), then the other 75 in one (LATER_BATCH_SIZE).
    expect(sandbox.roundTrips).toBe(5 * 2);
    expect(sandbox.waitedFor).toBe(sandbox.roundTrips);
  });

  it('should stop a round at the first failure, having run at most one batch ahead', () => {
    const sandbox = batchingSandbox({ ...correct, sumAll: () => 0.5 });
    const r = gradeWithSandbox([toyDefinition], sandbox, { seed: 3, check: '01-toy/sumAll/correctness' });
    expect(r.exercises[0]!.checks[0]!.status).toBe('failed');
    expect(sandbox.roundTrips).toBe(2);
  });
});

describe('InputBank', () => {
  it('should draw and compute references once for many gradings with the same seed, and grade them alike', async () => {
    const { InputBank } = await import('./rounds.js');
    const bank = new InputBank();
    let references = 0;
    const counted = {
      ...toyDefinition,
      functions: toyDefinition.functions.map((f) => ({ ...f, checks: f.checks.map((c) => ({ ...c, expected: (...a: unknown[]) => { references++; return c.expected(...a); } })) })),
    };
    const first = gradeWithSandbox([counted], batchingSandbox(correct), { seed: 5, bank });
    const afterFirst = references;
    const bad = gradeWithSandbox([counted], batchingSandbox({ ...correct, sumAll: () => 0.5 }), { seed: 5, bank });
    // The second grading computed references only while shrinking its failure (not on the drawn inputs).
    expect(references - afterFirst).toBeLessThan(afterFirst / 5);
    expect(first.score).toBe(first.maxScore);
    expect(strip(bad)).toEqual(strip(gradeWithSandbox([counted], batchingSandbox({ ...correct, sumAll: () => 0.5 }), { seed: 5 })));
    // Another seed draws afresh.
    gradeWithSandbox([counted], batchingSandbox(correct), { seed: 6, bank });
    expect(references).toBeGreaterThan(2 * afterFirst);
  });
});

describe('shrinking in batches', () => {
  it('should find the very counterexample and path fast-check finds one call at a time', async () => {
    const { compareValues } = await import('./allclose.js');
    const { deriveSeed } = await import('./seed.js');
    const { expandPath } = await import('./replay-path.js');
    const { VALUE_TOLERANCE } = await import('./definition.js');
    const check = toyDefinition.functions[0]!.checks[0]!;
    const bugs = [
      (v: number[], k: number) => v.map((x) => x + k),
      // Wrong only on longer vectors with a large k: shrinking walks past many passing candidates.
      (v: number[], k: number) => (v.length > 3 && Math.abs(k) > 5 ? v.map((x) => x * k + 0.5) : scale(v, k)),
      (v: number[], k: number) => v.map((x, i) => (i === v.length - 1 && x < -2 ? 0 : x * k)),
    ];
    const paths: string[] = [];
    for (const bug of bugs) {
      for (const seed of [1, 2, 3]) {
        const report = gradeWithSandbox([toyDefinition], batchingSandbox({ ...correct, scale: bug }), { seed, check: '01-toy/scale/correctness' });
        const c = report.exercises[0]!.checks[0]!;
        const details = fc.check(fc.property(check.arbitrary, (args) => compareValues(check.expected(...args), bug(...(args as [number[], number])), VALUE_TOLERANCE).ok),
          { seed: deriveSeed(seed, '01-toy/scale/correctness'), numRuns: 100 });
        expect(c.status).toBe(details.failed ? 'failed' : 'passed');
        if (!details.failed) continue;
        const path = expandPath(c.counterexample!.path!);
        expect(path.ok && path.path).toBe(details.counterexamplePath);
        expect(c.counterexample!.input).toEqual({ v: details.counterexample![0]![0], k: details.counterexample![0]![1] });
        paths.push(c.counterexample!.path!);
      }
    }
    // Runs of steps to the same index (`5x0`, `3x1`) go through chained batches: some paths must have them.
    expect(paths.some((p) => /(^|:)([3-9]|\d\d+)x\d/.test(p))).toBe(true);
  });
});

describe('drawAhead', () => {
  it('should leave nothing for grading to draw or compute, one step at a time', async () => {
    const { drawAhead, InputBank } = await import('./rounds.js');
    let references = 0;
    const counted = {
      ...toyDefinition,
      functions: toyDefinition.functions.map((f) => ({ ...f, checks: f.checks.map((c) => ({ ...c, expected: (...a: unknown[]) => { references++; return c.expected(...a); } })) })),
    };
    const bank = new InputBank();
    const step = drawAhead([counted], { seed: 9, numRuns: 100 }, bank);
    let steps = 1;
    while (step()) steps++;
    expect(step()).toBe(false);
    // Five checks: five draws, then five rounds of reference values.
    expect(steps).toBe(10);
    const ahead = references;
    expect(ahead).toBe(5 * 100);
    const r = gradeWithSandbox([counted], batchingSandbox(correct), { seed: 9, numRuns: 100, bank });
    expect(r.score).toBe(r.maxScore);
    expect(references).toBe(ahead);
  });
});

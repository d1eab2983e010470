// The grader's reference backward (packages/kernels' lecture lstmCellBackward / gruCellBackward) held to
// centred finite differences of the lecture forward in float64, tensor by tensor: every gradient the grader
// compares a student's against must itself be right to a relative error of 1e-6 or less.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lecture, type Gate, type GruParams, type LstmParams, type Vector } from '@gatecheck/kernels';
import { flatten, numericGradient, tensorRelativeError } from './__test-helpers__/finite-difference.js';

/** Off-grid values (unlike the grader's generators) so no term vanishes by accident; |pre-activation| stays ordinary. */
const value = (max: number) => fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => (k * max) / 1_000_000);
const vector = (n: number, max = 1.5) => fc.array(value(max), { minLength: n, maxLength: n });
const gate = (hidden: number, input: number): fc.Arbitrary<Gate> =>
  fc.record({ W: fc.array(vector(hidden + input, 0.8), { minLength: hidden, maxLength: hidden }), b: vector(hidden, 0.8) });
const sizes = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }));

const lstmCase = sizes.chain(([hidden, input]) => fc.record({
  p: fc.record({ f: gate(hidden, input), i: gate(hidden, input), c: gate(hidden, input), o: gate(hidden, input) }),
  hPrev: vector(hidden), cPrev: vector(hidden, 2), x: vector(input), dh: vector(hidden), dc: vector(hidden),
}));
const gruCase = sizes.chain(([hidden, input]) => fc.record({
  p: fc.record({ z: gate(hidden, input), r: gate(hidden, input), h: gate(hidden, input) }),
  hPrev: vector(hidden), x: vector(input), dh: vector(hidden),
}));

const dot = (a: Vector, b: Vector) => a.reduce((s, v, k) => s + v * b[k]!, 0);
const TOLERANCE = 1e-6;

/** Each gradient the contract names, with the argument it differentiates. */
const LSTM_TENSORS = [
  ['dx', ['x']], ['dhPrev', ['hPrev']], ['dcPrev', ['cPrev']],
  ...(['f', 'i', 'c', 'o'] as const).flatMap((g) => (['W', 'b'] as const).map((t) => [`dParams.${g}.${t}`, ['p', g, t]] as const)),
] as const;
const GRU_TENSORS = [
  ['dx', ['x']], ['dhPrev', ['hPrev']],
  ...(['z', 'r', 'h'] as const).flatMap((g) => (['W', 'b'] as const).map((t) => [`dParams.${g}.${t}`, ['p', g, t]] as const)),
] as const;

const pick = (grads: unknown, name: string): unknown => name.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], grads);

describe('reference lstmCellBackward', () => {
  it.each(LSTM_TENSORS.map(([name, path]) => [name, path] as const))(
    'should give %s within 1e-6 relative error of centred finite differences', (name, path) => {
      fc.assert(fc.property(lstmCase, (a) => {
        const loss = (v: { p: LstmParams; hPrev: Vector; cPrev: Vector; x: Vector }) => {
          const { h, c } = lecture.lstmCell(v.p, v.hPrev, v.cPrev, v.x);
          return dot(h, a.dh) + dot(c, a.dc);
        };
        const grads = lecture.lstmCellBackward(a.p, a.hPrev, a.cPrev, a.x, a.dh, a.dc);
        const numeric = numericGradient({ p: a.p, hPrev: a.hPrev, cPrev: a.cPrev, x: a.x }, path, loss);
        expect(tensorRelativeError(flatten(pick(grads, name)), numeric)).toBeLessThanOrEqual(TOLERANCE);
      }), { numRuns: 40 });
    });
});

describe('reference gruCellBackward', () => {
  it.each(GRU_TENSORS.map(([name, path]) => [name, path] as const))(
    'should give %s within 1e-6 relative error of centred finite differences', (name, path) => {
      fc.assert(fc.property(gruCase, (a) => {
        const loss = (v: { p: GruParams; hPrev: Vector; x: Vector }) => dot(lecture.gruCell(v.p, v.hPrev, v.x), a.dh);
        const grads = lecture.gruCellBackward(a.p, a.hPrev, a.x, a.dh);
        const numeric = numericGradient({ p: a.p, hPrev: a.hPrev, x: a.x }, path, loss);
        expect(tensorRelativeError(flatten(pick(grads, name)), numeric)).toBeLessThanOrEqual(TOLERANCE);
      }), { numRuns: 40 });
    });
});

describe('the finite-difference check itself', () => {
  it('should reject a gradient that is wrong in one entry by 1e-4', () => {
    const p = { z: { W: [[0.3, -0.2]], b: [0.1] }, r: { W: [[0.5, 0.4]], b: [-0.2] }, h: { W: [[-0.7, 0.9]], b: [0.05] } };
    const loss = (v: { p: GruParams; hPrev: Vector; x: Vector }) => dot(lecture.gruCell(v.p, v.hPrev, v.x), [0.8]);
    const grads = lecture.gruCellBackward(p, [0.4], [-0.6], [0.8]);
    const numeric = numericGradient({ p, hPrev: [0.4], x: [-0.6] }, ['p', 'h', 'W'], loss);
    const right = flatten(grads.dParams.h.W);
    expect(tensorRelativeError(right, numeric)).toBeLessThanOrEqual(TOLERANCE);
    expect(tensorRelativeError([right[0]! + 1e-4, right[1]!], numeric)).toBeGreaterThan(TOLERANCE);
  });
});

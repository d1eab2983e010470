import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gate, vector } from './__test-helpers__/arbitraries.js';
import { maxRelativeError, numericGradient } from './__test-helpers__/finite-difference.js';
import { gruCell, gruCellBackward, lstmCell, lstmCellBackward, type GruParams, type LstmParams, type Vector } from './lecture-arrays.js';

const dot = (a: Vector, b: Vector) => a.reduce((s, v, k) => s + v * b[k]!, 0);

const lstmCase = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([hidden, input]) =>
  fc.record({
    p: fc.record({ f: gate(hidden, input), i: gate(hidden, input), c: gate(hidden, input), o: gate(hidden, input) }),
    hPrev: vector(hidden), cPrev: vector(hidden), x: vector(input), dh: vector(hidden), dc: vector(hidden),
  }));

const gruCase = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([hidden, input]) =>
  fc.record({
    p: fc.record({ z: gate(hidden, input), r: gate(hidden, input), h: gate(hidden, input) }),
    hPrev: vector(hidden), x: vector(input), dh: vector(hidden),
  }));

describe('lstmCellBackward', () => {
  it('should agree with centred finite differences of L = sum(h*dh) + sum(c*dc)', () => {
    fc.assert(fc.property(lstmCase, ({ p, hPrev, cPrev, x, dh, dc }) => {
      const loss = (a: { p: LstmParams; hPrev: Vector; cPrev: Vector; x: Vector }) => {
        const { h, c } = lstmCell(a.p, a.hPrev, a.cPrev, a.x);
        return dot(h, dh) + dot(c, dc);
      };
      const g = lstmCellBackward(p, hPrev, cPrev, x, dh, dc);
      const numeric = numericGradient({ p, hPrev, cPrev, x }, loss);
      const { error, path } = maxRelativeError({ p: g.dParams, hPrev: g.dhPrev, cPrev: g.dcPrev, x: g.dx }, numeric);
      expect(error, `worst at ${path}`).toBeLessThan(1e-7);
    }));
  });

  it('should not write into its arguments', () => {
    fc.assert(fc.property(lstmCase, (args) => {
      const before = JSON.stringify(args);
      lstmCellBackward(args.p, args.hPrev, args.cPrev, args.x, args.dh, args.dc);
      expect(JSON.stringify(args)).toBe(before);
    }), { numRuns: 20 });
  });

  it('should give dParams shaped like the parameters', () => {
    const g = { W: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], b: [0.1, -0.1] };
    const p = { f: g, i: g, c: g, o: g };
    const out = lstmCellBackward(p, [0.5, -0.5], [0.2, 0.3], [1], [1, 1], [0, 0]);
    expect(out.dParams.f.W.map((r) => r.length)).toEqual([3, 3]);
    expect(out.dParams.o.b).toHaveLength(2);
    expect(out.dx).toHaveLength(1);
    expect(out.dhPrev).toHaveLength(2);
  });
});

describe('gruCellBackward', () => {
  it('should agree with centred finite differences of L = sum(h*dh)', () => {
    fc.assert(fc.property(gruCase, ({ p, hPrev, x, dh }) => {
      const loss = (a: { p: GruParams; hPrev: Vector; x: Vector }) => dot(gruCell(a.p, a.hPrev, a.x), dh);
      const g = gruCellBackward(p, hPrev, x, dh);
      const numeric = numericGradient({ p, hPrev, x }, loss);
      const { error, path } = maxRelativeError({ p: g.dParams, hPrev: g.dhPrev, x: g.dx }, numeric);
      expect(error, `worst at ${path}`).toBeLessThan(1e-7);
    }));
  });

  it('should not write into its arguments', () => {
    fc.assert(fc.property(gruCase, (args) => {
      const before = JSON.stringify(args);
      gruCellBackward(args.p, args.hPrev, args.x, args.dh);
      expect(JSON.stringify(args)).toBe(before);
    }), { numRuns: 20 });
  });
});

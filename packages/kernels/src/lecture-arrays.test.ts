import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gate, vector } from './__test-helpers__/arbitraries.js';
import { maxRelativeError, numericGradient } from './__test-helpers__/finite-difference.js';
import {
  gruCell, gruCellBackward, gruForward, gruSequenceBackward, lstmCell, lstmCellBackward, lstmForward, lstmSequenceBackward,
  type GruParams, type LstmParams, type Vector,
} from './lecture-arrays.js';

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

const sequenceSizes = fc.record({ hidden: fc.integer({ min: 1, max: 3 }), input: fc.integer({ min: 1, max: 3 }), steps: fc.integer({ min: 0, max: 4 }) });

describe('lstmSequenceBackward (BPTT)', () => {
  it('should agree with centred finite differences of L = Σ hs[t]·dhs[t] + h·dh + c·dc', () => {
    fc.assert(fc.property(sequenceSizes.chain(({ hidden, input, steps }) => fc.record({
      p: fc.record({ f: gate(hidden, input), i: gate(hidden, input), c: gate(hidden, input), o: gate(hidden, input) }),
      xs: fc.array(vector(input), { minLength: steps, maxLength: steps }), h0: vector(hidden), c0: vector(hidden),
      dhs: fc.array(vector(hidden), { minLength: steps, maxLength: steps }), dh: vector(hidden), dc: vector(hidden),
    })), ({ p, xs, h0, c0, dhs, dh, dc }) => {
      const loss = (a: { p: LstmParams; xs: Vector[]; h0: Vector; c0: Vector }) => {
        const r = lstmForward(a.p, a.xs, a.h0, a.c0);
        return r.hs.reduce((s, h, t) => s + dot(h, dhs[t]!), 0) + dot(r.h, dh) + dot(r.c, dc);
      };
      const g = lstmSequenceBackward(p, xs, h0, c0, dhs, dh, dc);
      const { error, path } = maxRelativeError({ p: g.dParams, xs: g.dxs, h0: g.dh0, c0: g.dc0 }, numericGradient({ p, xs, h0, c0 }, loss));
      expect(error, `worst at ${path}`).toBeLessThan(1e-7);
    }), { numRuns: 50 });
  });
});

describe('gruSequenceBackward (BPTT)', () => {
  it('should agree with centred finite differences of L = Σ hs[t]·dhs[t] + h·dh', () => {
    fc.assert(fc.property(sequenceSizes.chain(({ hidden, input, steps }) => fc.record({
      p: fc.record({ z: gate(hidden, input), r: gate(hidden, input), h: gate(hidden, input) }),
      xs: fc.array(vector(input), { minLength: steps, maxLength: steps }), h0: vector(hidden),
      dhs: fc.array(vector(hidden), { minLength: steps, maxLength: steps }), dh: vector(hidden),
    })), ({ p, xs, h0, dhs, dh }) => {
      const loss = (a: { p: GruParams; xs: Vector[]; h0: Vector }) => {
        const r = gruForward(a.p, a.xs, a.h0);
        return r.hs.reduce((s, h, t) => s + dot(h, dhs[t]!), 0) + dot(r.h, dh);
      };
      const g = gruSequenceBackward(p, xs, h0, dhs, dh);
      const { error, path } = maxRelativeError({ p: g.dParams, xs: g.dxs, h0: g.dh0 }, numericGradient({ p, xs, h0 }, loss));
      expect(error, `worst at ${path}`).toBeLessThan(1e-7);
    }), { numRuns: 50 });
  });
});

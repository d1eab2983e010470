import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSubmission, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory, mistakeFiles,
  referenceSubmission, repoRoot, type MistakeExpectation,
} from '@gatecheck/grading/testing';
import { definition } from './index.js';

const ID = '08-bptt';
const ENTRY = 'src/bptt.ts';
const grade = (dir: string) => gradeDirectory([definition], dir);
const withFile = (text: string) => assembleSubmission({ exercises: { [ID]: { [ENTRY]: text } } });
// Each known-mistake file is graded once and its report shared by the tests that read it.
const reports = new Map<string, ReturnType<typeof grade>>();
const gradeMistake = (id: string) => {
  if (!reports.has(id)) reports.set(id, grade(withFile(mistakeFiles(ID)[id]!)));
  return reports.get(id)!;
};
const both = <D extends string>(d: D) => ({ lstmCellBackward: d, gruCellBackward: d });
const bothKinds = (...kinds: string[]) => ({ lstmCellBackward: kinds, gruCellBackward: kinds });

// What each known-mistake student file must lose, and the diagnosis it must get.
const caught: Record<string, MistakeExpectation> = {
  'gradient-sign': { failing: both('gradient-sign'), kinds: bothKinds('correctness') },
  'missing-tanh-derivative': { failing: both('missing-tanh-derivative'), kinds: bothKinds('correctness') },
  'transposed-weight-gradient': { failing: both('transposed-weight-gradient'), kinds: bothKinds('correctness', 'shape') },
  'derivative-wrong-quantity': { failing: both('derivative-wrong-quantity'), kinds: bothKinds('correctness') },
  'dcprev-missing-hidden-path': { failing: { lstmCellBackward: 'dcprev-missing-hidden-path' }, kinds: { lstmCellBackward: ['correctness'] } },
  'dhprev-missing-path': { failing: both('dhprev-missing-path'), kinds: bothKinds('correctness') },
  'candidate-gradient-ungated': { failing: { gruCellBackward: 'candidate-gradient-ungated' }, kinds: { gruCellBackward: ['correctness'] } },
  'mutates-input': { failing: both('mutates-input'), kinds: bothKinds('purity') },
  'naive-exp-overflow': { failing: both('naive-exp-overflow'), kinds: bothKinds('robustness') },
};

describe('grader 08-bptt', () => {
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

  it('should catch a missing tanh derivative through the LSTM candidate too', async () => {
    const report = await grade(withFile(join(repoRoot, 'graders', ID, 'mistakes', 'variants', 'missing-tanh-derivative.ts')));
    expectMistakeCaught(report, ID, { failing: { lstmCellBackward: 'missing-tanh-derivative' } });
    expect(feedbackOf(report, ID, 'lstmCellBackward')).toContain('1 - C~_t²');
  });

  it('should name the wrong gradient tensor in the feedback and counterexample', async () => {
    const report = await gradeMistake('candidate-gradient-ungated');
    const c = report.exercises[0]!.checks.find((k) => k.id === `${ID}/gruCellBackward/correctness`)!;
    expect(c.counterexample!.worst!.path).toMatch(/^dParams\.h\.W\[\d\]\[\d\]$/);
    expect(c.feedback).toMatch(/The largest error is at dParams\.h\.W\[\d\]\[\d\]/);
    expect(c.counterexample!.tolerance).toEqual({ rtol: 1e-6, atol: 1e-9 });
    const dc = report.exercises[0]!.checks.find((k) => k.id === `${ID}/lstmCellBackward/correctness`)!;
    expect(dc.status).toBe('passed');
  });

  it('should show both shapes for a transposed dW', async () => {
    const report = await gradeMistake('transposed-weight-gradient');
    expect(feedbackOf(report, ID, 'gruCellBackward')).toMatch(/dParams\.z\.W: expected array\(\d\) of array\(\d+\), got array\(\d+\) of array\(\d\)/);
    expect(feedbackOf(report, ID, 'gruCellBackward')).toContain('da ⊗ [h_{t-1}, x_t]');
  });

  it('should tell which sign is wrong in dz', async () => {
    const report = await gradeMistake('gradient-sign');
    expect(feedbackOf(report, ID, 'gruCellBackward')).toContain('h~_t - h_{t-1}');
    expect(feedbackOf(report, ID, 'lstmCellBackward')).toContain('1 - tanh²(C_t)');
  });

  const types = `
    type Vector = number[];
    type Matrix = number[][];
    interface Gate { W: Matrix; b: Vector }
    interface LstmParams { f: Gate; i: Gate; c: Gate; o: Gate }
    interface GruParams { z: Gate; r: Gate; h: Gate }
  `;
  // A student who writes a tiny reverse-mode autodiff and differentiates the forward pass with it.
  const autodiff = `${types}
    class V {
      grad = 0;
      constructor(public value: number, private parents: Array<[V, number]> = []) {}
      add(o: V) { return new V(this.value + o.value, [[this, 1], [o, 1]]); }
      mul(o: V) { return new V(this.value * o.value, [[this, o.value], [o, this.value]]); }
      oneMinus() { return new V(1 - this.value, [[this, -1]]); }
      sigmoid() { const s = this.value >= 0 ? 1 / (1 + Math.exp(-this.value)) : Math.exp(this.value) / (1 + Math.exp(this.value)); return new V(s, [[this, s * (1 - s)]]); }
      tanh() { const t = Math.tanh(this.value); return new V(t, [[this, 1 - t * t]]); }
      backward() {
        const order: V[] = [];
        const seen = new Set<V>();
        const visit = (v: V) => { if (seen.has(v)) return; seen.add(v); v.parents.forEach(([p]) => visit(p)); order.push(v); };
        visit(this);
        this.grad = 1;
        for (const v of order.reverse()) for (const [p, local] of v.parents) p.grad += v.grad * local;
      }
    }
    const leaf = (xs: Vector) => xs.map((x) => new V(x));
    const leafGate = (g: Gate) => ({ W: g.W.map(leaf), b: leaf(g.b) });
    const grads = (vs: V[]) => vs.map((v) => v.grad);
    const gateGrads = (g: { W: V[][]; b: V[] }): Gate => ({ W: g.W.map(grads), b: grads(g.b) });
    const affine = (g: { W: V[][]; b: V[] }, v: V[]) => g.W.map((row, j) => row.reduce((s, w, k) => s.add(w.mul(v[k]!)), g.b[j]!));
    const sum = (vs: V[]) => vs.reduce((s, v) => s.add(v), new V(0));

    export function lstmCellBackward(p: LstmParams, hPrev: Vector, cPrev: Vector, x: Vector, dh: Vector, dc: Vector) {
      const q = { f: leafGate(p.f), i: leafGate(p.i), c: leafGate(p.c), o: leafGate(p.o) };
      const h0 = leaf(hPrev), c0 = leaf(cPrev), xs = leaf(x);
      const v = [...h0, ...xs];
      const f = affine(q.f, v).map((a) => a.sigmoid()), i = affine(q.i, v).map((a) => a.sigmoid());
      const g = affine(q.c, v).map((a) => a.tanh()), o = affine(q.o, v).map((a) => a.sigmoid());
      const c = f.map((fk, k) => fk.mul(c0[k]!).add(i[k]!.mul(g[k]!)));
      const h = o.map((ok, k) => ok.mul(c[k]!.tanh()));
      sum([...h.map((hk, k) => hk.mul(new V(dh[k]!))), ...c.map((ck, k) => ck.mul(new V(dc[k]!)))]).backward();
      return { dx: grads(xs), dhPrev: grads(h0), dcPrev: grads(c0),
        dParams: { f: gateGrads(q.f), i: gateGrads(q.i), c: gateGrads(q.c), o: gateGrads(q.o) } };
    }

    export function gruCellBackward(p: GruParams, hPrev: Vector, x: Vector, dh: Vector) {
      const q = { z: leafGate(p.z), r: leafGate(p.r), h: leafGate(p.h) };
      const h0 = leaf(hPrev), xs = leaf(x);
      const z = affine(q.z, [...h0, ...xs]).map((a) => a.sigmoid());
      const r = affine(q.r, [...h0, ...xs]).map((a) => a.sigmoid());
      const ht = affine(q.h, [...h0.map((hk, k) => r[k]!.mul(hk)), ...xs]).map((a) => a.tanh());
      const h = z.map((zk, k) => zk.oneMinus().mul(h0[k]!).add(zk.mul(ht[k]!)));
      sum(h.map((hk, k) => hk.mul(new V(dh[k]!)))).backward();
      return { dx: grads(xs), dhPrev: grads(h0), dParams: { z: gateGrads(q.z), r: gateGrads(q.r), h: gateGrads(q.h) } };
    }`;
  // A student who works with explicit index loops and accumulators, no helpers at all.
  const loops = `${types}
    const sig = (a: number) => 0.5 * (1 + Math.tanh(0.5 * a));
    function zeros(rows: number, cols: number): Matrix { return Array.from({ length: rows }, () => new Array<number>(cols).fill(0)); }
    export function gruCellBackward(p: GruParams, hPrev: Vector, x: Vector, dh: Vector) {
      const n = hPrev.length, m = x.length;
      const z: Vector = [], r: Vector = [], ht: Vector = [];
      for (let j = 0; j < n; j++) {
        let az = p.z.b[j]!, ar = p.r.b[j]!;
        for (let k = 0; k < n; k++) { az += p.z.W[j]![k]! * hPrev[k]!; ar += p.r.W[j]![k]! * hPrev[k]!; }
        for (let k = 0; k < m; k++) { az += p.z.W[j]![n + k]! * x[k]!; ar += p.r.W[j]![n + k]! * x[k]!; }
        z.push(sig(az)); r.push(sig(ar));
      }
      for (let j = 0; j < n; j++) {
        let a = p.h.b[j]!;
        for (let k = 0; k < n; k++) a += p.h.W[j]![k]! * r[k]! * hPrev[k]!;
        for (let k = 0; k < m; k++) a += p.h.W[j]![n + k]! * x[k]!;
        ht.push(Math.tanh(a));
      }
      const dz = zeros(1, n)[0]!, dr = zeros(1, n)[0]!, dah = zeros(1, n)[0]!;
      const dhPrev = zeros(1, n)[0]!, dx = zeros(1, m)[0]!, drh = zeros(1, n)[0]!;
      const dWz = zeros(n, n + m), dWr = zeros(n, n + m), dWh = zeros(n, n + m);
      for (let j = 0; j < n; j++) {
        dah[j] = dh[j]! * z[j]! * (1 - ht[j]! * ht[j]!);
        dz[j] = dh[j]! * (ht[j]! - hPrev[j]!) * z[j]! * (1 - z[j]!);
        dhPrev[j] += dh[j]! * (1 - z[j]!);
      }
      for (let j = 0; j < n; j++) {
        for (let k = 0; k < n; k++) { dWh[j]![k] = dah[j]! * r[k]! * hPrev[k]!; drh[k] += p.h.W[j]![k]! * dah[j]!; }
        for (let k = 0; k < m; k++) { dWh[j]![n + k] = dah[j]! * x[k]!; dx[k] += p.h.W[j]![n + k]! * dah[j]!; }
      }
      for (let k = 0; k < n; k++) { dr[k] = drh[k]! * hPrev[k]! * r[k]! * (1 - r[k]!); dhPrev[k] += drh[k]! * r[k]!; }
      for (let j = 0; j < n; j++) {
        for (let k = 0; k < n; k++) {
          dWz[j]![k] = dz[j]! * hPrev[k]!; dWr[j]![k] = dr[j]! * hPrev[k]!;
          dhPrev[k] += p.z.W[j]![k]! * dz[j]! + p.r.W[j]![k]! * dr[j]!;
        }
        for (let k = 0; k < m; k++) {
          dWz[j]![n + k] = dz[j]! * x[k]!; dWr[j]![n + k] = dr[j]! * x[k]!;
          dx[k] += p.z.W[j]![n + k]! * dz[j]! + p.r.W[j]![n + k]! * dr[j]!;
        }
      }
      return { dx, dhPrev, dParams: { z: { W: dWz, b: dz }, r: { W: dWr, b: dr }, h: { W: dWh, b: dah } } };
    }`;
  it('should give full marks to a correct variant: a hand-written reverse-mode autodiff', async () => {
    expectFullMarks(await grade(withFile(autodiff)), ID);
  });

  it('should give full marks to gruCellBackward written with index loops', async () => {
    const report = await grade(withFile(`${loops}
      export function lstmCellBackward(): never { throw new Error('not implemented: lstmCellBackward (08-bptt)'); }`));
    const checks = report.exercises[0]!.checks;
    expect(checks.filter((c) => c.function === 'gruCellBackward').every((c) => c.status === 'passed')).toBe(true);
    expect(checks.filter((c) => c.function === 'lstmCellBackward').every((c) => c.status === 'not-implemented')).toBe(true);
  });
});

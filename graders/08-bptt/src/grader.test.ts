import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleSubmission, expectFullMarks, expectMistakeCaught, expectNotImplemented, feedbackOf, gradeDirectory, mistakeFiles,
  referenceSubmission, repoRoot, type MistakeExpectation,
} from '@gatecheck/grading/testing';
import { definition, GRU_TENSORS, LSTM_TENSORS, POINTS, tensorPoints } from './index.js';

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
type Fn = 'lstmCellBackward' | 'gruCellBackward';
/** The correctness kinds of these tensors (`correctness-dParams.f.W`, ...). */
const wrong = (...tensors: string[]) => tensors.map((t) => `correctness-${t}`);
const gates = (...gs: string[]) => gs.flatMap((g) => [`dParams.${g}.W`, `dParams.${g}.b`]);
const W = (...gs: string[]) => gs.map((g) => `dParams.${g}.W`);

/**
 * Exactly the checks each known-mistake file fails per function (every other check passes), worked out from the
 * chain rule: a mistake fails the tensors its wrong factor flows into and no others. The robustness check judges
 * the whole result, so it fails whenever any gradient is wrong.
 */
const failing: Record<string, { diagnosis: string; kinds: Partial<Record<Fn, string[]>> }> = {
  // LSTM: tanh² - 1 flips dh's share of dC_t (not dParams.o); GRU: ∂h/∂z flipped, so dParams.z and its share of dx, dhPrev.
  'gradient-sign': { diagnosis: 'gradient-sign', kinds: {
    lstmCellBackward: [...wrong('dx', 'dhPrev', 'dcPrev', ...gates('f', 'i', 'c')), 'robustness'],
    gruCellBackward: [...wrong('dx', 'dhPrev', ...gates('z')), 'robustness'] } },
  // LSTM through tanh(C_t): as above; GRU candidate: dParams.h, and through r * h_{t-1} dParams.r (not dParams.z).
  'missing-tanh-derivative': { diagnosis: 'missing-tanh-derivative', kinds: {
    lstmCellBackward: [...wrong('dx', 'dhPrev', 'dcPrev', ...gates('f', 'i', 'c')), 'robustness'],
    gruCellBackward: [...wrong('dx', 'dhPrev', ...gates('r', 'h')), 'robustness'] } },
  // Only the weight matrices, which also have the wrong shape.
  'transposed-weight-gradient': { diagnosis: 'transposed-weight-gradient', kinds: {
    lstmCellBackward: [...wrong(...W('f', 'i', 'c', 'o')), 'robustness', 'shape'],
    gruCellBackward: [...wrong(...W('z', 'r', 'h')), 'robustness', 'shape'] } },
  // Every gate's derivative is wrong; dcPrev = dC_t * f_t does not go through one.
  'derivative-wrong-quantity': { diagnosis: 'derivative-wrong-quantity', kinds: {
    lstmCellBackward: [...wrong('dx', 'dhPrev', ...gates('f', 'i', 'c', 'o')), 'robustness'],
    gruCellBackward: [...wrong('dx', 'dhPrev', ...gates('z', 'r', 'h')), 'robustness'] } },
  // dC_t = dc: everything downstream of C_t, so not dParams.o.
  'dcprev-missing-hidden-path': { diagnosis: 'dcprev-missing-hidden-path', kinds: {
    lstmCellBackward: [...wrong('dx', 'dhPrev', 'dcPrev', ...gates('f', 'i', 'c')), 'robustness'] } },
  // LSTM: W_o^T da_o left out of d[h, x]; GRU: dhPrev keeps only the direct path.
  'dhprev-missing-path': { diagnosis: 'dhprev-missing-path', kinds: {
    lstmCellBackward: [...wrong('dx', 'dhPrev'), 'robustness'],
    gruCellBackward: [...wrong('dhPrev'), 'robustness'] } },
  'candidate-gradient-ungated': { diagnosis: 'candidate-gradient-ungated', kinds: {
    gruCellBackward: [...wrong(...W('h')), 'robustness'] } },
  'mutates-input': { diagnosis: 'mutates-input', kinds: { lstmCellBackward: ['purity'], gruCellBackward: ['purity'] } },
  'naive-exp-overflow': { diagnosis: 'naive-exp-overflow', kinds: { lstmCellBackward: ['robustness'], gruCellBackward: ['robustness'] } },
};
const caught: Record<string, MistakeExpectation> = Object.fromEntries(Object.entries(failing).map(([id, f]) => [id, {
  failing: Object.fromEntries(Object.keys(f.kinds).map((fn) => [fn, f.diagnosis])), kinds: f.kinds,
}]));

/** Default points of a check kind of 08 (the tensor checks share POINTS.correctness). */
function pointsOf(fn: Fn, kind: string): number {
  if (kind.startsWith('correctness-')) return tensorPoints(fn === 'lstmCellBackward' ? LSTM_TENSORS : GRU_TENSORS, kind.slice('correctness-'.length));
  return POINTS[kind as keyof typeof POINTS];
}
const FUNCTION_TOTAL = POINTS.correctness + POINTS.robustness + POINTS.purity + POINTS.shape;

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

  it.each(Object.keys(failing))('should fail exactly the checks of the gradients %s corrupts, and lose just their points', async (id) => {
    const checks = (await gradeMistake(id)).exercises[0]!.checks;
    for (const fn of ['lstmCellBackward', 'gruCellBackward'] as const) {
      const mine = checks.filter((c) => c.function === fn);
      const lost = failing[id]!.kinds[fn] ?? [];
      expect(mine.filter((c) => c.status !== 'passed').map((c) => c.kind).sort()).toEqual([...lost].sort());
      expect(mine.reduce((s, c) => s + c.score, 0)).toBeCloseTo(FUNCTION_TOTAL - lost.reduce((s, k) => s + pointsOf(fn, k), 0), 9);
    }
  });

  it('should split each function\'s correctness points over its gradient tensors, keeping the total', () => {
    for (const fn of definition.functions) {
      const tensorChecks = fn.checks.filter((c) => c.kind.startsWith('correctness-'));
      expect(tensorChecks.map((c) => c.part)).toEqual(fn.name === 'lstmCellBackward' ? [...LSTM_TENSORS] : [...GRU_TENSORS]);
      expect(tensorChecks.reduce((s, c) => s + c.points, 0)).toBe(POINTS.correctness);
      expect(fn.checks.reduce((s, c) => s + c.points, 0)).toBe(FUNCTION_TOTAL);
      // One call of the student's function per input serves every tensor: they all draw the first one's inputs.
      expect(tensorChecks.slice(1).every((c) => c.sameInputsAs === tensorChecks[0]!.kind)).toBe(true);
    }
    expect(definition.functions.flatMap((fn) => fn.checks.map((c) => `${ID}/${fn.name}/${c.kind}`))).toContain(`${ID}/lstmCellBackward/correctness-dParams.f.W`);
  });

  it('should catch a missing tanh derivative through the LSTM candidate too', async () => {
    const report = await grade(withFile(join(repoRoot, 'graders', ID, 'mistakes', 'variants', 'missing-tanh-derivative.ts')));
    expectMistakeCaught(report, ID, { failing: { lstmCellBackward: 'missing-tanh-derivative' } });
    expect(feedbackOf(report, ID, 'lstmCellBackward')).toContain('1 - C~_t²');
  });

  it('should name the wrong gradient tensor in the feedback and counterexample', async () => {
    const report = await gradeMistake('candidate-gradient-ungated');
    const c = report.exercises[0]!.checks.find((k) => k.id === `${ID}/gruCellBackward/correctness-dParams.h.W`)!;
    expect(c.status).toBe('failed');
    expect(c.counterexample!.part).toBe('dParams.h.W');
    expect(c.counterexample!.worst!.path).toMatch(/^dParams\.h\.W\[\d\]\[\d\]$/);
    expect(c.feedback).toMatch(/gruCellBackward returned wrong values in dParams\.h\.W \(\d+ of \d+ entries outside the tolerance\)/);
    expect(c.feedback).toMatch(/\nexpected {2}dParams\.h\.W = \[\[.*\]\]\ngot {7}dParams\.h\.W = \[\[.*\]\]\nThe largest error is at dParams\.h\.W\[\d\]\[\d\]/);
    expect(c.feedback).toContain(`Replay: pnpm gatecheck grade --submission`);
    expect(c.feedback).toContain(`--check ${ID}/gruCellBackward/correctness-dParams.h.W`);
    expect(c.counterexample!.tolerance).toEqual({ rtol: 1e-6, atol: 1e-9 });
  });

  it('should name the tensor a transposed dW arrives in', async () => {
    const checks = (await gradeMistake('transposed-weight-gradient')).exercises[0]!.checks;
    const c = checks.find((k) => k.id === `${ID}/lstmCellBackward/correctness-dParams.o.W`)!;
    expect(c.feedback).toMatch(/lstmCellBackward returned dParams\.o\.W of the wrong shape: expected array\(\d\) of array\(\d+\), got array\(\d+\) of array\(\d\)/);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, LSTM_CELL, LSTM_GATES, tempSubmission, type TempSubmission } from './__test-helpers__/submission.js';
import { createSandbox, encodedValueOf } from './create-sandbox.js';
import { decodeValue } from './runtime/codec.js';
import type { Sandbox } from './types.js';

const activations = [
  '/** The logistic function. */',
  'export function sigmoid(x: number): number {',
  '  return 1 / (1 + Math.exp(-x));',
  '}',
  'export const tanh = (x: number): number =>',
  '  Math.tanh(x);',
  '',
].join('\n');

const lstmGates = [
  "import { sigmoid } from '../../01-activations/src/activations.js';",
  "import { affine } from './affine.js';",
  'interface Gate { W: number[][]; b: number[] }',
  'export function forgetGate(p: Gate, hPrev: number[], x: number[]): number[] {',
  '  return affine(p, hPrev, x).map(sigmoid);',
  '}',
  "export function inputGate(p: Gate, hPrev: number[], x: number[]): number[] { throw new Error('Not implemented: inputGate'); }",
  "export function outputGate(): number[] { throw 'not implemented'; }",
  "export function candidateCell(): number[] { throw new TypeError('p.W is undefined'); }",
  'export function hiddenState(o: number[], c: number[]): number[] {',
  '  o[0] = 42;',
  '  return c;',
  '}',
  'export function specials(): unknown { return { values: [NaN, Infinity, -Infinity, -0, undefined, null, true, "s"], typed: new Float64Array([1.5, NaN]) }; }',
  'export const answer = 42;',
  'let calls = 0;',
  'export function countCalls(): number { return ++calls; }',
  'export function slowUnlessSmall(x: number): number { const end = Date.now() + (x > 1 ? 60 : 0); while (Date.now() < end) {} return x; }',
  'export function throwsOnNegative(x: number): number { if (x < 0) throw new RangeError(`negative: ${x}`); return 2 * x; }',
  'export function microtaskSpinAfter(x: number): number { if (x === 3) Promise.resolve().then(function again() { for (;;) {} }); return x; }',
  '',
].join('\n');

const affine = [
  'export function affine(p: { W: number[][]; b: number[] }, hPrev: number[], x: number[]): number[] {',
  '  const z = [...hPrev, ...x];',
  '  return p.b.map((b, r) => p.W[r]!.reduce((s, w, c) => s + w * z[c]!, b));',
  '}',
  '',
].join('\n');

const lstmCell = [
  "import { forgetGate } from '../../02-lstm-gates/src/lstm-gates.js';",
  'export { forgetGate as viaGates };',
  '',
].join('\n');

const gate = { W: [[0.5, -1, 2]], b: [0.25] };
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('createSandbox with a well-behaved submission', () => {
  let submission: TempSubmission;
  let sandbox: Sandbox;

  beforeAll(async () => {
    submission = tempSubmission({
      '01-activations/src/activations.ts': activations,
      '02-lstm-gates/src/lstm-gates.ts': lstmGates,
      '02-lstm-gates/src/affine.ts': affine,
      '03-lstm-cell/src/lstm-cell.ts': lstmCell,
    });
    sandbox = await createSandbox(submission.dir, [LSTM_CELL, ACTIVATIONS, LSTM_GATES, { id: '04-gru-gates', entry: 'src/gru-gates.ts' }]);
  });
  afterAll(() => {
    sandbox?.dispose();
    submission?.remove();
  });

  it('should report every exercise in the order asked, with exports and function line spans', () => {
    expect([...sandbox.builds.keys()]).toEqual(['03-lstm-cell', '01-activations', '02-lstm-gates', '04-gru-gates']);
    expect(sandbox.builds.get('01-activations')).toEqual({
      status: 'loaded', exerciseId: '01-activations', entry: 'src/activations.ts', exports: ['sigmoid', 'tanh'],
      functions: { sigmoid: { startLine: 2, endLine: 4 }, tanh: { startLine: 5, endLine: 6 } },
      bundleBytes: expect.any(Number),
    });
    const gates = sandbox.builds.get('02-lstm-gates');
    expect(gates).toMatchObject({ status: 'loaded', functions: { forgetGate: { startLine: 4, endLine: 6 }, hiddenState: { startLine: 10, endLine: 13 } } });
    // `answer` is exported but not a function: no span for annotations.
    expect(gates?.status === 'loaded' && gates.exports).toContain('answer');
    expect(gates?.status === 'loaded' && Object.keys(gates.functions)).not.toContain('answer');
    expect(sandbox.builds.get('03-lstm-cell')).toMatchObject({ status: 'loaded', exports: ['viaGates'], functions: { viaGates: { startLine: 2, endLine: 2 } } });
    expect(sandbox.builds.get('04-gru-gates')).toEqual({ status: 'not-submitted', exerciseId: '04-gru-gates', entry: 'src/gru-gates.ts' });
    expect(sandbox.timings.bundleMs).toBeGreaterThan(0);
    expect(sandbox.timings.startMs).toBeGreaterThan(0);
  });

  it('should run correct code and copy the result and the arguments out', () => {
    const outcome = sandbox.call('02-lstm-gates', 'forgetGate', [gate, [1], [2, 3]]);
    expect(outcome).toEqual({
      kind: 'ok', value: [sigmoid(0.25 + 0.5 - 2 + 6)], argsAfter: [gate, [1], [2, 3]], durationMs: expect.any(Number),
    });
    expect(sandbox.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5, argsAfter: [0] });
  });

  it('should keep a result in the wire format until it is read, for judging without decoding', () => {
    const outcome = sandbox.call('02-lstm-gates', 'forgetGate', [gate, [1], [2, 3]]);
    const encoded = encodedValueOf(outcome)!;
    expect(decodeValue(encoded)).toEqual([sigmoid(0.25 + 0.5 - 2 + 6)]);
    // Decoded once, on the first read.
    const value = (outcome as { value: unknown }).value;
    expect((outcome as { value: unknown }).value).toBe(value);
    expect(Object.keys(outcome).sort()).toEqual(['argsAfter', 'durationMs', 'kind', 'value']);
    expect(encodedValueOf(sandbox.call('02-lstm-gates', 'missing', []))).toBeUndefined();
  });

  it('should run another exercise\'s code imported by relative path', () => {
    expect(sandbox.call('03-lstm-cell', 'viaGates', [gate, [1], [2, 3]])).toMatchObject({ kind: 'ok', value: [sigmoid(4.75)] });
  });

  it('should keep NaN, infinities, -0 and undefined, and turn typed arrays into arrays', () => {
    const outcome = sandbox.call('02-lstm-gates', 'specials', []);
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const value = outcome.value as { values: unknown[]; typed: unknown };
    expect(value.values).toEqual([NaN, Infinity, -Infinity, -0, undefined, null, true, 's']);
    expect(Object.is(value.values[3], -0)).toBe(true);
    expect(value.values).toHaveLength(8);
    expect(value.typed).toEqual([1.5, NaN]);
    expect(Array.isArray(value.typed)).toBe(true);
  });

  it('should show arguments the function wrote into (for purity checks)', () => {
    expect(sandbox.call('02-lstm-gates', 'hiddenState', [[0.5, 0.5], [1, 2]])).toMatchObject({ kind: 'ok', value: [1, 2], argsAfter: [[42, 0.5], [1, 2]] });
  });

  it('should recognise "not implemented" errors, whatever their case or type', () => {
    expect(sandbox.call('02-lstm-gates', 'inputGate', [gate, [1], [2, 3]])).toEqual({ kind: 'not-implemented', message: 'Not implemented: inputGate' });
    expect(sandbox.call('02-lstm-gates', 'outputGate', [])).toEqual({ kind: 'not-implemented', message: 'not implemented' });
    expect(sandbox.call('02-lstm-gates', 'candidateCell', [])).toEqual({ kind: 'threw', name: 'TypeError', message: 'p.W is undefined' });
  });

  it('should answer missing-export for names that are absent or not functions', () => {
    expect(sandbox.call('02-lstm-gates', 'cellState', [])).toEqual({
      kind: 'missing-export', message: '02-lstm-gates/src/lstm-gates.ts does not export "cellState"',
    });
    expect(sandbox.call('02-lstm-gates', 'answer', [])).toEqual({
      kind: 'missing-export', message: '02-lstm-gates/src/lstm-gates.ts exports "answer" as a number, not a function',
    });
    // Inherited names are not exports.
    expect(sandbox.call('02-lstm-gates', 'toString', [])).toMatchObject({ kind: 'missing-export' });
  });

  it('should answer unavailable for exercises that were not submitted or are unknown', () => {
    expect(sandbox.call('04-gru-gates', 'updateGate', [])).toEqual({
      kind: 'unavailable', message: '04-gru-gates was not submitted (no 04-gru-gates/src/gru-gates.ts)',
    });
    expect(sandbox.call('09-nothing', 'f', [])).toMatchObject({ kind: 'unavailable' });
  });

  it('should run a batch like the same calls one by one, each on arguments of its own', () => {
    const shared = [1, 2];
    const argsList = [[[0.5, 0.5], [1, 2]], [shared, [3]], [shared, [4]]];
    const outcomes = sandbox.callMany!('02-lstm-gates', 'hiddenState', argsList);
    expect(outcomes).toEqual(argsList.map((args) => sandbox.call('02-lstm-gates', 'hiddenState', args)));
    // Each call wrote 42 into its own copy: the second call's write did not reach the third's `shared`.
    expect(outcomes.map((o) => o.kind === 'ok' && o.argsAfter[0])).toEqual([[42, 0.5], [42, 2], [42, 2]]);
    expect(shared).toEqual([1, 2]);
    // Unchanged arguments come back as the caller's own array.
    const args = [gate, [1], [2, 3]];
    const [forget] = sandbox.callMany!('02-lstm-gates', 'forgetGate', [args]);
    expect(forget).toMatchObject({ kind: 'ok', value: [sigmoid(4.75)] });
    expect(forget?.kind === 'ok' && forget.argsAfter).toBe(args);
  });

  it('should keep going past throws, stop at the first stub or missing export, and call each input once', () => {
    expect(sandbox.callMany!('02-lstm-gates', 'throwsOnNegative', [[1], [-1], [2]])).toEqual([
      { kind: 'ok', value: 2, argsAfter: [1], durationMs: expect.any(Number) },
      { kind: 'threw', name: 'RangeError', message: 'negative: -1' },
      { kind: 'ok', value: 4, argsAfter: [2], durationMs: expect.any(Number) },
    ]);
    expect(sandbox.callMany!('02-lstm-gates', 'inputGate', [[gate, [1], [2, 3]], [gate, [1], [2, 3]]])).toEqual([
      { kind: 'not-implemented', message: 'Not implemented: inputGate' },
    ]);
    expect(sandbox.callMany!('02-lstm-gates', 'nothing', [[], []])).toEqual([
      { kind: 'missing-export', message: '02-lstm-gates/src/lstm-gates.ts does not export "nothing"' },
    ]);
    const before = sandbox.call('02-lstm-gates', 'countCalls', []);
    const counted = sandbox.callMany!('02-lstm-gates', 'countCalls', Array.from({ length: 60 }, () => []));
    expect(counted.map((o) => o.kind === 'ok' && o.value)).toEqual(Array.from({ length: 60 }, (_, k) => (before as { value: number }).value + 1 + k));
  });

  it('should split a batch that outlasts its time budget into more round trips, losing no call', () => {
    // 5 calls of 60 ms: the isolate starts no call after 100 ms, so the host sends the rest again.
    const outcomes = sandbox.callMany!('02-lstm-gates', 'slowUnlessSmall', [[2], [3], [4], [5], [6]]);
    expect(outcomes.map((o) => o.kind === 'ok' && o.value)).toEqual([2, 3, 4, 5, 6]);
  });

  it('should run the caller\'s work while the isolate runs the batch, and rethrow its error after the answer', () => {
    let ran = 0;
    expect(sandbox.callMany!('01-activations', 'sigmoid', [[0], [1]], () => { ran++; })).toHaveLength(2);
    expect(ran).toBe(1);
    expect(() => sandbox.callMany!('01-activations', 'sigmoid', [[0]], () => { throw new Error('grader work failed'); })).toThrow('grader work failed');
    // The link is still in step: the next call gets its own answer.
    expect(sandbox.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
  });

  it('should count a microtask that never ends against the batch\'s last call', () => {
    const outcomes = sandbox.callMany!('02-lstm-gates', 'microtaskSpinAfter', [[1], [2], [3]]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'timeout']);
    expect(sandbox.call('02-lstm-gates', 'microtaskSpinAfter', [1])).toMatchObject({ kind: 'timeout' });
  });

  it('should throw (a grader bug, not the student\'s) when the arguments are not plain data', () => {
    expect(() => sandbox.call('01-activations', 'sigmoid', [() => 1])).toThrow(/the arguments must be plain data/);
    expect(sandbox.call('01-activations', 'sigmoid', [2])).toMatchObject({ kind: 'ok', value: sigmoid(2) });
  });
});

describe('createSandbox with broken exercises', () => {
  it('should make each broken exercise a build error and still load the others', async () => {
    const submission = tempSubmission({
      '01-activations/src/activations.ts': activations,
      '02-lstm-gates/src/lstm-gates.ts': "import { readFileSync } from 'node:fs';\nexport const forgetGate = () => readFileSync('/etc/passwd', 'utf8');\n",
      '03-lstm-cell/src/lstm-cell.ts': 'export function lstmCell( {\n',
      '04-gru-gates/src/gru-gates.ts': "const table = (undefined as unknown as number[])[0];\nexport const updateGate = () => table;\n",
      '05-gru-cell/src/gru-cell.ts': 'while (true) {}\nexport const gruCell = () => 1;\n',
      '06-torch-lstm/src/torch-lstm.ts': 'export const lstm = () => 1;\n',
    });
    submission.write('../outside/stolen.ts', 'export const gru = () => 1;\n');
    submission.link('07-torch-gru/src/torch-gru.ts', `${submission.outside}/stolen.ts`);
    const sandbox = await createSandbox(submission.dir, [
      ACTIVATIONS, LSTM_GATES, LSTM_CELL, { id: '04-gru-gates', entry: 'src/gru-gates.ts' }, { id: '05-gru-cell', entry: 'src/gru-cell.ts' },
      { id: '06-torch-lstm', entry: 'src/torch-lstm.ts' }, { id: '07-torch-gru', entry: 'src/torch-gru.ts' },
    ], { timeoutMs: 1000, loadTimeoutMs: 1000 });
    try {
      const messages = Object.fromEntries([...sandbox.builds].map(([id, b]) => [id, b.status === 'build-error' ? b.message : b.status]));
      expect(messages).toEqual({
        '01-activations': 'loaded',
        '02-lstm-gates': '02-lstm-gates/src/lstm-gates.ts:1:30: importing "node:fs" is not allowed: a submission may import only its own files by relative path',
        '03-lstm-cell': '03-lstm-cell/src/lstm-cell.ts:2:1: Expected identifier but found end of file',
        '04-gru-gates': "04-gru-gates/src/gru-gates.ts: loading the module threw TypeError: Cannot read properties of undefined (reading '0')",
        '05-gru-cell': '05-gru-cell/src/gru-cell.ts: loading the module did not finish within 1000 ms (an endless loop at the top level?)',
        '06-torch-lstm': 'loaded',
        '07-torch-gru': '07-torch-gru/src/torch-gru.ts: is a symbolic link to a file outside the submission folder',
      });
      expect(sandbox.call('05-gru-cell', 'gruCell', [])).toEqual({ kind: 'unavailable', message: messages['05-gru-cell'] });
      expect(sandbox.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
      expect(sandbox.call('06-torch-lstm', 'lstm', [])).toMatchObject({ kind: 'ok', value: 1 });
    } finally {
      sandbox.dispose();
      submission.remove();
    }
  });

  it('should treat a missing submission folder as nothing submitted, without starting anything', async () => {
    const sandbox = await createSandbox('/nonexistent/gatecheck/submission', [ACTIVATIONS]);
    expect(sandbox.builds.get('01-activations')).toEqual({ status: 'not-submitted', exerciseId: '01-activations', entry: 'src/activations.ts' });
    expect(sandbox.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'unavailable' });
    sandbox.dispose();
  });

  it('should refuse invalid limits', async () => {
    await expect(createSandbox('/nonexistent', [], { timeoutMs: 0 })).rejects.toThrow(/timeoutMs must be a positive number/);
    await expect(createSandbox('/nonexistent', [], { memoryMb: 4 })).rejects.toThrow(/memoryMb must be at least 8/);
  });

  it('should answer unavailable after dispose', async () => {
    const submission = tempSubmission({ '01-activations/src/activations.ts': activations });
    const sandbox = await createSandbox(submission.dir, [ACTIVATIONS]);
    sandbox.dispose();
    sandbox.dispose();
    expect(sandbox.call('01-activations', 'sigmoid', [0])).toEqual({ kind: 'unavailable', message: 'the sandbox was disposed' });
    submission.remove();
  });
});

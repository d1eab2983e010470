// How the harness tells whether a call changed its arguments (what the purity checks are judged on): it first
// checks that the arguments still read as the words the host sent, without encoding them, and encodes them in
// full only when something differs. Both ways must agree: unchanged arguments come back as the very list the
// grader passed, and any change, however small or however hidden, comes back as the arguments now read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, LSTM_GATES, tempSubmission, type TempSubmission } from './__test-helpers__/submission.js';
import { createSandbox } from './create-sandbox.js';
import type { CallOutcome, Sandbox } from './types.js';

const mutations = `
type Args = [number[][], { w: number[]; s: string; 'odd key': null; flag: boolean; nested: { z: number[] } }, number, string];
export const untouched = (..._: Args) => 0;
export const deepNumber = (m: number[][]) => { m[1]![0] = 7; return 0; };
export const negativeZero = (m: number[][]) => { m[0]![0] = -0; return 0; };
export const sameNaN = (m: number[][]) => { m[1]![1] = NaN; return 0; };
export const pushed = (m: number[][]) => { m[1]!.push(1); return 0; };
export const popped = (m: number[][]) => { m.pop(); return 0; };
export const numberForArray = (m: any) => { m[1] = 5; return 0; };
export const keyAdded = (_: unknown, o: any) => { o.extra = 1; return 0; };
export const keyDeleted = (_: unknown, o: any) => { delete o.flag; return 0; };
export const keysReordered = (_: unknown, o: any) => { const s = o.s; delete o.s; o.s = s; return 0; };
export const stringChanged = (_: unknown, o: any) => { o.s = 'hellO'; return 0; };
export const hidden = (_: unknown, o: any) => { Object.defineProperty(o, 'flag', { enumerable: false }); return 0; };
export const typedSame = (_: unknown, o: any) => { o.w = new Float64Array(o.w); return 0; };
export const getterSame = (m: number[][]) => { const v = m[0]![0]; Object.defineProperty(m[0], 0, { get: () => v, enumerable: true }); return 0; };
export const getterOther = (m: number[][]) => { Object.defineProperty(m[0], 0, { get: () => 99, enumerable: true }); return 0; };
export const prototypeSwapped = (_: unknown, o: any) => { Object.setPrototypeOf(o.nested, null); return 0; };
export const deepInObject = (_: unknown, o: any) => { o.nested.z[2] = 0.5; return 0; };
`;

// The same module, after planting an index getter on Array.prototype: reads can no longer skip the own-element check.
const polluted = `Object.defineProperty(Array.prototype, '5', { get() { return 'forged'; }, configurable: true });\n${mutations}`;

let submission: TempSubmission;
let sandbox: Sandbox;
beforeAll(async () => {
  submission = tempSubmission({ '01-activations/src/activations.ts': mutations, '02-lstm-gates/src/lstm-gates.ts': polluted });
  sandbox = await createSandbox(submission.dir, [ACTIVATIONS, LSTM_GATES]);
});
afterAll(() => {
  sandbox.dispose();
  submission.remove();
});

const args = () => [[[0.5, -1.25, 3], [-0, NaN, Infinity]], { w: [1, 2], s: 'hello', 'odd key': null, flag: true, nested: { z: [0, 1, 2] } }, 4, 'text'];

function after(outcome: CallOutcome | undefined): unknown {
  if (outcome?.kind !== 'ok') throw new Error(`expected a result, got ${JSON.stringify(outcome)}`);
  return outcome.argsAfter;
}

describe.each([['01-activations', 'a clean module'], ['02-lstm-gates', 'a module that polluted Array.prototype']])('arguments after a call in %s (%s)', (exercise) => {
  const run = (fn: string) => {
    const sent = args();
    const [one] = sandbox.callMany!(exercise, fn, [sent]);
    return { sent, after: after(one) };
  };
  const changed = (fn: string, edit: (a: any[]) => void) => {
    const expected = args();
    edit(expected);
    const { sent, after: got } = run(fn);
    expect(got).not.toBe(sent);
    expect(got).toEqual(expected);
    // -0 and NaN compared exactly, not as toEqual compares them.
    expect(Object.is((got as any)[0][0]?.[0], (expected as any)[0][0]?.[0])).toBe(true);
  };

  it('should hand back the very list sent when nothing changed, also where the call rewrote a value with an equal one', () => {
    for (const fn of ['untouched', 'sameNaN', 'typedSame', 'getterSame']) {
      const { sent, after: got } = run(fn);
      expect(got, fn).toBe(sent);
    }
  });

  it('should report every change as the arguments now read', () => {
    changed('deepNumber', (a) => { a[0][1][0] = 7; });
    changed('negativeZero', (a) => { a[0][0][0] = -0; });
    changed('pushed', (a) => { a[0][1].push(1); });
    changed('popped', (a) => { a[0].pop(); });
    changed('numberForArray', (a) => { a[0][1] = 5; });
    changed('keyAdded', (a) => { a[1].extra = 1; });
    changed('keyDeleted', (a) => { delete a[1].flag; });
    changed('keysReordered', (a) => { const s = a[1].s; delete a[1].s; a[1].s = s; });
    changed('stringChanged', (a) => { a[1].s = 'hellO'; });
    changed('hidden', (a) => { delete a[1].flag; });
    changed('getterOther', (a) => { a[0][0][0] = 99; });
    changed('deepInObject', (a) => { a[1].nested.z[2] = 0.5; });
  });

  it('should read a nested object whose prototype became null by its own fields, as the encoder copies it: unchanged', () => {
    const { sent, after: got } = run('prototypeSwapped');
    expect(got).toBe(sent);
  });
});

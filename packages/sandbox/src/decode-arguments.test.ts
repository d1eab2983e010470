// How the harness rebuilds arguments inside the isolate: plain writes only when nothing on a prototype could
// see them, defineProperty otherwise. Either way the function gets own fields and elements, whatever keys the
// data has (`__proto__` and `toString` included) and whatever the module did to the prototypes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, LSTM_GATES, tempSubmission, type TempSubmission } from './__test-helpers__/submission.js';
import { createSandbox } from './create-sandbox.js';
import type { Sandbox } from './types.js';

const inspect = `
export function inspect(o: any, rows: number[][]): unknown {
  return {
    keys: Object.keys(o),
    ownProto: Object.getOwnPropertyDescriptor(o, '__proto__')?.value ?? 'none',
    prototypeIsObject: Object.getPrototypeOf(o) === Object.prototype,
    ownToString: Object.getOwnPropertyDescriptor(o, 'toString')?.value ?? 'none',
    zero: Object.getOwnPropertyDescriptor(o, '0')?.value ?? 'none',
    rows: rows.map((r) => [r.length, Object.keys(r).length, r[0] ?? 'hole', r[1] ?? 'hole']),
  };
}
`;

// The same function in a context whose module planted setters for index keys on both prototypes first.
const polluted = `
Object.defineProperty(Object.prototype, '0', { get() { return 'forged'; }, set() { throw new Error('setter ran'); }, configurable: true });
Object.defineProperty(Array.prototype, '1', { get() { return 'forged'; }, set() { throw new Error('setter ran'); }, configurable: true });
${inspect}`;

let submission: TempSubmission;
let sandbox: Sandbox;
beforeAll(async () => {
  submission = tempSubmission({ '01-activations/src/activations.ts': inspect, '02-lstm-gates/src/lstm-gates.ts': polluted });
  sandbox = await createSandbox(submission.dir, [ACTIVATIONS, LSTM_GATES]);
});
afterAll(() => {
  sandbox.dispose();
  submission.remove();
});

describe('arguments as the student function gets them', () => {
  const object = JSON.parse('{"__proto__": 5, "toString": 7, "0": 8, "x": 1}') as Record<string, number>;
  const rows = [[1.5, -0], [2], []];
  const expected = {
    keys: ['0', '__proto__', 'toString', 'x'],
    ownProto: 5,
    prototypeIsObject: true,
    ownToString: 7,
    zero: 8,
    rows: [[2, 2, 1.5, -0], [1, 1, 2, 'hole'], [0, 0, 'hole', 'hole']],
  };

  it('should be own data, keys like __proto__ and toString included, with clean prototypes', () => {
    expect(sandbox.call('01-activations', 'inspect', [object, rows])).toMatchObject({ kind: 'ok', value: expected });
  });

  it('should be the same when the module planted index setters on the prototypes (none of them runs)', () => {
    const outcome = sandbox.call('02-lstm-gates', 'inspect', [object, rows]);
    // Reading a missing element goes through the planted getter here, as it would in any code of that module.
    expect(outcome).toMatchObject({
      kind: 'ok',
      value: { ...expected, rows: [[2, 2, 1.5, -0], [1, 1, 2, 'forged'], [0, 0, 'forged', 'forged']] },
    });
  });

  it('should answer a batch the same way as single calls', () => {
    const outcomes = sandbox.callMany!('01-activations', 'inspect', [[object, rows], [object, rows]]);
    expect(outcomes).toMatchObject([{ kind: 'ok', value: expected }, { kind: 'ok', value: expected }]);
  });
});

// Memory and time limits: what runs out pays alone, the rest keeps working.
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxChildren } from './__test-helpers__/children.js';
import { ACTIVATIONS, LSTM_GATES, tempSubmission, type TempSubmission } from './__test-helpers__/submission.js';
import { createSandbox } from './create-sandbox.js';
import type { Sandbox } from './types.js';

const activations = 'export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));\n';

// `heapBomb` fills the heap with small steps, which isolated-vm's limit interrupts; `fillBomb` asks a C++
// builtin for one enormous dictionary, which V8 cannot interrupt: it aborts the whole process that runs it.
const bombs = `
export function heapBomb(): number { const keep: number[][] = []; for (;;) keep.push(new Array(1e5).fill(1.5)); }
export function fillBomb(): number { return new Array(1e9).fill(0).length; }
export function spin(): number { for (;;) {} }
export const add = (a: number, b: number): number => a + b;
`;

let submission: TempSubmission | undefined;
let sandbox: Sandbox | undefined;
afterEach(() => {
  sandbox?.dispose();
  submission?.remove();
  sandbox = undefined;
  submission = undefined;
});

const LSTM_CELL = { id: '03-lstm-cell', entry: 'src/lstm-cell.ts' };

async function start(files: Record<string, string>, limits: Parameters<typeof createSandbox>[2]): Promise<Sandbox> {
  submission = tempSubmission(files);
  sandbox = await createSandbox(submission.dir, [ACTIVATIONS, LSTM_GATES, LSTM_CELL], limits);
  return sandbox;
}

describe('sandbox limits', () => {
  // Generous time limits: these must end by memory, whatever the machine's load.
  it('should contain heap bombs: at load a build error of that exercise, in a call `memory` for that function only', async () => {
    const box = await start({
      '01-activations/src/activations.ts': activations,
      '02-lstm-gates/src/lstm-gates.ts': 'const table: number[][] = [];\nfor (;;) table.push(new Array(1e5).fill(0.5));\nexport const forgetGate = () => table;\n',
      '03-lstm-cell/src/lstm-cell.ts': bombs,
    }, { memoryMb: 32, timeoutMs: 30_000, loadTimeoutMs: 30_000 });
    expect(box.builds.get('02-lstm-gates')).toMatchObject({
      status: 'build-error', message: expect.stringMatching(/^02-lstm-gates\/src\/lstm-gates\.ts: loading the module .*memory.*32 MiB/),
    });
    expect(box.builds.get('03-lstm-cell')).toMatchObject({ status: 'loaded' });
    expect(box.call('03-lstm-cell', 'heapBomb', [])).toEqual({ kind: 'memory', limitMb: 32 });
    // The isolate was rebuilt: every context comes back on its next call.
    expect(box.call('03-lstm-cell', 'add', [1, 2])).toMatchObject({ kind: 'ok', value: 3 });
    expect(box.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
    expect(box.call('03-lstm-cell', 'heapBomb', [])).toEqual({ kind: 'memory', limitMb: 32 });
  });

  it('should survive bombs that abort V8 itself, at load and in a call: only the offender pays, once', async () => {
    const box = await start({
      '01-activations/src/activations.ts': activations,
      '02-lstm-gates/src/lstm-gates.ts': 'const table = new Array(1e9).fill(0);\nexport const forgetGate = () => table.length;\n',
      '03-lstm-cell/src/lstm-cell.ts': bombs,
    }, { memoryMb: 32, timeoutMs: 30_000, loadTimeoutMs: 30_000 });
    expect(box.builds.get('02-lstm-gates')).toMatchObject({ status: 'build-error', message: expect.stringMatching(/memory/) });
    expect(box.builds.get('01-activations')).toMatchObject({ status: 'loaded' });
    expect(box.builds.get('03-lstm-cell')).toMatchObject({ status: 'loaded' });
    const [first] = sandboxChildren();
    expect(first).toBeGreaterThan(0);
    expect(box.call('03-lstm-cell', 'fillBomb', [])).toEqual({ kind: 'memory', limitMb: 32 });
    expect(sandboxChildren()).not.toContain(first);
    expect(box.call('03-lstm-cell', 'add', [1, 2])).toMatchObject({ kind: 'ok', value: 3 });
    expect(box.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
    const [second] = sandboxChildren();
    expect(second).toBeGreaterThan(0);
    expect(second).not.toBe(first);
    // Answered from the record of the first run: the new child is not put at risk.
    expect(box.call('03-lstm-cell', 'fillBomb', [])).toEqual({ kind: 'memory', limitMb: 32 });
    expect(sandboxChildren()).toEqual([second]);
  });

  it('should kill a child that stops answering (watchdog) and answer timeout for that call only', async () => {
    const box = await start({ '01-activations/src/activations.ts': activations, '02-lstm-gates/src/lstm-gates.ts': bombs }, { timeoutMs: 500 });
    const [child] = sandboxChildren();
    // A stopped process runs nothing, not even isolated-vm's timer: only the watchdog can end the call.
    process.kill(child!, 'SIGSTOP');
    expect(box.call('02-lstm-gates', 'add', [1, 2])).toEqual({ kind: 'timeout', limitMs: 500 });
    expect(box.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
    expect(box.call('02-lstm-gates', 'add', [1, 2])).toEqual({ kind: 'timeout', limitMs: 500 });
    expect(box.call('02-lstm-gates', 'spin', [])).toEqual({ kind: 'timeout', limitMs: 500 });
  });
});

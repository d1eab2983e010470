// A process that grades one submission after another reuses the sandbox's child process, and its isolate with the
// harness compiled in a context of its own: these tests pin that nothing of one submission reaches the next
// (each gets fresh contexts), that an isolate where student code was interrupted is not handed on, that each
// sandbox gets its own limits, and that a child which died or was killed is never handed on.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxChildren } from './__test-helpers__/children.js';
import { ACTIVATIONS, LSTM_GATES, tempSubmission, type TempSubmission } from './__test-helpers__/submission.js';
import { closeSandboxes, createSandbox } from './create-sandbox.js';
import type { Sandbox } from './types.js';

// Leaves what it can behind: globals, polluted prototypes (index properties included), a module-level counter.
const polluter = `
(globalThis as any).leak = 'from the first submission';
Object.defineProperty(Object.prototype, 'stolen', { value: 1, configurable: true, enumerable: false, writable: true });
Object.defineProperty(Array.prototype, '0', { get() { return 'forged'; }, set() {}, configurable: true });
Object.defineProperty(Object.prototype, '3', { get() { return 'forged'; }, set() {}, configurable: true });
let calls = 0;
export function sigmoid(x: number): number { calls++; return 1 / (1 + Math.exp(-x)); }
export function count(): number { return calls; }
`;

// What a later submission sees of its world.
const observer = `
let calls = 0;
export function sigmoid(x: number): number { calls++; return 1 / (1 + Math.exp(-x)); }
export function count(): number { return calls; }
export function world(rows: number[][]): unknown {
  return {
    leak: typeof (globalThis as any).leak,
    stolen: ({} as any).stolen === undefined,
    arrayIndexKeys: Array.prototype.length,
    objectKeys: Object.getOwnPropertyNames(Object.prototype).filter((k) => /^\\d+$/.test(k)).length,
    rows: rows.map((r) => r.length),
    fresh: [1, 2, 3, 4, 5][3],
  };
}
export function spin(): number { for (;;) {} }
`;

const gates = 'export const forgetGate = (a: number[]) => a.map((v) => 2 * v);\n';

let submissions: TempSubmission[] = [];
let sandboxes: Sandbox[] = [];
afterEach(() => {
  for (const s of sandboxes) s.dispose();
  for (const s of submissions) s.remove();
  sandboxes = [];
  submissions = [];
});

async function open(files: Record<string, string>, limits: Parameters<typeof createSandbox>[2] = {}): Promise<Sandbox> {
  const submission = tempSubmission(files);
  submissions.push(submission);
  const sandbox = await createSandbox(submission.dir, [ACTIVATIONS, LSTM_GATES], limits);
  sandboxes.push(sandbox);
  return sandbox;
}

describe('sandboxes one after another in one process', () => {
  it('should reuse the child process and its isolate but give the next submission fresh contexts with nothing left behind', async () => {
    const first = await open({ '01-activations/src/activations.ts': polluter, '02-lstm-gates/src/lstm-gates.ts': gates });
    expect(first.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
    // The pollution is real in the first submission's own isolate (and its copies still come out right).
    expect(first.callMany!('01-activations', 'count', [[], []])).toMatchObject([{ kind: 'ok', value: 1 }, { kind: 'ok', value: 1 }]);
    expect(first.call('02-lstm-gates', 'forgetGate', [[1, 2, 3, 4, 5]])).toMatchObject({ kind: 'ok', value: [2, 4, 6, 8, 10] });
    const [child] = sandboxChildren();
    first.dispose();

    const second = await open({ '01-activations/src/activations.ts': observer, '02-lstm-gates/src/lstm-gates.ts': gates });
    expect(sandboxChildren()).toEqual([child]);
    expect(second.timings.isolateKept).toBe(true);
    expect(second.call('01-activations', 'count', [])).toMatchObject({ kind: 'ok', value: 0 });
    expect(second.call('01-activations', 'world', [[[1, 2], [3]]])).toMatchObject({
      kind: 'ok',
      value: { leak: 'undefined', stolen: true, arrayIndexKeys: 0, objectKeys: 0, rows: [2, 1], fresh: 4 },
    });
    expect(second.call('02-lstm-gates', 'forgetGate', [[0.5]])).toMatchObject({ kind: 'ok', value: [1] });
  });

  it('should give the next submission the whole memory limit, in a kept isolate as in a new one', async () => {
    const hog = (n: number) => `const keep = new Array(${n}).fill(1.5);\nexport const sigmoid = (x: number): number => keep.length + x;\n`;
    const limits = { memoryMb: 64, loadTimeoutMs: 30_000, timeoutMs: 30_000 };
    // 9 MB left behind (4 MB kept, 4 MB of garbage) is little enough to keep the isolate; the next student's
    // 61 MB then fit in 64 MiB only because the first one's context was collected.
    const small = await open({ '01-activations/src/activations.ts': hog(5e5) }, limits);
    expect(small.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 5e5 });
    small.dispose();
    const large = await open({ '01-activations/src/activations.ts': hog(7.5e6) }, limits);
    expect(large.timings.isolateKept).toBe(true);
    expect(large.builds.get('01-activations')).toMatchObject({ status: 'loaded' });
    expect(large.call('01-activations', 'sigmoid', [1])).toMatchObject({ kind: 'ok', value: 7.5e6 + 1 });
    large.dispose();
    // 61 MB left behind is too much to hand on: the next student gets a new isolate, and all of its limit.
    const next = await open({ '01-activations/src/activations.ts': hog(7.5e6) }, limits);
    expect(next.timings.isolateKept).toBe(false);
    expect(next.call('01-activations', 'sigmoid', [2])).toMatchObject({ kind: 'ok', value: 7.5e6 + 2 });
  });

  it('should not hand on an isolate where student code was interrupted, nor one with other limits', async () => {
    const first = await open({ '01-activations/src/activations.ts': observer }, { timeoutMs: 150 });
    // A call cut off by its time limit may leave the isolate mid-way through anything: the next one is new.
    expect(first.call('01-activations', 'spin', [])).toEqual({ kind: 'timeout', limitMs: 150 });
    first.dispose();
    const second = await open({ '01-activations/src/activations.ts': observer }, { timeoutMs: 150 });
    expect(second.timings.isolateKept).toBe(false);
    expect(second.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
    second.dispose();
    const third = await open({ '01-activations/src/activations.ts': observer }, { timeoutMs: 150 });
    expect(third.timings.isolateKept).toBe(true);
    third.dispose();
    // The memory limit belongs to the isolate: another one needs another isolate.
    const fourth = await open({ '01-activations/src/activations.ts': observer }, { timeoutMs: 150, memoryMb: 96 });
    expect(fourth.timings.isolateKept).toBe(false);
    expect(fourth.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
  });

  it('should apply each sandbox its own limits', async () => {
    const first = await open({ '01-activations/src/activations.ts': observer }, { timeoutMs: 2000 });
    first.dispose();
    const second = await open({ '01-activations/src/activations.ts': observer }, { timeoutMs: 150 });
    const started = performance.now();
    expect(second.call('01-activations', 'spin', [])).toEqual({ kind: 'timeout', limitMs: 150 });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('should never hand on a child that died, and start a working one instead', async () => {
    const first = await open({ '01-activations/src/activations.ts': observer });
    const [child] = sandboxChildren();
    process.kill(child!, 'SIGKILL');
    // Until the sandbox notices, the child looks alive; the next one must still get a working child.
    first.dispose();
    const second = await open({ '01-activations/src/activations.ts': observer });
    expect(second.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok', value: 0.5 });
    expect(sandboxChildren()).not.toContain(child);
  });

  it('should give sandboxes open at the same time children of their own', async () => {
    const first = await open({ '01-activations/src/activations.ts': observer });
    const second = await open({ '01-activations/src/activations.ts': observer });
    expect(first.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok' });
    expect(second.call('01-activations', 'sigmoid', [0])).toMatchObject({ kind: 'ok' });
    expect(new Set(sandboxChildren()).size).toBe(2);
    expect(first.call('01-activations', 'count', [])).toMatchObject({ value: 1 });
  });
});

/** CPU time (ms) of this process's children that have exited and been waited for, from /proc. */
function reapedChildrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

describe('closeSandboxes', () => {
  it('should end the kept child and wait for it, so its CPU time is counted', async () => {
    const box = await open({ '01-activations/src/activations.ts': observer }, { timeoutMs: 600 });
    const before = reapedChildrenCpuMs();
    expect(box.call('01-activations', 'spin', [])).toEqual({ kind: 'timeout', limitMs: 600 });
    box.dispose();
    expect(sandboxChildren()).toHaveLength(1);
    await closeSandboxes();
    expect(sandboxChildren()).toEqual([]);
    expect(reapedChildrenCpuMs() - before).toBeGreaterThanOrEqual(400);
  });
});

describe('a process that reuses sandboxes', () => {
  // A runtime waiting for a next sandbox must not keep the process alive (this once left `gatecheck grade`
  // running after its report), and one in use must, since the supervisor's thread answers its spans (a script
  // once exited mid-await; that race depends on timing, so this test pins the first failure only).
  it('should finish its work and then exit on its own', async () => {
    const submission = tempSubmission({ '01-activations/src/activations.ts': observer });
    submissions.push(submission);
    const createSandboxUrl = new URL('./create-sandbox.ts', import.meta.url).href;
    const script = [
      `import { createSandbox } from ${JSON.stringify(createSandboxUrl)};`,
      `const exercises = [{ id: '01-activations', entry: 'src/activations.ts' }];`,
      `for (let i = 0; i < 3; i++) {`,
      `  const sandbox = await createSandbox(${JSON.stringify(submission.dir)}, exercises);`,
      `  const outcome = sandbox.call('01-activations', 'sigmoid', [i]);`,
      `  process.stdout.write(outcome.kind + ' ' + outcome.value.toFixed(4) + '\\n');`,
      `  sandbox.dispose();`,
      `}`,
    ].join('\n');
    submission.write('../script.ts', script);
    const loader = fileURLToPath(new URL('../../../scripts/register-ts.mjs', import.meta.url));
    const run = spawnSync(process.execPath, ['--no-warnings', '--import', loader, `${submission.dir}/../script.ts`], { encoding: 'utf8', timeout: 30_000 });
    expect(run.error).toBeUndefined();
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: 'ok 0.5000\nok 0.7311\nok 0.8808\n', stderr: '' });
  });

  // Batch workers run with --single-threaded-gc and a larger --interrupt-budget (V8's helper threads only took
  // cores from the other busy processes); their sandbox processes must do the same, and a single grading's must
  // keep V8's defaults. Other flags of the grader's process stay its own.
  it('should give its sandbox process the V8 settings of its own process for the collector and the optimiser', async () => {
    const submission = tempSubmission({ '01-activations/src/activations.ts': observer });
    submissions.push(submission);
    const createSandboxUrl = new URL('./create-sandbox.ts', import.meta.url).href;
    const childrenUrl = new URL('./__test-helpers__/children.ts', import.meta.url).href;
    submission.write('../flags.ts', [
      `import { createSandbox } from ${JSON.stringify(createSandboxUrl)};`,
      `import { execFileSync } from 'node:child_process';`,
      `import { sandboxChildren } from ${JSON.stringify(childrenUrl)};`,
      `const sandbox = await createSandbox(${JSON.stringify(submission.dir)}, [{ id: '01-activations', entry: 'src/activations.ts' }]);`,
      `const [pid] = sandboxChildren();`,
      `process.stdout.write(execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }));`,
      `sandbox.dispose();`,
    ].join('\n'));
    const loader = fileURLToPath(new URL('../../../scripts/register-ts.mjs', import.meta.url));
    const childArgs = (flags: string[]): string => {
      const run = spawnSync(process.execPath, ['--no-warnings', ...flags, '--import', loader, `${submission.dir}/../flags.ts`], { encoding: 'utf8', timeout: 30_000 });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toContain('child.cjs');
      return run.stdout;
    };
    const batch = childArgs(['--single-threaded-gc', '--interrupt-budget=528000', '--max-semi-space-size=8']);
    expect(batch).toContain('--single-threaded-gc');
    expect(batch).toContain('--interrupt-budget=528000');
    expect(batch).not.toContain('--max-semi-space-size');
    const single = childArgs([]);
    expect(single).not.toContain('--single-threaded-gc');
    expect(single).not.toContain('--interrupt-budget');
  });
});

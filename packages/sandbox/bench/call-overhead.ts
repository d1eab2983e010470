// Measures what the sandbox costs: start-up (bundle + child process + isolate + spans) and the round trip
// of one call of a tiny function, against calling the same function directly in this process.
// Run from the repo root: node --no-warnings --import ./scripts/register-ts.mjs packages/sandbox/bench/call-overhead.ts [calls]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '../src/index.js';

const calls = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'gatecheck-overhead-'));
mkdirSync(join(dir, '01-activations/src'), { recursive: true });
mkdirSync(join(dir, '02-lstm-gates/src'), { recursive: true });
writeFileSync(join(dir, '01-activations/src/activations.ts'), 'export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));\n');
writeFileSync(join(dir, '02-lstm-gates/src/lstm-gates.ts'), [
  "import { sigmoid } from '../../01-activations/src/activations.js';",
  'export function forgetGate(p: { W: number[][]; b: number[] }, hPrev: number[], x: number[]): number[] {',
  '  const z = [...hPrev, ...x];',
  '  return p.b.map((b, r) => sigmoid(p.W[r]!.reduce((s, w, c) => s + w * z[c]!, b)));',
  '}',
].join('\n'));

const exercises = [{ id: '01-activations', entry: 'src/activations.ts' }, { id: '02-lstm-gates', entry: 'src/lstm-gates.ts' }];
for (let round = 1; round <= 3; round++) {
  const started = performance.now();
  const sandbox = await createSandbox(dir, exercises);
  const total = performance.now() - started;
  console.log(`start #${round}: ${total.toFixed(0)} ms (bundleMs ${sandbox.timings.bundleMs.toFixed(0)}, startMs ${sandbox.timings.startMs.toFixed(0)})`);
  sandbox.dispose();
}

/** CPU time (user + system, ms) of this process's sandbox child, from /proc (Linux). */
function childCpuMs(): number {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  const pid = out.split('\n').find((line) => line.includes('child.cjs'))?.trim().split(/\s+/)[0];
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const sandbox = await createSandbox(dir, exercises);
const random = (n: number) => Array.from({ length: n }, () => Math.random() - 0.5);
const cases: [string, string, unknown[]][] = [
  ['01-activations', 'sigmoid', [0.3]],
  ['02-lstm-gates', 'forgetGate', [{ W: Array.from({ length: 8 }, () => random(16)), b: random(8) }, random(8), random(8)]],
];
for (const [exercise, fn, args] of cases) {
  for (let i = 0; i < 500; i++) sandbox.call(exercise, fn, args);
  let inIsolate = 0;
  const childCpu = childCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) {
    const outcome = sandbox.call(exercise, fn, args);
    if (outcome.kind !== 'ok') throw new Error(`unexpected ${outcome.kind}`);
    inIsolate += outcome.durationMs;
  }
  const perCall = ((performance.now() - started) * 1000) / calls;
  const used = process.cpuUsage(cpu);
  const childUsed = childCpuMs() - childCpu;
  console.log(`${fn}: ${calls} calls, wall ${perCall.toFixed(1)} µs per call (${((inIsolate * 1000) / calls).toFixed(1)} µs in the function itself, by the harness's millisecond clock); ` +
    `CPU per call: host ${((used.user + used.system) / calls).toFixed(1)} µs, child ${((childUsed * 1000) / calls).toFixed(1)} µs`);

  // The same calls in batches of 25 (the size of a round's first batch in the grader; later ones hold up to 100).
  const batch = Array.from({ length: 25 }, () => structuredClone(args));
  const childCpuMany = childCpuMs();
  const cpuMany = process.cpuUsage();
  const startedMany = performance.now();
  for (let i = 0; i < calls; i += batch.length) {
    const outcomes = sandbox.callMany!(exercise, fn, batch);
    if (outcomes.length !== batch.length || outcomes.some((o) => o.kind !== 'ok')) throw new Error('unexpected batch outcome');
  }
  const perCallMany = ((performance.now() - startedMany) * 1000) / calls;
  const usedMany = process.cpuUsage(cpuMany);
  const childUsedMany = childCpuMs() - childCpuMany;
  console.log(`${fn}: ${calls} calls in batches of ${batch.length}, wall ${perCallMany.toFixed(1)} µs per call; ` +
    `CPU per call: host ${((usedMany.user + usedMany.system) / calls).toFixed(1)} µs, child ${((childUsedMany * 1000) / calls).toFixed(1)} µs`);
}
sandbox.dispose();
rmSync(dir, { recursive: true, force: true });

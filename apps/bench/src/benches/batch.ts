// `pnpm bench batch`: an instructor's deadline run. Generates a class of submissions (a realistic mix of correct,
// buggy, unfinished and hostile hand-ins, built from the graders' own reference, variant and known-mistake files),
// then runs `gatecheck batch` on it with 1 and with 2 workers and records wall time and speed-up in the
// `## Batch` section of BENCHMARKS.md (each worker count several times, interleaved: median and range). Goal: 200
// submissions in 60 s or less on 2 cores.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSection } from '../lib/benchmarks-md.js';
import { machine, machineLine, speedCheck, speedLine } from '../lib/machine.js';
import { median } from '../lib/timing.js';
import { UsageError } from '../lib/usage-error.js';

export const description = 'batch grading of a generated class (correct, buggy, hostile) with 1 and 2 workers';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Entry files that attack the grader instead of answering: each replaces one exercise's entry. */
const HOSTILE: Record<string, { exercise: string; file: string; text: string }> = {
  'infinite-loop': {
    exercise: '02-lstm-gates', file: 'src/lstm-gates.ts',
    text: ['forgetGate', 'inputGate', 'candidateCell', 'outputGate'].map((fn) =>
      `export function ${fn}(p: { W: number[][]; b: number[] }, hPrev: number[], x: number[]): number[] {\n  for (;;) { hPrev = hPrev.slice(); }\n}\n`).join('\n') +
      'export function cellState(f: number[], cPrev: number[], i: number[], cTilde: number[]): number[] { while (true) {} }\n' +
      'export function hiddenState(o: number[], c: number[]): number[] { while (true) {} }\n',
  },
  'memory-bomb': {
    exercise: '01-activations', file: 'src/activations.ts',
    text: 'const hoard: number[][] = [];\nexport function sigmoid(x: number): number {\n  for (;;) hoard.push(new Array(1_000_000).fill(x));\n}\n' +
      'export function tanh(x: number): number {\n  let s = "x";\n  for (;;) s += s;\n}\n',
  },
  'env-read': {
    exercise: '01-activations', file: 'src/activations.ts',
    text: 'declare const process: { env: Record<string, string> };\nexport function sigmoid(x: number): number {\n  const token = process.env.GITHUB_TOKEN ?? "";\n  return token.length > 0 ? 1 : 1 / (1 + Math.exp(-x));\n}\n' +
      'export function tanh(x: number): number {\n  return Object.keys(process.env).length + Math.tanh(x);\n}\n',
  },
  'forbidden-import': {
    exercise: '01-activations', file: 'src/activations.ts',
    text: 'import { readFileSync } from "node:fs";\nexport function sigmoid(x: number): number { return readFileSync("/etc/passwd").length + x; }\nexport function tanh(x: number): number { return Math.tanh(x); }\n',
  },
};

interface ExercisePool {
  id: string;
  /** Entry file path inside the exercise folder (e.g. `src/lstm-gates.ts`). */
  entry: string;
  correct: string[];
  buggy: string[];
}

async function tsFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort().map((f) => join(dir, f));
}

async function pools(): Promise<ExercisePool[]> {
  const out: ExercisePool[] = [];
  for (const id of (await readdir(join(ROOT, 'exercises'))).filter((d) => /^\d\d-/.test(d)).sort()) {
    const src = join(ROOT, 'exercises', id, 'src');
    const [stub] = await tsFiles(src);
    if (!stub) continue;
    const entry = `src/${stub.slice(src.length + 1)}`;
    const grader = join(ROOT, 'graders', id);
    out.push({
      id, entry,
      correct: [...(await tsFiles(join(grader, 'reference', 'src'))), ...(await tsFiles(join(grader, 'variants')))],
      buggy: await tsFiles(join(grader, 'mistakes')),
    });
  }
  return out;
}

/** A small seeded generator (mulberry32) so every run builds the same class. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ClassMix { correct: number; buggy: number; stub: number; missing: number; hostile: Record<string, number>; hostileStudents: string[] }

/**
 * Writes `students` submission folders under `dir`. Each starts as the handout (stubs), then each exercise is
 * replaced by a correct file (55 %), a known-mistake file (25 %), left as the stub (12 %) or deleted (8 %);
 * every 25th student also hands in one hostile entry file, in turn.
 */
export async function generateClass(dir: string, students: number, seed = 1): Promise<ClassMix> {
  const rand = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const exercises = await pools();
  const hostileKinds = Object.keys(HOSTILE);
  const mix: ClassMix = { correct: 0, buggy: 0, stub: 0, missing: 0, hostile: {}, hostileStudents: [] };
  for (let s = 0; s < students; s++) {
    const student = join(dir, `student-${String(s + 1).padStart(3, '0')}`);
    await cp(join(ROOT, 'exercises'), student, { recursive: true, filter: (src) => !src.includes('node_modules') && !src.endsWith('package.json') && !src.endsWith('tsconfig.json') && !src.endsWith('README.md') });
    for (const ex of exercises) {
      const target = join(student, ex.id, ex.entry);
      const r = rand();
      if (r < 0.55 && ex.correct.length) {
        await writeFile(target, await readFile(pick(ex.correct)));
        mix.correct++;
      } else if (r < 0.8 && ex.buggy.length) {
        await writeFile(target, await readFile(pick(ex.buggy)));
        mix.buggy++;
      } else if (r < 0.92) {
        mix.stub++;
      } else {
        await rm(join(student, ex.id), { recursive: true, force: true });
        mix.missing++;
      }
    }
    if (s % 25 === 12) {
      const kind = hostileKinds[Math.floor(s / 25) % hostileKinds.length]!;
      const h = HOSTILE[kind]!;
      await mkdir(join(student, h.exercise, 'src'), { recursive: true });
      await writeFile(join(student, h.exercise, h.file), h.text);
      mix.hostile[kind] = (mix.hostile[kind] ?? 0) + 1;
      mix.hostileStudents.push(`student-${String(s + 1).padStart(3, '0')}`);
    }
  }
  return mix;
}

export interface BatchRun {
  workers: number; wallMs: number;
  /** User + system CPU time of the whole process tree. */
  cpuMs: number;
  /** 1-minute load average when the run ended: above the core count, other work shared the machine. */
  loadAtEnd: number;
  graded: number; failed: number; medianStudentMs: number; maxStudentMs: number; exitCode: number;
  /** Students not handed a hostile file whose report still has a timed-out check: a sign the machine was too busy. */
  spuriousTimeouts: number;
}

/**
 * Runs the real command, as an instructor would, and times it from spawn to exit. A shell runs it and then
 * prints `times`: the CPU time of the whole process tree (CLI, grading workers, their sandboxes), which a busy
 * machine inflates far less than wall time.
 */
async function runBatch(dir: string, out: string, workers: number, extra: string[], hostile: string[]): Promise<BatchRun> {
  const started = performance.now();
  const command = [process.execPath, '--no-warnings', join(ROOT, 'scripts/gatecheck.mjs'),
    'batch', dir, '--out', out, '--workers', String(workers), '--no-cache', ...extra];
  let stdout = '';
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn('bash', ['-c', '"$@" >/dev/null; rc=$?; times; exit $rc', 'bench', ...command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CI: '1' } });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => { stdout += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
  const wallMs = performance.now() - started;
  // `times` prints the shell's own user/sys, then its children's: `0m12.345s 0m1.234s`.
  const seconds = (t: string) => { const m = /^(\d+)m([\d.]+)s$/.exec(t); return m ? Number(m[1]) * 60 + Number(m[2]) : NaN; };
  const childTimes = stdout.trim().split('\n').at(-1)?.trim().split(/\s+/) ?? [];
  const cpuMs = (seconds(childTimes[0] ?? '') + seconds(childTimes[1] ?? '')) * 1000;
  const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as {
    grading: Record<string, { status: string; durationMs: number }>;
    students: Record<string, { exercises: { checks: { status: string }[] }[] }>;
  };
  const spuriousTimeouts = Object.entries(results.students).filter(([id, r]) =>
    !hostile.includes(id) && r.exercises.some((e) => e.checks.some((c) => c.status === 'timeout'))).length;
  const rows = Object.values(results.grading);
  const times = rows.map((r) => r.durationMs).sort((a, b) => a - b);
  return {
    workers, wallMs, cpuMs, exitCode, spuriousTimeouts, loadAtEnd: loadavg()[0] ?? 0,
    graded: rows.filter((r) => r.status === 'graded').length,
    failed: rows.filter((r) => r.status !== 'graded').length,
    medianStudentMs: times[Math.floor(times.length / 2)] ?? 0,
    maxStudentMs: times.at(-1) ?? 0,
  };
}

const seconds1 = (ms: number): string => (ms / 1000).toFixed(1);

/** `median [min–max]` of `xs` in seconds, or the one value when there is one. */
function spread(xs: readonly number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 1 ? `${seconds1(sorted[0]!)} s` : `${seconds1(median(sorted))} s [${seconds1(sorted[0]!)}–${seconds1(sorted.at(-1)!)}]`;
}

/**
 * The `## Batch` table and goal line for the runs so far: one row per worker count with the median and range of
 * its runs (the VM this runs on changes speed by 10–15% between runs a few minutes apart, so one run says little),
 * the goal judged on the median with 2 workers (or the last worker count run).
 */
export function summarize(runs: readonly BatchRun[], students: number): { table: string[]; order: string; goal: string } {
  const counts = [...new Set(runs.map((r) => r.workers))];
  const of = (w: number) => runs.filter((r) => r.workers === w);
  const medianWall = (w: number) => median(of(w).map((r) => r.wallMs));
  const table = counts.map((w) => {
    const rs = of(w);
    const distinct = (xs: string[]) => [...new Set(xs)].join(', ');
    const speedUp = counts.includes(1) ? `${(medianWall(1) / medianWall(w)).toFixed(2)}×` : '–';
    return `| ${w} | ${rs.length} | ${spread(rs.map((r) => r.wallMs))} | ${spread(rs.map((r) => r.cpuMs))} | ${speedUp} | ` +
      `${distinct(rs.map((r) => `${r.graded} / ${r.failed}`))} | ${(median(rs.map((r) => r.medianStudentMs)) / 1000).toFixed(2)} s | ` +
      `${seconds1(Math.max(...rs.map((r) => r.maxStudentMs)))} s | ${Math.max(...rs.map((r) => r.spuriousTimeouts))} | ` +
      `${Math.max(...rs.map((r) => r.loadAtEnd)).toFixed(1)} | ${distinct(rs.map((r) => String(r.exitCode)))} |`;
  });
  const order = runs.map((r) => `${r.workers} worker${r.workers === 1 ? '' : 's'} ${seconds1(r.wallMs)} s`).join(', ');
  const w = counts.includes(2) ? 2 : counts.at(-1)!;
  const wall = medianWall(w);
  const within = of(w).filter((r) => r.wallMs <= 60_000).length;
  const goal = `Goal: ${students === 200 ? '200 submissions' : `${students} submissions (goal is stated for 200)`} in 60 s or less on 2 cores — ` +
    `${wall <= 60_000 ? 'met' : 'NOT met'} by the median (${seconds1(wall)} s with ${w} worker${w === 1 ? '' : 's'}; ` +
    `${within} of ${of(w).length} run${of(w).length === 1 ? '' : 's'} within 60 s).`;
  return { table, order, goal };
}

export async function run(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: {
      students: { type: 'string' }, workers: { type: 'string' }, runs: { type: 'string' }, repeat: { type: 'string' },
      'no-write': { type: 'boolean' }, keep: { type: 'boolean' }, help: { type: 'boolean' },
    } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write('usage: pnpm bench batch [--students N] [--workers 1,2] [--repeat N] [--runs N] [--no-write] [--keep]\n' +
      '  --repeat N  runs of each worker count, interleaved (1, 2, 1, 2, ...); the table gives median and range (default 3)\n' +
      '  --runs N    passed on to gatecheck batch (property runs per check)\n');
    return;
  }
  const students = Number(values.students ?? 200);
  const workerCounts = (values.workers ?? '1,2').split(',').map(Number);
  const repeat = Number(values.repeat ?? 3);
  if (!Number.isInteger(students) || students < 1) throw new UsageError('--students must be a whole number >= 1');
  if (workerCounts.some((w) => !Number.isInteger(w) || w < 1)) throw new UsageError('--workers takes a list like 1,2');
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError('--repeat must be a whole number >= 1');
  const extra = values.runs ? ['--runs', values.runs] : [];

  const m = machine();
  const speeds: number[] = [speedCheck()];
  const work = await mkdtemp(join(tmpdir(), 'gatecheck-bench-batch-'));
  try {
    const dir = join(work, 'class');
    await mkdir(dir);
    const mix = await generateClass(dir, students);
    process.stderr.write(`generated ${students} submissions in ${dir}: ${JSON.stringify(mix)}\n`);
    const runs: BatchRun[] = [];
    const section = (): string => {
      const { table, order, goal } = summarize(runs, students);
      return [
        `Machine: ${machineLine(m)}.`,
        `${speedLine(speeds[0]!, speeds.at(-1)!)} (The end is after the last run so far.)`,
        `Command: \`pnpm bench batch --students ${students} --workers ${workerCounts.join(',')} --repeat ${repeat}${values.runs ? ` --runs ${values.runs}` : ''}\` — runs \`pnpm gatecheck batch CLASS --out OUT --workers N --no-cache${values.runs ? ` --runs ${values.runs}` : ''}\` (course defaults otherwise) on a generated class, ${repeat} time${repeat === 1 ? '' : 's'} per worker count, interleaved, and times each run from start to exit; CPU time is user + system time of every process of the run (CLI, workers, sandboxes), from the shell's \`times\`.`,
        '',
        `Class: ${students} submissions built from the handout and the graders' files, per exercise ${mix.correct} correct (reference or variant), ${mix.buggy} known-mistake, ${mix.stub} left as the stub, ${mix.missing} missing; hostile entry files: ${Object.entries(mix.hostile).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}.`,
        '',
        '| workers | runs | wall time, median [min–max] | CPU time (all processes) | speed-up vs 1 (medians) | graded / could not grade | median per student | slowest student | non-hostile students with a timeout | highest load average at end | exit |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...table,
        '',
        `Runs in the order made: ${order}. Per-student times come from results.json (medians over the runs; the slowest of all runs).`,
        '',
        goal,
      ].join('\n');
    };
    for (let k = 0; k < repeat; k++) {
      for (const workers of workerCounts) {
        const out = join(work, `out-${k + 1}-${workers}`);
        const r = await runBatch(dir, out, workers, extra, mix.hostileStudents);
        if (!values.keep) await rm(out, { recursive: true, force: true });
        process.stderr.write(`run ${k + 1}/${repeat}, workers ${workers}: ${seconds1(r.wallMs)} s wall, ${seconds1(r.cpuMs)} s CPU, ${r.graded} graded, ${r.failed} failed, median ${(r.medianStudentMs / 1000).toFixed(2)} s per student, ${r.spuriousTimeouts} non-hostile students with a timeout\n`);
        runs.push(r);
        speeds.push(speedCheck());
        // Written after every run, so an interrupted bench still leaves the runs it made.
        if (!values['no-write']) writeSection('Batch', section());
      }
    }
    process.stdout.write(`${section()}\n`);
  } finally {
    if (!values.keep) await rm(work, { recursive: true, force: true });
    else process.stderr.write(`kept ${work}\n`);
  }
}

// `pnpm bench grading`: how long `gatecheck grade` takes on a complete correct submission (every grader's reference,
// exercises 01–08, course defaults) in a fresh process, split into bundling, sandbox start and checks; the same
// grading again in one process (drawn inputs and reference values kept); and a submission whose every function
// loops forever. Writes the `## Grading` section of BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { courseConfig, gradeSubmission } from '@gatecheck/course';
import { referenceSubmission } from '@gatecheck/grading/testing';
import { writeSection } from '../lib/benchmarks-md.js';
import { machine, machineLine } from '../lib/machine.js';
import { median } from '../lib/timing.js';
import { UsageError } from '../lib/usage-error.js';

export const description = 'grading a complete correct submission (split: bundle, sandbox start, checks) and an all-endless-loop one';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The handout's stubs with every "not implemented" throw replaced by an endless loop. */
function endlessSubmission(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatecheck-endless-'));
  for (const id of readdirSync(join(ROOT, 'exercises'))) {
    cpSync(join(ROOT, 'exercises', id, 'src'), join(dir, id, 'src'), { recursive: true });
    for (const file of readdirSync(join(dir, id, 'src'))) {
      const path = join(dir, id, 'src', file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/throw new Error\((['"`])not implemented[^;]*;/gi, 'for (;;) { /* never returns */ }'));
    }
  }
  return dir;
}

const HELP = `usage: pnpm bench grading [--repeat N] [--no-write]
  --repeat N   fresh \`gatecheck grade\` processes on the correct submission to take the median of (default 3)
  --no-write   print the section but leave BENCHMARKS.md alone`;

export async function run(args: string[]): Promise<void> {
  if (args.includes('--help')) { console.log(HELP); return; }
  let repeat = 3;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '--repeat') repeat = Number(args[++k]);
    else if (args[k] !== '--no-write') throw new UsageError(`unknown option ${args[k]}\n${HELP}`);
  }
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError('--repeat takes a whole number >= 1');
  const m = machine();
  const config = courseConfig();
  const correct = referenceSubmission();
  const endless = endlessSubmission();
  try {
    // Cold: a fresh `gatecheck grade` process each time (no inputs drawn, no references computed, no JIT warm-up),
    // which is what a student or a CI job pays. The split comes from the report's own timings.
    const runs: { wall: number; total: number; bundle: number; start: number; checks: number; score: string }[] = [];
    for (let k = 0; k < repeat; k++) {
      const t0 = performance.now();
      const cli = spawnSync(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', 'grade', '--submission', correct, '--format', 'json'],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const wall = performance.now() - t0;
      if (cli.status !== 0) throw new Error(`gatecheck grade failed: ${cli.stderr.trim().split('\n')[0]}`);
      const report = JSON.parse(cli.stdout) as { score: number; maxScore: number; timings: { bundleMs: number; sandboxStartMs: number; checksMs: number; totalMs: number } };
      const t = report.timings;
      runs.push({ wall, total: t.totalMs, bundle: t.bundleMs, start: t.sandboxStartMs, checks: t.checksMs, score: `${report.score}/${report.maxScore}` });
      console.log(`correct, fresh process #${k + 1}: ${(wall / 1000).toFixed(2)} s wall (grading ${(t.totalMs / 1000).toFixed(2)} s: bundle ${t.bundleMs.toFixed(0)} ms, sandbox start ${t.sandboxStartMs.toFixed(0)} ms, checks ${t.checksMs} ms), ${report.score}/${report.maxScore}`);
    }
    // Warm: the same submission graded again in one process, which keeps drawn inputs and reference values (a batch
    // worker grading a class, the bot's grading process is fresh per push).
    await gradeSubmission(correct);
    const w0 = performance.now();
    const warm = await gradeSubmission(correct);
    const warmWall = performance.now() - w0;
    console.log(`correct, again in the same process: ${(warmWall / 1000).toFixed(2)} s`);
    const e0 = performance.now();
    const endlessReport = await gradeSubmission(endless);
    const endlessWall = performance.now() - e0;
    const statuses = endlessReport.exercises.flatMap((e) => e.checks.map((c) => c.status));
    const timeouts = statuses.filter((s) => s === 'timeout').length;
    console.log(`endless: ${(endlessWall / 1000).toFixed(2)} s, ${timeouts} of ${statuses.length} checks timed out, score ${endlessReport.score}/${endlessReport.maxScore}`);

    const med = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f));
    const range = (f: (r: (typeof runs)[number]) => number) => `${(Math.min(...runs.map(f)) / 1000).toFixed(2)}–${(Math.max(...runs.map(f)) / 1000).toFixed(2)}`;
    const wt = warm.timings!;
    const body = [
      `Machine: ${machineLine(m)}. Command: \`npx -y pnpm@12.4.2 bench grading\`.`,
      '',
      `Course defaults: ${config.numRuns} generated cases per correctness check, per-call limit ${config.limits.timeoutMs} ms, seed ${config.seed}.`,
      `Correct submission = every grader's reference solution (01–08). Cold = a fresh \`gatecheck grade --format json\` process, ${repeat} times, medians [min–max]; the split comes from the report's timings (grading = from \`gradeSubmission\`'s start to its report, without Node's start-up and module loading).`,
      '',
      '| submission | wall | grading | bundle | sandbox start | checks | result |',
      '|---|---:|---:|---:|---:|---:|---|',
      `| complete, correct — cold (\`gatecheck grade\` process) | ${(med((r) => r.wall) / 1000).toFixed(2)} s [${range((r) => r.wall)}] | ${(med((r) => r.total) / 1000).toFixed(2)} s [${range((r) => r.total)}] | ${med((r) => r.bundle).toFixed(0)} ms | ${med((r) => r.start).toFixed(0)} ms | ${(med((r) => r.checks) / 1000).toFixed(2)} s | ${runs[0]!.score}, exit 0 |`,
      `| complete, correct — again in the same process (inputs and references kept) | ${(warmWall / 1000).toFixed(2)} s | ${(wt.totalMs / 1000).toFixed(2)} s | ${wt.bundleMs.toFixed(0)} ms | ${wt.sandboxStartMs.toFixed(0)} ms | ${(wt.checksMs / 1000).toFixed(2)} s | ${warm.score}/${warm.maxScore} |`,
      `| every function loops forever | ${(endlessWall / 1000).toFixed(2)} s | | | | | ${timeouts}/${statuses.length} checks timeout, ${endlessReport.score}/${endlessReport.maxScore} |`,
      '',
      `Goals (issue 3): correct ≤ 3 s wall — ${med((r) => r.wall) <= 3000 ? 'met' : 'NOT met'} for a fresh \`gatecheck grade\` process (${(med((r) => r.wall) / 1000).toFixed(2)} s), ${med((r) => r.total) <= 3000 ? 'met' : 'NOT met'} for the grading itself (${(med((r) => r.total) / 1000).toFixed(2)} s); endless ≤ 30 s — ${endlessWall <= 30_000 ? 'met' : 'NOT met'}.`,
      m.load1 > 1.5 ? `Note: the load average was ${m.load1.toFixed(2)} at the start, so these times are inflated by other work on the machine.` : '',
    ].join('\n');
    if (args.includes('--no-write')) console.log(body);
    else writeSection('Grading', body);
  } finally {
    rmSync(correct, { recursive: true, force: true });
    rmSync(endless, { recursive: true, force: true });
  }
}

// `pnpm bench grading`: how long `gatecheck grade` takes on a complete correct submission (every grader's reference,
// exercises 01–08, course defaults), split into bundling, sandbox start and checks; and on a submission whose every
// function loops forever. Writes the `## Grading` section of BENCHMARKS.md.
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
  --repeat N   gradings of the correct submission to take the median of (default 3)
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
    const runs: { wall: number; bundle: number; start: number; checks: number; score: string }[] = [];
    for (let k = 0; k < repeat; k++) {
      const t0 = performance.now();
      const report = await gradeSubmission(correct);
      const wall = performance.now() - t0;
      const t = report.timings!;
      runs.push({ wall, bundle: t.bundleMs, start: t.sandboxStartMs, checks: t.checksMs, score: `${report.score}/${report.maxScore}` });
      console.log(`correct #${k + 1}: ${(wall / 1000).toFixed(2)} s (bundle ${t.bundleMs.toFixed(0)} ms, sandbox start ${t.sandboxStartMs.toFixed(0)} ms, checks ${t.checksMs.toFixed(0)} ms), score ${report.score}/${report.maxScore}`);
    }
    const cliStart = performance.now();
    const cli = spawnSync(process.execPath, ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', 'grade', '--submission', correct, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const cliWall = performance.now() - cliStart;
    if (cli.status !== 0) throw new Error(`gatecheck grade failed: ${cli.stderr.trim().split('\n')[0]}`);
    console.log(`correct via the CLI process: ${(cliWall / 1000).toFixed(2)} s`);
    const e0 = performance.now();
    const endlessReport = await gradeSubmission(endless);
    const endlessWall = performance.now() - e0;
    const statuses = endlessReport.exercises.flatMap((e) => e.checks.map((c) => c.status));
    const timeouts = statuses.filter((s) => s === 'timeout').length;
    console.log(`endless: ${(endlessWall / 1000).toFixed(2)} s, ${timeouts} of ${statuses.length} checks timed out, score ${endlessReport.score}/${endlessReport.maxScore}`);

    const med = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f));
    const range = (f: (r: (typeof runs)[number]) => number) => `${(Math.min(...runs.map(f)) / 1000).toFixed(2)}–${(Math.max(...runs.map(f)) / 1000).toFixed(2)}`;
    const body = [
      `Machine: ${machineLine(m)}. Command: \`npx -y pnpm@12.4.2 bench grading\`.`,
      '',
      `Course defaults: ${config.numRuns} generated cases per correctness check, per-call limit ${config.limits.timeoutMs} ms, seed ${config.seed}.`,
      `Correct submission = every grader's reference solution (01–08), graded ${repeat} times in one process; medians [min–max].`,
      '',
      '| submission | wall | bundle | sandbox start | checks | result |',
      '|---|---:|---:|---:|---:|---|',
      `| complete, correct (in process) | ${(med((r) => r.wall) / 1000).toFixed(2)} s [${range((r) => r.wall)}] | ${med((r) => r.bundle).toFixed(0)} ms | ${med((r) => r.start).toFixed(0)} ms | ${(med((r) => r.checks) / 1000).toFixed(2)} s | ${runs[0]!.score} |`,
      `| complete, correct (\`gatecheck grade\` process, incl. start-up) | ${(cliWall / 1000).toFixed(2)} s | | | | exit 0 |`,
      `| every function loops forever | ${(endlessWall / 1000).toFixed(2)} s | | | | ${timeouts}/${statuses.length} checks timeout, ${endlessReport.score}/${endlessReport.maxScore} |`,
      '',
      `Goals (issue 3): correct ≤ 3 s wall — ${med((r) => r.wall) <= 3000 ? 'met' : 'NOT met'} in process${cliWall <= 3000 ? ', met' : ', NOT met'} through the CLI; endless ≤ 30 s — ${endlessWall <= 30_000 ? 'met' : 'NOT met'}.`,
      m.load1 > 1.5 ? `Note: the load average was ${m.load1.toFixed(2)} at the start, so these times are inflated by other work on the machine.` : '',
    ].join('\n');
    if (args.includes('--no-write')) console.log(body);
    else writeSection('Grading', body);
  } finally {
    rmSync(correct, { recursive: true, force: true });
    rmSync(endless, { recursive: true, force: true });
  }
}

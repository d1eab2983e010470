// `gatecheck batch DIR --out OUT`: grade a whole class (grading.md). Every sub-folder of DIR is one student.
import { BatchInputError, createProgressReporter, runBatch } from '@gatecheck/batch';
import { intOption, parseCommandArgs, UsageError, type Command } from '../cli-kit.js';

const help = `usage: gatecheck batch DIR --out OUT [--workers N] [--seed N] [--runs N] [--exercise ID ...] [--no-cache]

Grades every sub-folder of DIR as one student's submission (folder name = student id; files in DIR are
ignored) on a pool of worker processes, and writes:
  OUT/grades.csv    student,<exercise ids...>,total,max,status — plain CSV for Canvas or Moodle
  OUT/results.json  { "schemaVersion": 1, "students": { "<id>": <report> } }
  OUT/report.html   the class report: one self-contained page, open it in any browser

A submission that crashes, runs out of memory or runs past --timeout is recorded with its status and 0
points; the run goes on. Results are cached in OUT/.cache by the hash of each submission's files, the
grading code, the seed and the run count, so running again grades only what changed.

options:
  --out OUT          output folder (created if missing)
  --workers N        grading processes (default: the number of cores)
  --seed N           fast-check seed for every student (default: the course's)
  --runs N           generated cases per check (default: the course's)
  --exercise ID      only this exercise (repeatable), e.g. 02-lstm-gates
  --timeout S        seconds one submission may take before its process is killed (default 300)
  --no-cache         grade every submission again (the cache is refreshed)
`;

export const batch: Command = {
  name: 'batch',
  summary: 'grade every student folder of DIR; write grades.csv, results.json, report.html',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: 'string', short: 'o' },
      workers: { type: 'string', short: 'j' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      exercise: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'no-cache': { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('batch takes one folder of submissions: gatecheck batch DIR --out OUT');
    if (!values.out) throw new UsageError('--out OUT is required (the folder for grades.csv, results.json and report.html)');
    const workers = values.workers === undefined ? undefined : intOption(values.workers, 'workers', 1, 1);
    const seed = values.seed === undefined ? undefined : intOption(values.seed, 'seed', 0, 0);
    const numRuns = values.runs === undefined ? undefined : intOption(values.runs, 'runs', 1, 1);
    const timeoutS = intOption(values.timeout, 'timeout', 300, 1);
    for (const id of values.exercise ?? []) {
      if (!/^\d\d-[a-z0-9-]+$/.test(id)) throw new UsageError(`--exercise takes a folder name like 02-lstm-gates, got "${id}"`);
    }

    const progress = createProgressReporter();
    try {
      const summary = await runBatch({
        dir: positionals[0]!,
        out: values.out,
        ...(workers !== undefined ? { workers } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(numRuns !== undefined ? { numRuns } : {}),
        ...(values.exercise?.length ? { exercises: values.exercise } : {}),
        useCache: !values['no-cache'],
        submissionTimeoutMs: timeoutS * 1000,
        onProgress: (event) => progress.update(event),
      });
      progress.finish();
      const { results, failed, cached, gradedNow, wallMs, files } = summary;
      console.log(`${results.length} students: ${gradedNow} graded, ${cached} unchanged (cached), ${failed} could not be graded — ${(wallMs / 1000).toFixed(1)} s`);
      for (const r of results.filter((x) => x.status !== 'graded')) console.log(`  ${r.student}: ${r.status}: ${r.message ?? ''}`);
      console.log(`wrote ${files.gradesCsv}\n      ${files.resultsJson}\n      ${files.reportHtml}`);
      return 0;
    } catch (error) {
      progress.finish();
      if (error instanceof BatchInputError) throw new UsageError(error.message);
      throw error;
    }
  },
};

// `gatecheck grade`: grade one submission folder and print its report (grading.md). Exit 0 whenever grading
// itself worked, whatever the score; 2 with one line for a usage mistake or an unusable path.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { CourseInputError, gradeSubmission } from '@gatecheck/course';
import { expandPath, formatReport, reportFormats } from '@gatecheck/grading';
import { intOption, parseCommandArgs, UsageError, type Command } from '../cli-kit.js';

const help = () => `usage: gatecheck grade [--submission DIR] [--exercise ID ...] [--format FORMAT] [--seed N] [--runs N]
                      [--check ID --path P] [--out FILE]

Grades a folder shaped like exercises/ with property-based checks and prints the report. Every failed
check shows the shrunk input, the expected and actual values, the largest error, the likely mistake, and
the exact command that replays it.

options:
  --submission DIR   the folder to grade (default: exercises)
  --exercise ID      only this exercise (repeatable), e.g. 02-lstm-gates
  --format FORMAT    ${reportFormats().join(' | ')} (default: text)
  --seed N           the run's seed (default: the course's, in gatecheck.config.json); the same seed gives the same report
  --runs N           generated cases per check (default: the course's)
  --check ID         only this check, e.g. 02-lstm-gates/forgetGate/correctness
  --path P           with --check: fast-check's path to a counterexample (from a report's replay command),
                     plain (3:0:0:0:1) or run-length encoded (3:3x0:1, three times 0)
  --out FILE         write the report to FILE instead of standard output
`;

export const grade: Command = {
  name: 'grade',
  summary: 'grade one submission (default exercises/) and print its report',
  get help() { return help(); },
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      submission: { type: 'string', short: 's' },
      exercise: { type: 'string', multiple: true, short: 'e' },
      format: { type: 'string', short: 'f' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      check: { type: 'string' },
      path: { type: 'string' },
      out: { type: 'string', short: 'o' },
    }, false);
    void positionals;
    const format = values.format ?? 'text';
    if (!reportFormats().includes(format)) throw new UsageError(`unknown --format "${format}" (known: ${reportFormats().join(', ')})`);
    const seed = values.seed === undefined ? undefined : intOption(values.seed, 'seed', 0, 0);
    if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError(`--seed is too large: ${values.seed}`);
    const numRuns = values.runs === undefined ? undefined : intOption(values.runs, 'runs', 1, 1);
    const path = values.path === undefined ? undefined : expandPath(values.path);
    if (path !== undefined && !path.ok) {
      throw new UsageError(`--path takes fast-check's path like 3:0:1 or 3:12x0:1 (copy it from the report's replay command), got "${values.path}": ${path.reason}`);
    }
    const dir = values.submission ?? 'exercises';
    let report;
    try {
      report = await gradeSubmission(dir, {
        ...(seed !== undefined ? { seed } : {}),
        ...(numRuns !== undefined ? { numRuns } : {}),
        ...(values.exercise?.length ? { exercises: values.exercise } : {}),
        ...(values.check !== undefined ? { check: values.check } : {}),
        ...(path !== undefined ? { path: path.path } : {}),
        submissionLabel: dir,
      });
    } catch (error) {
      if (error instanceof CourseInputError) throw new UsageError(error.message);
      throw error;
    }
    const text = formatReport(report, format);
    // The seed goes to stderr so a JSON or Markdown report on stdout stays clean; text shows it in its header too.
    console.error(`gatecheck: graded ${dir} with seed ${report.seed} (replay with --seed ${report.seed})`);
    if (values.out === undefined) {
      process.stdout.write(text);
    } else {
      const tmp = `${values.out}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, text);
        renameSync(tmp, values.out);
      } catch (error) {
        rmSync(tmp, { force: true });
        throw new UsageError(`cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      console.error(`gatecheck: wrote ${values.out}`);
    }
    return 0;
  },
};

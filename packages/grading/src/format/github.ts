// GitHub Actions output: `::error` workflow commands that annotate each failing function's declaration in the
// pull request's diff, and (when the runner provides $GITHUB_STEP_SUMMARY) the Markdown report as the job summary.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { isAbsolute, posix, relative, sep } from 'node:path';
import type { ExerciseReport, GradingReport } from '../report.js';
import { formatMarkdown } from './markdown.js';
import { points, summarizeFunctions } from './summary.js';
import { formatText } from './text.js';

/** Escaping of a command's message, as in @actions/core's `escapeData`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property value (`file=`, `title=`), as in @actions/core's `escapeProperty`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file: string;
  line?: number;
  endLine?: number;
  col?: number;
  title: string;
  message: string;
}

export function workflowCommand(a: Annotation): string {
  const props = [`file=${escapeProperty(a.file)}`];
  if (a.line !== undefined) props.push(`line=${a.line}`);
  if (a.endLine !== undefined) props.push(`endLine=${a.endLine}`);
  if (a.col !== undefined) props.push(`col=${a.col}`);
  props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level} ${props.join(',')}::${escapeData(a.message)}`;
}

/**
 * A report path (`02-lstm-gates/src/lstm-gates.ts`, relative to the submission) as GitHub wants it: relative to
 * the repository root. The submission path is taken as given (`exercises`), or made relative to the workspace.
 */
export function repositoryPath(report: GradingReport, file: string, workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()): string {
  let base = report.submission.split(sep).join('/');
  if (isAbsolute(report.submission)) base = relative(workspace, report.submission).split(sep).join('/');
  return posix.normalize(posix.join(base, file)).replace(/^\.\//, '');
}

/** `02-lstm-gates/src/lstm-gates.ts:3:21: importing "node:fs" is not allowed` → its parts. */
const BUILD_LINE = /^(.+?\.[cm]?[jt]sx?):(\d+):(\d+):\s*(.*)$/;

function exerciseAnnotations(report: GradingReport, exercise: ExerciseReport): Annotation[] {
  if (exercise.status === 'build-error') {
    const lines = (exercise.message ?? '').split('\n').filter((l) => l.trim() !== '');
    const located = lines.map((l) => BUILD_LINE.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    if (located.length === 0) {
      return [{ level: 'error', file: repositoryPath(report, exercise.entry ?? exercise.id), title: `${exercise.id}: build error`, message: exercise.message ?? 'could not be built' }];
    }
    return located.map((m) => ({
      level: 'error', file: repositoryPath(report, m[1]!), line: Number(m[2]), col: Number(m[3]),
      title: `${exercise.id}: build error`, message: m[4]!,
    }));
  }
  if (exercise.status !== 'graded') return [];
  const out: Annotation[] = [];
  for (const fn of summarizeFunctions(exercise)) {
    const failing = fn.checks.filter((c) => c.status !== 'passed' && c.status !== 'not-implemented');
    if (failing.length === 0) continue;
    const span = exercise.functions?.[fn.name];
    const file = repositoryPath(report, span?.file ?? exercise.entry ?? exercise.id);
    const diagnoses = [...new Set(failing.map((c) => c.diagnosis).filter((d): d is string => d !== null))];
    out.push({
      level: 'error', file,
      ...(span ? { line: span.startLine, endLine: span.endLine } : {}),
      title: `${fn.name}: ${points(fn.score, fn.maxScore)}${diagnoses.length ? ` (${diagnoses.join(', ')})` : ''}`,
      message: failing.map((c) => `${c.id} ${c.status}:\n${c.feedback}`).join('\n\n'),
    });
  }
  return out;
}

export function githubAnnotations(report: GradingReport): Annotation[] {
  return report.exercises.flatMap((exercise) => exerciseAnnotations(report, exercise));
}

/**
 * The `--format github` output: the text report (printed between `::stop-commands::` markers, so feedback that
 * quotes student output can never be read as a workflow command), then one annotation per failing function and
 * a notice with the total.
 */
export function formatGithubCommands(report: GradingReport, token = randomBytes(12).toString('hex')): string {
  const lines = [`::stop-commands::${token}`, formatText(report).trimEnd(), `::${token}::`];
  for (const a of githubAnnotations(report)) lines.push(workflowCommand(a));
  lines.push(`::notice title=${escapeProperty('gatecheck score')}::${escapeData(`${points(report.score, report.maxScore)} (seed ${report.seed}). CI grades are feedback; the grading bot's grade is the record.`)}`);
  return `${lines.join('\n')}\n`;
}

/** GitHub refuses a step summary over 1 MiB; past that the summary says it was cut. */
const SUMMARY_LIMIT = 1024 * 1024 - 1024;

/** Appends the Markdown report to the file named by `GITHUB_STEP_SUMMARY`, when there is one. */
export function appendStepSummary(report: GradingReport, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  let markdown = formatMarkdown(report);
  if (Buffer.byteLength(markdown) > SUMMARY_LIMIT) {
    markdown = `${Buffer.from(markdown).subarray(0, SUMMARY_LIMIT).toString('utf8').replace(/\uFFFD*$/, '')}\n\n… (cut: the full report is in the job's JSON artifact)\n`;
  }
  appendFileSync(file, `${markdown}\n`);
  return true;
}

/** The registered `github` formatter: workflow commands on stdout, plus the job summary when the runner asks for one. */
export function formatGithub(report: GradingReport): string {
  appendStepSummary(report);
  return formatGithubCommands(report);
}

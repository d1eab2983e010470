// The terminal report: a summary table, then each failing check's feedback in full.
import type { GradingReport } from '../report.js';
import { failingChecks, points, summarizeFunctions } from './summary.js';

const indent = (text: string, by: string): string => text.split('\n').map((l) => (l === '' ? l : by + l)).join('\n');

export function formatText(report: GradingReport): string {
  const out: string[] = [`gatecheck: ${report.submission} — score ${points(report.score, report.maxScore)} (seed ${report.seed})`, ''];
  const rows: [string, string, string][] = [];
  for (const ex of report.exercises) {
    const status = ex.status === 'graded' ? '' : ex.status === 'not-submitted' ? 'not submitted' : 'build error';
    rows.push([ex.id, points(ex.score, ex.maxScore), status]);
    if (ex.status !== 'graded') continue;
    for (const fn of summarizeFunctions(ex)) rows.push([`  ${fn.name}`, points(fn.score, fn.maxScore), fn.result]);
  }
  const w0 = Math.max(...rows.map((r) => r[0].length), 8);
  const w1 = Math.max(...rows.map((r) => r[1].length), 5);
  for (const [a, b, c] of rows) out.push(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
  out.push(`${'total'.padEnd(w0)}  ${points(report.score, report.maxScore).padStart(w1)}`);
  for (const ex of report.exercises) {
    if (ex.status === 'build-error' && ex.message) out.push('', `${ex.id} could not be built:`, indent(ex.message, '  '));
  }
  const failing = failingChecks(report);
  if (failing.length > 0) {
    out.push('', `${failing.length} failing check${failing.length === 1 ? '' : 's'}:`);
    for (const c of failing) {
      out.push('', `✗ ${c.id} (${points(c.score, c.maxScore)})${c.diagnosis ? ` — ${c.diagnosis}` : ''}`, indent(c.feedback, '    '));
    }
  }
  const notImplemented = report.exercises.flatMap((ex) => ex.status === 'graded'
    ? [...new Set(ex.checks.filter((c) => c.status === 'not-implemented').map((c) => c.function))] : []);
  if (notImplemented.length > 0) out.push('', `Not implemented yet: ${notImplemented.join(', ')}.`);
  return `${out.join('\n')}\n`;
}

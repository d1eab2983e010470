// Markdown for pull-request comments and CI summaries: one table per exercise, failing checks folded below.
import type { GradingReport } from '../report.js';
import { failingChecks, points, summarizeFunctions } from './summary.js';

/** Escapes characters that would break a table cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: GradingReport): string {
  const out: string[] = [`## gatecheck: ${points(report.score, report.maxScore)}`, '',
    `Submission \`${report.submission}\`, seed \`${report.seed}\`.`, ''];
  for (const ex of report.exercises) {
    const status = ex.status === 'graded' ? '' : ex.status === 'not-submitted' ? ' — not submitted' : ' — build error';
    out.push(`### ${ex.id}: ${points(ex.score, ex.maxScore)}${status}`, '');
    if (ex.status === 'build-error' && ex.message) out.push('```', ex.message, '```', '');
    if (ex.status !== 'graded') continue;
    out.push('| function | score | result |', '|---|---:|---|');
    for (const fn of summarizeFunctions(ex)) out.push(`| \`${fn.name}\` | ${points(fn.score, fn.maxScore)} | ${cell(fn.result)} |`);
    out.push('');
  }
  const failing = failingChecks(report);
  if (failing.length > 0) {
    out.push('### Failing checks', '');
    for (const c of failing) {
      // Feedback holds code-like text (inputs, arrays): a fenced block keeps it aligned and unrendered.
      const fence = c.feedback.includes('```') ? '~~~~' : '```';
      out.push(`<details><summary><code>${c.id}</code> ${points(c.score, c.maxScore)}${c.diagnosis ? ` — ${c.diagnosis}` : ''}</summary>`, '',
        fence, c.feedback, fence, '', '</details>', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

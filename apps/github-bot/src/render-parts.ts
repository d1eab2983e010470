// The pieces the PR comment and the check run share: the overview table, one table per exercise with each
// function's result, the failing checks' feedback folded in <details>, the protected-paths note and the replay
// command. Everything here only reads the stored grade.
import type { GradeRecord } from './store.js';
import type { ExerciseView, FunctionView } from './report-view.js';
import { cell, clip, code, fenced, formatScore } from './markdown.js';

const RESULT_LABEL: Record<FunctionView['result'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  'not implemented': '⬜ not implemented',
};

export const scoreText = (score: number, maxScore: number) => `${formatScore(score)}/${formatScore(maxScore)}`;

function exerciseResult(view: ExerciseView): string {
  if (view.status === 'not-submitted') return '⬜ not submitted';
  if (view.status === 'build-error') return '❌ build error';
  const count = (r: FunctionView['result']) => view.functions.filter((f) => f.result === r).length;
  const parts = [`${count('pass')} of ${view.functions.length} pass`];
  if (count('fail') > 0) parts.push(`${count('fail')} fail`);
  if (count('not implemented') > 0) parts.push(`${count('not implemented')} not implemented`);
  const icon = count('pass') === view.functions.length ? '✅' : count('fail') > 0 ? '❌' : '⬜';
  return `${icon} ${parts.join(', ')}`;
}

export function overviewTable(views: ExerciseView[]): string {
  const rows = views.map((v) => `| ${code(v.id)} | ${scoreText(v.score, v.maxScore)} | ${exerciseResult(v)} |`);
  return ['| exercise | score | result |', '|---|---:|---|', ...rows].join('\n');
}

export function exerciseTable(view: ExerciseView): string {
  const heading = `#### ${code(view.id)} · ${scoreText(view.score, view.maxScore)}`;
  if (view.status === 'not-submitted') return `${heading}\nNot submitted: no entry file in ${code(`exercises/${view.id}/`)}.`;
  const lines = [heading];
  if (view.status === 'build-error') lines.push('The exercise did not build, so none of its functions could run.');
  if (view.functions.length > 0) {
    lines.push('| function | result | points |', '|---|---|---:|');
    for (const f of view.functions) lines.push(`| ${code(f.name)} | ${RESULT_LABEL[f.result]} | ${scoreText(f.score, f.maxScore)} |`);
  }
  return lines.join('\n');
}

/**
 * The feedback of every failing check (and build errors), each folded in `<details>`, each clipped to
 * `perItem` characters; `perItem` 0 leaves the feedback out.
 */
export function failureDetails(views: ExerciseView[], perItem: number): string[] {
  const out: string[] = [];
  for (const view of views) {
    if (view.status === 'build-error' && view.message) {
      out.push(details(`❌ <code>${cell(view.id)}</code> · build error`, perItem > 0 ? fenced(clip(view.message, perItem)) : ''));
    }
    for (const f of view.functions) {
      for (const check of f.failures) {
        const kind = check.kind ?? check.id.split('/').slice(-1)[0] ?? 'check';
        const label = [`<code>${cell(f.name)}</code>`, cell(kind), check.status === 'failed' ? null : cell(check.status),
          check.diagnosis ? `likely: <code>${cell(check.diagnosis)}</code>` : null].filter((p) => p !== null).join(' · ');
        const body = perItem > 0 ? fenced(clip(check.feedback || '(no feedback)', perItem)) : '';
        out.push(details(`❌ <code>${cell(view.id)}</code> ${label}`, body));
      }
    }
  }
  return out;
}

// <summary> holds HTML, so its parts arrive escaped with cell() and wrapped in <code>, never in backticks.
function details(summary: string, body: string): string {
  return body === '' ? `- ${summary}` : `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function protectedNote(paths: string[], max = 20): string | null {
  if (paths.length === 0) return null;
  const shown = paths.slice(0, max).map(code).join(', ');
  const more = paths.length > max ? ` and ${paths.length - max} more` : '';
  return [
    '> [!WARNING]',
    `> This pull request also changes files outside ${code('exercises/')}: ${shown}${more}.`,
    '> They were not used: grading always runs the course\'s own graders, kernels and configuration.',
  ].join('\n');
}

export function replayCommand(grade: Pick<GradeRecord, 'seed' | 'numRuns'>): string {
  const words = ['pnpm', 'gatecheck', 'grade', '--submission', 'exercises'];
  if (grade.seed !== null) words.push('--seed', String(grade.seed));
  if (grade.numRuns !== null) words.push('--runs', String(grade.numRuns));
  return words.join(' ');
}

export function replayBlock(grade: Pick<GradeRecord, 'seed' | 'numRuns'>): string {
  return `**Replay locally** from the repository root, on this commit:\n${fenced(replayCommand(grade), 'sh')}`;
}

export function provenanceLine(grade: Pick<GradeRecord, 'headSha' | 'seed' | 'graderVersion' | 'graderCommit' | 'gradedAt'>): string {
  const parts = [`commit ${code(grade.headSha.slice(0, 7))}`];
  if (grade.seed !== null) parts.push(`seed ${code(String(grade.seed))}`);
  parts.push(`grader ${code(grade.graderVersion ?? 'unknown')}${grade.graderCommit ? ` (${code(grade.graderCommit.slice(0, 12))})` : ''}`);
  parts.push(`graded ${grade.gradedAt.replace(/\.\d+Z$/, 'Z')}`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

/** Tries feedback budgets from generous to none until `render` fits in `limit` characters; clips as a last resort. */
export function fitting(render: (perItem: number) => string, limit: number): string {
  for (const perItem of [4000, 1500, 600, 200, 0]) {
    const text = render(perItem);
    if (text.length <= limit) return text;
  }
  return clip(render(0), limit);
}

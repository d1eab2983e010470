// The check run's output (bot.md #6a): the score in the title, the tables in the summary, the feedback in the
// text, and one annotation per failing check on its function's declaration lines, in batches of 50 (GitHub
// appends the annotations of each update to the run).
import type { GradeRecord } from './store.js';
import { viewReport } from './report-view.js';
import { GITHUB_TEXT_LIMIT, clip, code } from './markdown.js';
import { exerciseTable, failureDetails, fitting, overviewTable, protectedNote, replayBlock, scoreText } from './render-parts.js';

export const ANNOTATIONS_PER_REQUEST = 50;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
}

export type Conclusion = 'success' | 'failure' | 'neutral' | 'cancelled';

export interface CheckRunResult {
  conclusion: Conclusion;
  output: CheckRunOutput;
  annotations: Annotation[];
}

export function gradeCheckRun(grade: GradeRecord): CheckRunResult {
  const title = `Score ${scoreText(grade.score, grade.maxScore)}`;
  const protectedText = protectedNote(grade.protectedPaths);
  if (grade.status === 'not-graded' || grade.report === null) {
    return {
      conclusion: 'failure',
      output: {
        title: `Not graded: ${clip(grade.reason ?? 'submission unreadable', 200)}`,
        summary: [`Commit ${code(grade.headSha.slice(0, 7))} was not graded: ${grade.reason ?? 'the submission could not be read'}.`, protectedText]
          .filter((p) => p !== null).join('\n\n'),
      },
      annotations: [],
    };
  }
  const views = viewReport(grade.report);
  const summary = [
    `Total **${scoreText(grade.score, grade.maxScore)}**`,
    overviewTable(views),
    ...views.map(exerciseTable),
    protectedText,
    replayBlock(grade),
  ].filter((p) => p !== null).join('\n\n');
  const text = fitting((perItem) => failureDetails(views, perItem).join('\n'), GITHUB_TEXT_LIMIT);
  const annotations: Annotation[] = [];
  for (const view of views) {
    for (const f of view.functions) {
      if (f.location === null) continue;
      for (const check of f.failures) {
        const kind = check.kind ?? check.id.split('/').slice(-1)[0] ?? 'check';
        annotations.push({
          path: f.location.path,
          start_line: f.location.startLine,
          end_line: Math.max(f.location.startLine, f.location.endLine),
          annotation_level: 'failure',
          title: clip(`${f.name}: ${kind} check ${check.status}${check.diagnosis ? ` (${check.diagnosis})` : ''}`, 255),
          message: clip(check.feedback || `${kind} check ${check.status}`, 4000),
        });
      }
    }
  }
  return {
    conclusion: grade.score >= grade.maxScore && grade.maxScore > 0 ? 'success' : 'failure',
    output: { title, summary: clip(summary, GITHUB_TEXT_LIMIT), ...(text !== '' ? { text } : {}) },
    annotations,
  };
}

export function supersededCheckRun(grade: GradeRecord | null, newerSha: string | null): CheckRunResult {
  const newer = newerSha ? ` (${code(newerSha.slice(0, 7))})` : '';
  if (grade === null) {
    return {
      conclusion: 'cancelled',
      output: { title: 'Superseded by a newer push', summary: `A newer push${newer} arrived while this commit was being graded; only the newest commit is graded.` },
      annotations: [],
    };
  }
  return {
    conclusion: 'neutral',
    output: {
      title: `Superseded (this commit: ${scoreText(grade.score, grade.maxScore)})`,
      summary: `A newer push${newer} arrived before this result was posted, so it is not the pull request's grade. This commit scored ${scoreText(grade.score, grade.maxScore)}.`,
    },
    annotations: [],
  };
}

export function failedCheckRun(error: string): CheckRunResult {
  return {
    conclusion: 'failure',
    output: { title: 'Grading failed', summary: `The grading server could not grade this commit (not a problem in the submission):\n\n${clip(error, 2000)}` },
    annotations: [],
  };
}

export function notGradedCheckRun(reason: string): CheckRunResult {
  return { conclusion: 'neutral', output: { title: 'Not graded', summary: clip(reason, 2000) }, annotations: [] };
}

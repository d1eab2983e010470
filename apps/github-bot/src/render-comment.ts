// The PR comment (bot.md #6b): marked with <!-- gatecheck -->, the total as X/Y, a table per exercise and
// function, failing checks' feedback folded away, the protected paths the PR touched, the seed and the command
// that replays the grading, the grader's version and commit. Always within GitHub's 65,535 characters.
import type { GradeRecord } from './store.js';
import { viewReport } from './report-view.js';
import { GITHUB_TEXT_LIMIT, code, fenced } from './markdown.js';
import { exerciseTable, failureDetails, fitting, overviewTable, protectedNote, provenanceLine, replayBlock, scoreText } from './render-parts.js';

export const COMMENT_MARKER = '<!-- gatecheck -->';

export function renderGradeComment(grade: GradeRecord): string {
  const protectedText = protectedNote(grade.protectedPaths);
  if (grade.status === 'not-graded' || grade.report === null) {
    return [
      COMMENT_MARKER,
      `### gatecheck: not graded (${scoreText(grade.score, grade.maxScore)})`,
      `Commit ${code(grade.headSha.slice(0, 7))} was not graded: ${grade.reason ?? 'the submission could not be read'}.`,
      'Limits: at most 1 MB per file, 500 files and 10 MB in all under `exercises/`. Remove what is not needed and push again.',
      protectedText,
      provenanceLine(grade),
    ].filter((p) => p !== null).join('\n\n');
  }
  const views = viewReport(grade.report);
  return fitting((perItem) => {
    const failures = failureDetails(views, perItem);
    return [
      COMMENT_MARKER,
      `### gatecheck: ${scoreText(grade.score, grade.maxScore)}`,
      `Total **${scoreText(grade.score, grade.maxScore)}** for commit ${code(grade.headSha.slice(0, 7))}.`,
      overviewTable(views),
      ...views.map(exerciseTable),
      failures.length > 0
        ? `#### Failing checks\n${perItem === 0 ? '_Feedback left out to fit GitHub\'s size limit; replay locally to see it._\n' : ''}\n${failures.join('\n')}`
        : null,
      protectedText,
      replayBlock(grade),
      provenanceLine(grade),
    ].filter((p) => p !== null).join('\n\n');
  }, GITHUB_TEXT_LIMIT);
}

/** The comment when the latest commit could not be graded for a reason that is not the student's. */
export function renderFailureComment(headSha: string, error: string): string {
  return [
    COMMENT_MARKER,
    '### gatecheck: grading failed',
    `Commit ${code(headSha.slice(0, 7))} could not be graded because of a problem on the grading server, not in your code:`,
    fenced(error.slice(0, 2000)),
    'Re-run the `gatecheck` check or push again; if it keeps failing, tell the course staff.',
  ].join('\n\n');
}

// OUT/grades.csv: one row per student for an LMS gradebook import (Canvas, Moodle): plain RFC 4180 CSV.
import type { StudentResult } from './types.js';

/** Quotes a field when it holds a comma, quote or line break (RFC 4180), doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) get a leading
 * apostrophe, so a folder name or an error message cannot execute when the file is opened in Excel or Sheets.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Scores without floating-point noise (0.1 + 0.2 prints as 0.3), at most three decimals. */
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return '0';
  return String(Math.round(value * 1000) / 1000);
}

/** Exercise columns: every exercise any report names, in course order (their ids sort by number). */
export function exerciseColumns(results: StudentResult[], fallback: string[] = []): string[] {
  const ids = new Set<string>(fallback);
  for (const r of results) for (const e of r.report.exercises) ids.add(e.id);
  return [...ids].sort();
}

/**
 * `student,<exercise ids...>,total,max,status`. A student who could not be graded still gets a row, with 0 for
 * every score and the status saying why (`crashed: ...`, `timeout: ...`); `max` is then the class's usual maximum.
 */
export function renderGradesCsv(results: StudentResult[], exerciseIds: string[]): string {
  const maxima = results.filter((r) => r.status === 'graded').map((r) => r.report.maxScore);
  const usualMax = mode(maxima) ?? 0;
  const lines = [['student', ...exerciseIds, 'total', 'max', 'status'].map(csvField).join(',')];
  for (const r of results) {
    const byId = new Map(r.report.exercises.map((e) => [e.id, e]));
    const graded = r.status === 'graded';
    const cells = [
      safeText(r.student),
      ...exerciseIds.map((id) => formatScore(graded ? byId.get(id)?.score ?? 0 : 0)),
      formatScore(graded ? r.report.score : 0),
      formatScore(graded ? r.report.maxScore : usualMax),
      safeText(graded ? 'graded' : `${r.status}: ${r.message ?? ''}`.replace(/\s+/g, ' ').trim()),
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (best === undefined || c > counts.get(best)!) best = v;
  }
  return best;
}

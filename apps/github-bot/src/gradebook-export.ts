// `gatecheck gradebook export`: every student's latest grade, as CSV for a spreadsheet or JSON for scripts.
// A student is an author in a repository; their latest grade is the one of their most recent push.
import { existsSync } from 'node:fs';
import { Store, type GradeRecord } from './store.js';

export type GradebookFormat = 'csv' | 'json';

/** One CSV field, quoted when needed (RFC 4180); a leading =+-@ is defused so spreadsheets do not run it. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function gradebookCsv(grades: GradeRecord[]): string {
  const exerciseIds = [...new Set(grades.flatMap((g) => g.exercises.map((e) => e.id)))].sort();
  const head = ['repository', 'pr', 'student', 'head_sha', 'status', ...exerciseIds, 'total', 'max', 'seed', 'grader_version', 'grader_commit', 'graded_at'];
  const rows = grades.map((g) => {
    const byId = new Map(g.exercises.map((e) => [e.id, e.score]));
    const status = g.status === 'graded' ? 'graded' : `not graded: ${g.reason ?? ''}`;
    return [g.repository, g.prNumber, g.author, g.headSha, status, ...exerciseIds.map((id) => byId.get(id) ?? null),
      g.score, g.maxScore, g.seed, g.graderVersion, g.graderCommit, g.gradedAt].map(csvField).join(',');
  });
  return [head.join(','), ...rows].join('\n') + '\n';
}

export function gradebookJson(grades: GradeRecord[]): string {
  return JSON.stringify({
    schemaVersion: 1,
    grades: grades.map((g) => ({
      repository: g.repository,
      pullRequest: g.prNumber,
      student: g.author,
      headSha: g.headSha,
      status: g.status,
      reason: g.reason,
      score: g.score,
      maxScore: g.maxScore,
      exercises: Object.fromEntries(g.exercises.map((e) => [e.id, { status: e.status, score: e.score, maxScore: e.maxScore }])),
      seed: g.seed,
      numRuns: g.numRuns,
      graderVersion: g.graderVersion,
      graderCommit: g.graderCommit,
      gradedAt: g.gradedAt,
      protectedPaths: g.protectedPaths,
    })),
  }, null, 2) + '\n';
}

export type ExportResult = { ok: true; text: string } | { ok: false; error: string };

/** Reads the gradebook at `databasePath` (never creating one) and renders every student's latest grade. */
export function exportGradebook(databasePath: string, format: GradebookFormat): ExportResult {
  if (!existsSync(databasePath)) return { ok: false, error: `no gradebook at "${databasePath}" (set --database FILE or DATABASE_PATH)` };
  let store: Store;
  try {
    store = new Store(databasePath, { readonly: true });
  } catch (error) {
    return { ok: false, error: `cannot open "${databasePath}": ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const grades = store.latestGrades();
    return { ok: true, text: format === 'csv' ? gradebookCsv(grades) : gradebookJson(grades) };
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, error: /no such table|not a database/i.test(message) ? `"${databasePath}" is not a gatecheck gradebook` : `cannot read "${databasePath}": ${message.split('\n')[0]}` };
  } finally {
    store.close();
  }
}

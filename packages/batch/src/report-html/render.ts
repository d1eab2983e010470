// OUT/report.html: the class report as one self-contained page. Charts are inline SVG, style and script are
// inline, and a Content-Security-Policy forbids every fetch, so the page works offline and leaks nothing.
import type { CheckReport } from '@gatecheck/grading';
import type { StudentResult } from '../types.js';
import { histogramSvg, misconceptionList, passRateSvg, timesSvg } from './charts.js';
import { classStats, percentOf } from './class-stats.js';
import { escapeHtml as h, jsonForScript } from './escape.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

export interface ReportHtmlOptions {
  /** Exercise ids in column order (as in grades.csv). */
  exerciseIds: string[];
  /** Page title. */
  title?: string;
  /** When the report was made (default: now); fixed in tests for stable output. */
  generatedAt?: Date;
}

/** Longest counterexample text kept per check; the full one is in results.json. */
const COUNTEREXAMPLE_CHARS = 3000;

function counterexampleText(c: CheckReport): string | null {
  if (!c.counterexample) return null;
  const text = JSON.stringify(c.counterexample, null, 1);
  return text.length > COUNTEREXAMPLE_CHARS ? `${text.slice(0, COUNTEREXAMPLE_CHARS)}\n… (cut; the whole value is in results.json)` : text;
}

const fmtScore = (n: number): string => String(Math.round(n * 1000) / 1000);

export function renderReportHtml(results: StudentResult[], options: ReportHtmlOptions): string {
  const stats = classStats(results);
  const title = options.title ?? 'Class report';
  const generated = (options.generatedAt ?? new Date()).toISOString().replace('T', ' ').slice(0, 16);
  const seeds = [...new Set(results.filter((r) => r.status === 'graded').map((r) => r.report.seed))];
  // Cached students keep the time their grading took when it ran, so the mean describes the class either way.
  const times = results.map((r) => r.durationMs);
  const meanTime = times.length ? times.reduce((a, b) => a + b, 0) / times.length / 1000 : null;
  const classMax = Math.max(0, ...stats.misconceptions.flatMap((m) => m.items.map((i) => i.count)));
  const maxScore = results.find((r) => r.status === 'graded')?.report.maxScore ?? 0;

  const pageData = {
    exerciseIds: options.exerciseIds,
    students: results.map((r) => ({
      id: r.student, status: r.status, message: r.message, score: r.report.score, maxScore: r.report.maxScore,
      seed: r.report.seed, durationMs: Math.round(r.durationMs), cached: r.cached,
      exercises: r.report.exercises.map((e) => ({
        id: e.id, status: e.status, message: e.message, score: e.score, maxScore: e.maxScore,
        checks: e.checks.map((c) => ({
          id: c.id, function: c.function, kind: c.kind ?? null, status: c.status, score: c.score, maxScore: c.maxScore,
          feedback: c.feedback, diagnosis: c.diagnosis, counterexample: counterexampleText(c),
        })),
      })),
    })),
  };

  const card = (k: string, v: string, id: string) => `<div class="card" id="${id}"><div class="k">${k}</div><div class="v">${v}</div></div>`;
  const pct = (p: number | null) => (p === null ? '–' : `${p.toFixed(1)}<small> %</small>`);

  const rows = results.map((r) => {
    const p = r.status === 'graded' ? percentOf(r.report) : 0;
    return `<tr data-student="${h(r.student)}" data-score="${r.report.score}" data-percent="${p.toFixed(2)}" data-status="${h(r.status)}" data-time="${Math.round(r.durationMs)}">` +
      `<td>${h(r.student)}</td>` +
      `<td class="num">${fmtScore(r.report.score)} / ${fmtScore(r.report.maxScore)}<span class="pct"><span style="width:${p.toFixed(1)}%"></span></span></td>` +
      `<td><span class="badge ${h(r.status)}">${h(r.status)}</span></td>` +
      `<td class="num">${(r.durationMs / 1000).toFixed(2)} s${r.cached ? ' <span class="muted small">cached</span>' : ''}</td></tr>`;
  }).join('\n');

  const misconceptions = stats.misconceptions.length
    ? `<div class="m-grid">${stats.misconceptions.map((m) => misconceptionList(m.exercise, m.items, classMax)).join('')}</div>`
    : '<p class="empty">No misconception was diagnosed in this class.</p>';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<p>${stats.students} submissions · generated ${h(generated)} UTC · seed ${h(seeds.join(', ') || '–')}</p>
</header>
<main>
<div class="cards">
${card('Students', String(stats.students), 'card-students')}
${card('Graded', `${stats.graded}${stats.cached ? `<small> (${stats.cached} cached)</small>` : ''}`, 'card-graded')}
${card('Could not grade', String(stats.failed), 'card-failed')}
${card('Mean score', pct(stats.meanPercent), 'card-mean')}
${card('Median score', pct(stats.medianPercent), 'card-median')}
${card('Mean grading time', meanTime === null ? '–' : `${meanTime.toFixed(2)}<small> s</small>`, 'card-time')}
</div>
<div class="grid2">
<section class="panel"><h2>Score distribution<span class="hint">students per 10 % band of ${fmtScore(maxScore)} points</span></h2>${histogramSvg(stats.bins)}</section>
<section class="panel"><h2>Grading time per student<span class="hint">slowest first</span></h2>${timesSvg(stats.times)}
<div class="legend"><i style="background:var(--accent)"></i>graded now<i style="background:#9db5e8"></i>from cache<i style="background:var(--poor)"></i>could not grade</div></section>
</div>
<section class="panel"><h2>Pass rate per function<span class="hint">students whose every check of the function passed, of those who submitted the exercise</span></h2>${passRateSvg(stats.passRates)}</section>
<section class="panel"><h2>Most frequent misconceptions<span class="hint">students diagnosed, per exercise, with an example to look at</span></h2>${misconceptions}</section>
<section class="panel" id="students-panel"><h2>Students<span class="hint">click a student for their feedback</span></h2>
<div class="toolbar"><input id="student-filter" type="search" placeholder="Filter students…" aria-label="Filter students"></div>
<div class="students-wrap">
<div class="table-scroll"><table id="students">
<thead><tr><th data-key="student">Student</th><th class="num" data-key="score">Score</th><th data-key="status">Status</th><th class="num" data-key="time">Time</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<div id="detail" class="panel"><p class="placeholder">Select a student to see their feedback.</p></div>
</div>
</section>
</main>
<script type="application/json" id="report-data">${jsonForScript(pageData)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

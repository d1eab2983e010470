// The report's charts as inline SVG, drawn here rather than in the browser so the page needs no script to show
// its data and every value is readable from the DOM (`data-*` attributes), which the browser test relies on.
import type { ClassStats, FunctionPassRate, MisconceptionCount, ScoreBin } from './class-stats.js';
import { escapeHtml as h } from './escape.js';

const fmt = (n: number, digits = 0): string => n.toFixed(digits);

/** Score distribution: ten bars of ten percent each, counts on top. */
export function histogramSvg(bins: ScoreBin[]): string {
  const width = 560, height = 240, left = 36, bottom = 34, top = 18, right = 8;
  const plotW = width - left - right, plotH = height - top - bottom;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const barW = plotW / bins.length;
  const ticks = niceTicks(max, true);
  const grid = ticks.map((t) => {
    const y = top + plotH - (t / ticks.at(-1)!) * plotH;
    return `<line class="grid" x1="${left}" x2="${width - right}" y1="${fmt(y, 1)}" y2="${fmt(y, 1)}"/>` +
      `<text class="axis" x="${left - 6}" y="${fmt(y + 4, 1)}" text-anchor="end">${t}</text>`;
  }).join('');
  const bars = bins.map((b, i) => {
    const barH = (b.count / ticks.at(-1)!) * plotH;
    const x = left + i * barW + 3, y = top + plotH - barH;
    const label = b.to === 100 ? `${b.from}–100%` : `${b.from}–${b.to}%`;
    return `<g class="bin" data-from="${b.from}" data-to="${b.to}" data-count="${b.count}">` +
      `<title>${label}: ${b.count} student${b.count === 1 ? '' : 's'}</title>` +
      `<rect class="bar" x="${fmt(x, 1)}" y="${fmt(y, 1)}" width="${fmt(barW - 6, 1)}" height="${fmt(barH, 1)}" rx="2"/>` +
      (b.count > 0 ? `<text class="value" x="${fmt(x + (barW - 6) / 2, 1)}" y="${fmt(y - 4, 1)}" text-anchor="middle">${b.count}</text>` : '') +
      `<text class="axis" x="${fmt(x + (barW - 6) / 2, 1)}" y="${height - bottom + 16}" text-anchor="middle">${b.from}</text>` +
      `</g>`;
  }).join('');
  return `<svg id="chart-distribution" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Score distribution">` +
    `${grid}${bars}<text class="axis" x="${width - right}" y="${height - 4}" text-anchor="end">score, % of maximum</text></svg>`;
}

/** Pass rate per function: one horizontal bar per function, grouped under its exercise. */
export function passRateSvg(rates: FunctionPassRate[]): string {
  if (rates.length === 0) return '<p class="empty">No graded exercise yet.</p>';
  const rowH = 22, groupGap = 26, labelW = 170, barMax = 520, width = labelW + barMax + 110;
  let y = 6;
  let current = '';
  const parts: string[] = [];
  for (const r of rates) {
    if (r.exercise !== current) {
      current = r.exercise;
      y += parts.length ? groupGap - 8 : 8;
      parts.push(`<text class="group" x="0" y="${y + 4}">${h(r.exercise)}</text>`);
      y += 10;
    }
    const rate = r.attempted ? r.passed / r.attempted : 0;
    const tone = rate >= 0.8 ? 'good' : rate >= 0.5 ? 'fair' : 'poor';
    parts.push(
      `<g class="pass-rate" data-exercise="${h(r.exercise)}" data-function="${h(r.function)}" data-passed="${r.passed}" data-attempted="${r.attempted}" data-rate="${rate.toFixed(4)}">` +
      `<title>${h(r.exercise)} / ${h(r.function)}: ${r.passed} of ${r.attempted} passed</title>` +
      `<text class="label" x="${labelW - 10}" y="${y + 15}" text-anchor="end">${h(r.function)}</text>` +
      `<rect class="track" x="${labelW}" y="${y + 4}" width="${barMax}" height="14" rx="3"/>` +
      `<rect class="fill ${tone}" x="${labelW}" y="${y + 4}" width="${fmt(rate * barMax, 1)}" height="14" rx="3"/>` +
      `<text class="value" x="${labelW + barMax + 8}" y="${y + 15}">${fmt(rate * 100)}% <tspan class="muted">(${r.passed}/${r.attempted})</tspan></text>` +
      `</g>`,
    );
    y += rowH;
  }
  return `<svg id="chart-pass-rate" class="chart" style="max-width:${width * 1.2}px" viewBox="0 0 ${width} ${y + 6}" role="img" aria-label="Pass rate per function">${parts.join('')}</svg>`;
}

/** One exercise's misconceptions: bars scaled to the most frequent one in the class, with an example student. */
export function misconceptionList(exercise: string, items: MisconceptionCount[], classMax: number, limit = 5): string {
  const rows = items.slice(0, limit).map((m) => {
    const width = classMax > 0 ? (100 * m.count) / classMax : 0;
    return `<li class="misconception" data-exercise="${h(exercise)}" data-id="${h(m.id)}" data-count="${m.count}" data-example="${h(m.example)}">` +
      `<div class="m-head"><code>${h(m.id)}</code><span class="m-count">${m.count} student${m.count === 1 ? '' : 's'}</span></div>` +
      `<div class="m-bar"><span style="width:${width.toFixed(1)}%"></span></div>` +
      `<div class="m-foot">in ${m.functions.map((f) => `<code>${h(f)}</code>`).join(', ')} · e.g. ` +
      `<a href="#student=${encodeURIComponent(m.example)}" class="student-link" data-student="${h(m.example)}">${h(m.example)}</a></div></li>`;
  }).join('');
  const more = items.length > limit ? `<p class="muted small">and ${items.length - limit} more</p>` : '';
  return `<section class="m-card"><h3>${h(exercise)}</h3><ol>${rows}</ol>${more}</section>`;
}

/** Grading time per student, slowest first, so outliers (endless loops, huge inputs) stand out on the left. */
export function timesSvg(times: ClassStats['times']): string {
  if (times.length === 0) return '<p class="empty">No students.</p>';
  const width = 560, height = 240, left = 44, bottom = 30, top = 14, right = 8;
  const plotW = width - left - right, plotH = height - top - bottom;
  const sorted = [...times].sort((a, b) => b.ms - a.ms);
  const maxS = Math.max(0.001, sorted[0]!.ms / 1000);
  const ticks = niceTicks(maxS);
  const scale = ticks.at(-1)!;
  const step = plotW / sorted.length;
  const gap = step > 4 ? 1 : 0;
  const grid = ticks.map((t) => {
    const y = top + plotH - (t / scale) * plotH;
    return `<line class="grid" x1="${left}" x2="${width - right}" y1="${fmt(y, 1)}" y2="${fmt(y, 1)}"/>` +
      `<text class="axis" x="${left - 6}" y="${fmt(y + 4, 1)}" text-anchor="end">${t}s</text>`;
  }).join('');
  const bars = sorted.map((t, i) => {
    const barH = Math.max(1, (t.ms / 1000 / scale) * plotH);
    const cls = t.status !== 'graded' ? 'bar failed' : t.cached ? 'bar cached' : 'bar';
    return `<rect class="${cls} time" data-student="${h(t.student)}" data-ms="${Math.round(t.ms)}" x="${fmt(left + i * step, 2)}" y="${fmt(top + plotH - barH, 1)}" ` +
      `width="${fmt(Math.max(0.6, step - gap), 2)}" height="${fmt(barH, 1)}"><title>${h(t.student)}: ${(t.ms / 1000).toFixed(2)} s${t.cached ? ' (cached)' : ''}${t.status !== 'graded' ? ` (${t.status})` : ''}</title></rect>`;
  }).join('');
  return `<svg id="chart-times" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Grading time per student">` +
    `${grid}${bars}<text class="axis" x="${width - right}" y="${height - 8}" text-anchor="end">students, slowest first</text></svg>`;
}

/** Round axis ticks (1, 2, 5 × 10^k) covering 0..max. */
export function niceTicks(max: number, integer = false): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const step = integer ? Math.max(1, Math.round(nice)) : nice;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(6)));
  if (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(6)));
  return ticks;
}

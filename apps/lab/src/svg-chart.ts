// Self-contained SVG line charts for the lab's figures: several series, optional shaded band (e.g. min–max over
// seeds), linear or log-10 y axis, ticks, labels and a legend. No dependencies, so figures open anywhere.

export interface Series {
  label: string;
  x: number[];
  y: number[];
  /** Optional band around y (same length as x), e.g. the spread over seeds. */
  lower?: number[];
  upper?: number[];
  color?: string;
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  logY?: boolean;
  yMin?: number;
  yMax?: number;
  width?: number;
  height?: number;
  /** A horizontal reference line, e.g. chance level. */
  reference?: { y: number; label: string };
}

const PALETTE = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const formatTick = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(0) : String(Number(v.toPrecision(4))));

export function lineChart(options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const m = { left: 70, right: 170, top: 40, bottom: 55 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const ty = (v: number) => (options.logY ? Math.log10(Math.max(v, Number.MIN_VALUE)) : v);

  const xs = options.series.flatMap((s) => s.x);
  const ys = options.series.flatMap((s) => [...s.y, ...(s.lower ?? []), ...(s.upper ?? [])]).filter((v) => Number.isFinite(ty(v)) && (!options.logY || v > 0));
  if (options.reference) ys.push(options.reference.y);
  const xMin = Math.min(...xs), xMax = Math.max(...xs);
  let yLo = options.yMin !== undefined ? ty(options.yMin) : Math.min(...ys.map(ty));
  let yHi = options.yMax !== undefined ? ty(options.yMax) : Math.max(...ys.map(ty));
  if (!Number.isFinite(yLo) || !Number.isFinite(yHi)) { yLo = 0; yHi = 1; }
  if (yHi === yLo) { yLo -= 0.5; yHi += 0.5; }
  const sx = (v: number) => m.left + (xMax === xMin ? plotW / 2 : ((v - xMin) / (xMax - xMin)) * plotW);
  const sy = (v: number) => m.top + plotH - ((Math.min(Math.max(ty(v), yLo), yHi) - yLo) / (yHi - yLo)) * plotH;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="${m.left + plotW / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`);
  const yTicks = options.logY
    ? Array.from({ length: Math.floor(yHi) - Math.ceil(yLo) + 1 }, (_, k) => Math.ceil(yLo) + k)
    : niceTicks(yLo, yHi);
  for (const t of yTicks) {
    const y = m.top + plotH - ((t - yLo) / (yHi - yLo)) * plotH;
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.left - 6}" y="${y + 4}" text-anchor="end">${options.logY ? `1e${t}` : formatTick(t)}</text>`);
  }
  for (const t of niceTicks(xMin, xMax)) {
    const x = sx(t);
    parts.push(`<line x1="${x}" x2="${x}" y1="${m.top + plotH}" y2="${m.top + plotH + 5}" stroke="#333"/>`);
    parts.push(`<text x="${x}" y="${m.top + plotH + 18}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${m.left + plotW / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`);
  if (options.reference) {
    const y = sy(options.reference.y);
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${y}" y2="${y}" stroke="#777" stroke-dasharray="2 3"/>`);
    parts.push(`<text x="${m.left + plotW - 4}" y="${y - 4}" text-anchor="end" fill="#555">${escapeXml(options.reference.label)}</text>`);
  }
  options.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    const points = s.x.map((x, j) => [x, s.y[j]!] as const).filter(([, y]) => Number.isFinite(y) && (!options.logY || y > 0));
    if (s.lower && s.upper) {
      const top = s.x.map((x, j) => `${sx(x).toFixed(1)},${sy(s.upper![j]!).toFixed(1)}`);
      const bottom = s.x.map((x, j) => `${sx(x).toFixed(1)},${sy(s.lower![j]!).toFixed(1)}`).reverse();
      parts.push(`<polygon points="${[...top, ...bottom].join(' ')}" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
    }
    const d = points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} data-series="${escapeXml(s.label)}"/>`);
    if (points.length <= 20) for (const [x, y] of points) parts.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${color}"/>`);
    const ly = m.top + 10 + k * 20;
    parts.push(`<line x1="${width - m.right + 12}" x2="${width - m.right + 36}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${width - m.right + 42}" y="${ly + 4}">${escapeXml(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

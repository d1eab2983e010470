import { describe, expect, it } from 'vitest';
import { lineChart } from './svg-chart.js';

describe('lineChart', () => {
  it('should draw one path per series with every point, a legend entry and escaped text', () => {
    const svg = lineChart({
      title: 'A & B', xLabel: 'step', yLabel: 'score',
      series: [{ label: 'LSTM', x: [0, 1, 2], y: [0.1, 0.5, 0.9] }, { label: 'GRU <1>', x: [0, 1, 2], y: [0.2, 0.4, 0.8], lower: [0.1, 0.3, 0.7], upper: [0.3, 0.5, 0.9] }],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('A &amp; B');
    expect(svg).toContain('GRU &lt;1&gt;');
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]!.split(' ').length);
    expect(paths).toEqual([3, 3]);
    expect(svg.match(/<polygon/g)).toHaveLength(1);
  });

  it('should drop non-positive values on a log axis instead of drawing NaN coordinates', () => {
    const svg = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', logY: true, series: [{ label: 's', x: [0, 1, 2], y: [1e-3, 0, 10] }] });
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('1e-3');
  });
});

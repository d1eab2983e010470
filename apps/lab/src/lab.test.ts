import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUICK, runLab, type LabConfig } from './index.js';

const tiny: LabConfig = { ...QUICK, dependencies: { adding: [3, 6], language: [3] }, seeds: [1], hidden: 4, steps: 30, batch: 4, evalEvery: 10, evalBatch: 16 };

describe('runLab', () => {
  it('should train every model on every task and write the figures, tables and page', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'lab-')), 'out');
    const summary = await runLab({ config: tiny, out, workers: 2 });
    expect(summary.runs).toBe(3 * 3);
    const files = (await readdir(out)).sort();
    expect(files).toEqual([
      'curves.csv', 'findings.md', 'gradient-by-lag.csv', 'gradient-vs-lag-adding.svg', 'gradient-vs-lag-language.svg', 'index.html',
      'learning-curves-adding.svg', 'learning-curves-language.svg', 'results.csv', 'score-vs-length-adding.svg', 'score-vs-length-language.svg',
    ]);
    const results = (await readFile(join(out, 'results.csv'), 'utf8')).trim().split('\n');
    expect(results).toHaveLength(1 + 9);
    // Parameter counts are PyTorch's: 4 gate blocks for the LSTM, 3 for the GRU, 1 for the RNN (+ readout).
    const params = (model: string, task: string) => Number(results.find((r) => r.startsWith(`${task},${model},`))!.split(',')[4]);
    const readout = 4 + 1; // adding: 1 output x 4 hidden + bias
    const layer = (g: number) => g * 4 * (2 + 4) + 2 * g * 4;
    expect(params('rnn', 'adding')).toBe(layer(1) + readout);
    expect(params('gru', 'adding')).toBe(layer(3) + readout);
    expect(params('lstm', 'adding')).toBe(layer(4) + readout);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html.match(/<svg/g)).toHaveLength(6);
    expect(html).not.toContain('NaN');
  });
});

// Turns the lab's results into CSV tables, SVG figures and one HTML page, plus a plain-words summary that
// compares the models from the numbers themselves (so it says so when a finding is not reproduced).
import type { LabConfig } from './experiment.js';
import { findTask } from './experiment.js';
import type { RecurrentKind } from './recurrent.js';
import { lineChart, type Series } from './svg-chart.js';
import type { TrainResult } from './train.js';

const LABEL: Record<RecurrentKind, string> = { rnn: 'tanh RNN', lstm: 'LSTM', gru: 'GRU' };
const COLOR: Record<RecurrentKind, string> = { rnn: '#d62728', lstm: '#1f77b4', gru: '#2ca02c' };

export interface LabFiles { [name: string]: string }

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
const csv = (rows: (string | number | boolean | null)[][]) => rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(',')).join('\n') + '\n';

function byModel(results: TrainResult[], models: RecurrentKind[]) {
  return models.map((kind) => [kind, results.filter((r) => r.kind === kind)] as const);
}

export interface Finding { task: string; text: string }

/** Compares the models at the longest dependency of each task, from the measured scores. */
export function findings(config: LabConfig, results: TrainResult[]): Finding[] {
  const out: Finding[] = [];
  for (const taskName of config.tasks) {
    const task = findTask(taskName);
    const lengths = config.dependencies[taskName] ?? [];
    const longest = Math.max(...lengths);
    const at = (kind: RecurrentKind, d: number) => results.filter((r) => r.task === taskName && r.kind === kind && r.dependency === d);
    const score = (kind: RecurrentKind) => mean(at(kind, longest).map((r) => r.finalScore));
    const solvedUpTo = (kind: RecurrentKind) => {
      let best = 0;
      for (const d of [...lengths].sort((a, b) => a - b)) {
        const runs = at(kind, d);
        if (runs.length && runs.every((r) => r.solved)) best = d; else break;
      }
      return best;
    };
    const s = Object.fromEntries(config.models.map((k) => [k, score(k)])) as Record<RecurrentKind, number>;
    const parts = config.models.map((k) => `${LABEL[k]} ${fmt(s[k])} (solved every seed up to length ${solvedUpTo(k) || 'none'})`);
    out.push({ task: taskName, text: `${task.title}, dependency ${longest}, ${task.scoreName}: ${parts.join('; ')}.` });
    if (config.models.includes('rnn')) {
      for (const gated of config.models.filter((k) => k !== 'rnn')) {
        const margin = s[gated] - s.rnn;
        out.push({
          task: taskName,
          text: margin > 0.05
            ? `${LABEL[gated]} beats the tanh RNN at the longest dependency by ${fmt(margin, 2)} (as Chung et al. 2014 found for gated units).`
            : `${LABEL[gated]} does NOT beat the tanh RNN at the longest dependency (margin ${fmt(margin, 2)}): unlike Chung et al. 2014, within this budget of ${config.steps} steps.`,
        });
      }
    }
    if (config.models.includes('lstm') && config.models.includes('gru')) {
      const gap = Math.abs(s.lstm - s.gru);
      out.push({
        task: taskName,
        text: gap <= 0.1
          ? `GRU and LSTM are comparable at the longest dependency (scores within ${fmt(gap, 2)}; longest solved ${solvedUpTo('gru') || 'none'} vs ${solvedUpTo('lstm') || 'none'}), as Chung et al. 2014 found.`
          : `GRU and LSTM differ by ${fmt(gap, 2)} here (${s.gru > s.lstm ? 'GRU' : 'LSTM'} ahead): Chung et al. 2014 found them comparable, the winner depending on the task.`,
      });
    }
  }
  return out;
}

export function renderLab(config: LabConfig, results: TrainResult[], meta: { quick: boolean; seconds: number; machine: string }): LabFiles {
  const files: LabFiles = {};
  files['results.csv'] = csv([
    ['task', 'model', 'dependency', 'seed', 'parameters', 'final_score', 'solved', 'solved_at_step', 'ms_per_step'],
    ...results.map((r) => [r.task, r.kind, r.dependency, r.seed, r.parameterCount, fmt(r.finalScore, 4), r.solved, r.solvedAtStep, fmt(r.msPerStep, 2)]),
  ]);
  files['curves.csv'] = csv([
    ['task', 'model', 'dependency', 'seed', 'step', 'loss', 'score'],
    ...results.flatMap((r) => r.curve.map((p) => [r.task, r.kind, r.dependency, r.seed, p.step, fmt(p.loss, 6), fmt(p.score, 4)])),
  ]);
  files['gradient-by-lag.csv'] = csv([
    ['task', 'model', 'dependency', 'seed', 'lag', 'grad_norm_init', 'grad_norm_trained'],
    ...results.flatMap((r) => r.gradByLagInit.map((g, lag) => [r.task, r.kind, r.dependency, r.seed, lag, g.toExponential(4), r.gradByLagTrained[lag]!.toExponential(4)])),
  ]);

  const figures: { file: string; caption: string }[] = [];
  for (const taskName of config.tasks) {
    const task = findTask(taskName);
    const lengths = [...(config.dependencies[taskName] ?? [])].sort((a, b) => a - b);
    const longest = lengths.at(-1)!;
    const taskResults = results.filter((r) => r.task === taskName);

    // Learning curves at the longest dependency: mean over seeds, band = min..max.
    const curveSeries: Series[] = byModel(taskResults.filter((r) => r.dependency === longest), config.models).map(([kind, runs]) => {
      const steps = runs[0]?.curve.map((p) => p.step) ?? [];
      const at = (j: number) => runs.map((r) => r.curve[j]!.score);
      return { label: LABEL[kind], color: COLOR[kind], x: steps, y: steps.map((_, j) => mean(at(j))),
        lower: steps.map((_, j) => Math.min(...at(j))), upper: steps.map((_, j) => Math.max(...at(j))) };
    });
    const chance = task.kind === 'classification' ? 1 / task.outputSize : 0;
    const curveFile = `learning-curves-${taskName}.svg`;
    files[curveFile] = lineChart({ title: `${task.title}: learning curves (dependency ${longest})`, xLabel: 'training step',
      yLabel: task.scoreName, series: curveSeries, yMin: Math.min(0, ...curveSeries.flatMap((s) => s.lower ?? [])), yMax: 1,
      reference: { y: chance, label: task.kind === 'classification' ? 'chance' : 'predicting the mean' } });
    figures.push({ file: curveFile, caption: `Learning curves at dependency ${longest} (mean of ${config.seeds.length} seeds, band = min–max).` });

    const lengthSeries: Series[] = byModel(taskResults, config.models).map(([kind, runs]) => {
      const at = (d: number) => runs.filter((r) => r.dependency === d).map((r) => r.finalScore);
      return { label: LABEL[kind], color: COLOR[kind], x: lengths, y: lengths.map((d) => mean(at(d))),
        lower: lengths.map((d) => Math.min(...at(d))), upper: lengths.map((d) => Math.max(...at(d))) };
    });
    const lengthFile = `score-vs-length-${taskName}.svg`;
    files[lengthFile] = lineChart({ title: `${task.title}: final ${task.scoreName} vs dependency length`, xLabel: 'dependency length (steps)',
      yLabel: task.scoreName, series: lengthSeries, yMin: Math.min(0, ...lengthSeries.flatMap((s) => s.lower ?? [])), yMax: 1,
      reference: { y: chance, label: task.kind === 'classification' ? 'chance' : 'predicting the mean' } });
    figures.push({ file: lengthFile, caption: `Final score after ${config.steps} steps against the distance to the relevant input.` });

    const lagSeries: Series[] = byModel(taskResults.filter((r) => r.dependency === longest), config.models).flatMap(([kind, runs]) => {
      const lags = runs[0]?.gradByLagInit.map((_, lag) => lag) ?? [];
      return [
        { label: `${LABEL[kind]} (init)`, color: COLOR[kind], dashed: true, x: lags, y: lags.map((lag) => mean(runs.map((r) => r.gradByLagInit[lag]!))) },
        { label: `${LABEL[kind]} (trained)`, color: COLOR[kind], x: lags, y: lags.map((lag) => mean(runs.map((r) => r.gradByLagTrained[lag]!))) },
      ];
    });
    const lagFile = `gradient-vs-lag-${taskName}.svg`;
    files[lagFile] = lineChart({ title: `${task.title}: |dL/dx(t - lag)| (dependency ${longest})`, xLabel: 'time lag (steps before the answer)',
      yLabel: 'gradient norm (log scale)', series: lagSeries, logY: true });
    figures.push({ file: lagFile, caption: `How strongly the loss still reaches the input "lag" steps back, at initialisation and after training: the vanishing gradient.` });
  }

  const paramRows = config.models.map((kind) => {
    const runs = results.filter((r) => r.kind === kind);
    const byTask = config.tasks.map((t) => runs.find((r) => r.task === t)?.parameterCount ?? 0);
    return `<tr><td>${LABEL[kind]}</td>${byTask.map((p) => `<td>${p}</td>`).join('')}<td>${fmt(mean(runs.map((r) => r.msPerStep)), 2)}</td></tr>`;
  });
  const found = findings(config, results);
  files['findings.md'] = found.map((f) => `- (${f.task}) ${f.text}`).join('\n') + '\n';
  files['index.html'] = `<!doctype html><html><head><meta charset="utf-8"><title>gatecheck lab: RNN vs LSTM vs GRU</title>
<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}figure{margin:1.5em 0}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>
<h1>Long-term dependencies: tanh RNN, LSTM and GRU</h1>
<p>${meta.quick ? 'Quick run' : 'Full run'}: hidden size ${config.hidden}, ${config.steps} Adam steps (lr ${config.lr}, gradient norm clipped at ${config.clip}), batch ${config.batch}, seeds ${config.seeds.join(', ')}; ${fmt(meta.seconds, 0)} s on ${meta.machine}.</p>
<h2>Findings (computed from these runs)</h2><ul>${found.map((f) => `<li>${f.text}</li>`).join('')}</ul>
<h2>Parameters and time per training step</h2>
<table><tr><th>model</th>${config.tasks.map((t) => `<th>parameters (${t})</th>`).join('')}<th>ms / step (mean)</th></tr>${paramRows.join('')}</table>
${figures.map((f) => `<figure>${files[f.file]!.replace(/^<svg /, '<svg role="img" ')}<figcaption>${f.caption}</figcaption></figure>`).join('\n')}
<p>Data: results.csv, curves.csv, gradient-by-lag.csv.</p></body></html>
`;
  return files;
}

import { runLab } from '@gatecheck/lab';
import { intOption, parseCommandArgs, UsageError, type Command } from '../cli-kit.js';

export const lab: Command = {
  name: 'lab',
  summary: 'train a tanh RNN, an LSTM and a GRU on long-dependency tasks; write figures and CSV',
  help: `usage: gatecheck lab [--quick | --full] [--out DIR] [--workers N]

Trains a vanilla (tanh) RNN, an LSTM and a GRU — the reference kernels with BPTT, Adam and gradient clipping —
on the adding problem and the "I grew up in France ... I speak fluent French" task, over several dependency
lengths and seeds, and writes to DIR (default lab-output/):
  index.html                     every figure and the findings, computed from the runs
  learning-curves-<task>.svg     score against training step at the longest dependency
  score-vs-length-<task>.svg     final score against dependency length
  gradient-vs-lag-<task>.svg     |dL/dx| against time lag (the vanishing gradient)
  results.csv, curves.csv, gradient-by-lag.csv, findings.md

  --quick       the small grid (default; a few minutes on 2 cores)
  --full        the full grid shown in apps/lab/README.md (much longer)
  --out DIR     output folder (replaced when the run finishes)
  --workers N   worker threads (default: the number of cores)`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      quick: { type: 'boolean' }, full: { type: 'boolean' }, out: { type: 'string' }, workers: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see gatecheck lab --help)`);
    if (values.quick && values.full) throw new UsageError('choose one of --quick and --full');
    const workers = intOption(values.workers, 'workers', 0, 1) || undefined;
    const quick = !values.full;
    const live = process.stderr.isTTY && !process.env.CI;
    const summary = await runLab({
      quick, out: values.out ?? 'lab-output', ...(workers ? { workers } : {}),
      onProgress: (r, done, total) => {
        const line = `[${done}/${total}] ${r.task} ${r.kind.padEnd(4)} dependency ${String(r.dependency).padStart(3)} seed ${r.seed}: score ${r.finalScore.toFixed(3)}${r.solved ? ' (solved)' : ''}, ${r.msPerStep.toFixed(1)} ms/step`;
        process.stderr.write(live ? `\r\x1b[2K${line}` : `${line}\n`);
      },
    });
    if (live) process.stderr.write('\n');
    console.log(`lab: ${summary.runs} runs in ${summary.seconds.toFixed(0)} s; wrote ${summary.files.length} files to ${summary.out} (open index.html)`);
    return 0;
  },
};

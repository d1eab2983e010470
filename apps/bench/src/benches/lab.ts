// `pnpm bench lab`: training steps per second of the lab's models (tanh RNN, LSTM, GRU with a linear readout,
// MSE loss, BPTT, gradient clipping and Adam), gatecheck's float64 kernels next to the same step in TensorFlow.js
// (float32, cpu and wasm backends; gradients from tf's tape, the same Adam). Writes the `## Lab training` section.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Adam, addingProblem, clipGradNorm, createModel, createRandom, lossAndGradients, QUICK, FULL, type RecurrentKind } from '@gatecheck/lab';
import { writeSection } from '../lib/benchmarks-md.js';
import { machine, machineLine } from '../lib/machine.js';
import { measure, type Timing } from '../lib/timing.js';
import { UsageError } from '../lib/usage-error.js';

export const description = 'lab training steps/s: gatecheck (RNN, LSTM, GRU) vs the same step in tfjs cpu and wasm';

interface Case { label: string; hidden: number; batch: number; dependency: number }
const CASES: Case[] = [
  { label: 'quick grid', hidden: QUICK.hidden, batch: QUICK.batch, dependency: 40 },
  { label: 'full grid', hidden: FULL.hidden, batch: FULL.batch, dependency: 80 },
];
const KINDS: RecurrentKind[] = ['rnn', 'lstm', 'gru'];
const GATES: Record<RecurrentKind, number> = { rnn: 1, lstm: 4, gru: 3 };

function gatecheckStep(kind: RecurrentKind, c: Case): () => void {
  const random = createRandom(1);
  const model = createModel(kind, addingProblem.inputSize, c.hidden, 1, random);
  const adam = new Adam(model.params, { lr: 1e-3 });
  const data = addingProblem.sample(c.dependency, c.batch, random);
  return () => {
    const { grads } = lossAndGradients(model, data.x, data.length, data.batch, data.target, 'regression');
    clipGradNorm(grads, 1);
    adam.step(grads);
  };
}

let wasmReady = false;
async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  if (backend === 'wasm' && !wasmReady) {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    wasmReady = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend "${backend}" failed to initialise`);
  await tf.ready();
}

/** The same training step in tfjs: PyTorch's equations as a tf.* loop, tf's gradients, clipping and Adam. */
function tfjsStep(kind: RecurrentKind, c: Case): { step: () => void; dispose: () => void } {
  const random = createRandom(1);
  const data = addingProblem.sample(c.dependency, c.batch, random);
  const { hidden: H, batch: N } = c;
  const I = addingProblem.inputSize, L = data.length, G = GATES[kind] * H;
  const bound = 1 / Math.sqrt(H);
  const init = (shape: number[]) => tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', 1));
  const wIh = init([I, G]), wHh = init([H, G]), bIh = init([G]), bHh = init([G]), wOut = init([H, 1]), bOut = init([1]);
  const vars = [wIh, wHh, bIh, bHh, wOut, bOut];
  const x = tf.tensor2d(Float32Array.from(data.x), [L * N, I]);
  const target = tf.tensor2d(Float32Array.from(data.target), [N, 1]);
  const optimizer = tf.train.adam(1e-3);
  const loss = () => {
    const xw = tf.add(tf.matMul(x, wIh), bIh);
    let h = tf.zeros([N, H]) as tf.Tensor2D;
    let cell = tf.zeros([N, H]) as tf.Tensor2D;
    for (let t = 0; t < L; t++) {
      const xt = tf.slice(xw, [t * N, 0], [N, G]);
      if (kind === 'rnn') h = tf.tanh(tf.add(xt, tf.add(tf.matMul(h, wHh), bHh))) as tf.Tensor2D;
      else if (kind === 'lstm') {
        const [ai, af, ag, ao] = tf.split(tf.add(xt, tf.add(tf.matMul(h, wHh), bHh)), 4, 1) as tf.Tensor2D[];
        cell = tf.add(tf.mul(tf.sigmoid(af!), cell), tf.mul(tf.sigmoid(ai!), tf.tanh(ag!))) as tf.Tensor2D;
        h = tf.mul(tf.sigmoid(ao!), tf.tanh(cell)) as tf.Tensor2D;
      } else {
        const [xr, xz, xn] = tf.split(xt, 3, 1) as tf.Tensor2D[];
        const [hr, hz, hn] = tf.split(tf.add(tf.matMul(h, wHh), bHh), 3, 1) as tf.Tensor2D[];
        const r = tf.sigmoid(tf.add(xr!, hr!)), z = tf.sigmoid(tf.add(xz!, hz!));
        const n = tf.tanh(tf.add(xn!, tf.mul(r, hn!)));
        h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D;
      }
    }
    return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(h, wOut), bOut), target))) as tf.Scalar;
  };
  return {
    step: () => tf.tidy(() => {
      const { grads } = tf.variableGrads(loss, vars);
      const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))).dataSync()[0]!;
      const scale = norm > 1 ? 1 / norm : 1;
      optimizer.applyGradients(Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)])));
    }),
    dispose: () => { tf.dispose([...vars, x, target]); optimizer.dispose(); },
  };
}

const HELP = `usage: pnpm bench lab [--no-write]
  Training steps per second on the adding problem at the lab's sizes, gatecheck vs tfjs (cpu, wasm).
  --no-write   print the table but leave BENCHMARKS.md alone`;

export async function run(args: string[]): Promise<void> {
  if (args.includes('--help')) { console.log(HELP); return; }
  const unknown = args.filter((a) => a !== '--no-write');
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}\n${HELP}`);
  const m = machine();
  const rows: string[] = [];
  const perSecond = (t: Timing) => 1000 / t.medianMs;
  for (const c of CASES) {
    for (const kind of KINDS) {
      const ours = await measure(gatecheckStep(kind, c), { budgetMs: 2000 });
      const theirs: Record<string, Timing> = {};
      for (const backend of ['cpu', 'wasm'] as const) {
        await useBackend(backend);
        const { step, dispose } = tfjsStep(kind, c);
        theirs[backend] = await measure(step, { budgetMs: 2000, minSamples: 3 });
        dispose();
      }
      const row = `| ${c.label} (H=${c.hidden}, N=${c.batch}, L=${c.dependency + 1}) | ${kind.toUpperCase()} | ${perSecond(ours).toFixed(1)} | ${perSecond(theirs.cpu!).toFixed(1)} | ${perSecond(theirs.wasm!).toFixed(1)} | ${(theirs.cpu!.medianMs / ours.medianMs).toFixed(1)}x | ${(theirs.wasm!.medianMs / ours.medianMs).toFixed(1)}x |`;
      console.log(row);
      rows.push(row);
    }
  }
  const body = [
    `Machine: ${machineLine(m)}. Command: \`npx -y pnpm@12.4.2 bench lab\`.`,
    '',
    'One training step = forward over the sequence, MSE on the last step\'s linear readout, BPTT, global-norm clipping',
    'at 1 and an Adam update, on the adding problem. gatecheck: float64, the fast layer kernels. tfjs 4.22: float32,',
    'the same equations as a tf.* loop, gradients from tf.variableGrads, tf.train.adam. Medians over repeated steps.',
    '',
    '| size | model | gatecheck steps/s | tfjs-cpu steps/s | tfjs-wasm steps/s | vs tfjs-cpu | vs tfjs-wasm |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  if (!args.includes('--no-write')) writeSection('Lab training', body);
  else console.log(body);
}

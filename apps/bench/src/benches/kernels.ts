// `pnpm bench kernels`: LSTM and GRU layer speed, forward and forward+backward, gatecheck's float64 kernels
// side by side with TensorFlow.js (cpu, wasm) and onnxruntime (web/wasm, node) in one run. Every engine's numbers
// are checked against the float64 reference before it is timed. Writes the `## Kernels` section of BENCHMARKS.md.
import { cpus, loadavg } from 'node:os';
import { check, TOLERANCE, type CheckResult } from '../kernels/check.js';
import type { Engine, Prepared } from '../kernels/engine.js';
import { layerEngine, moduleEngine } from '../kernels/engine-gatecheck.js';
import { onnxruntimeEngine, type OrtApi } from '../kernels/engine-onnxruntime.js';
import { tfjsEngine, tfWasmFeatures } from '../kernels/engine-tfjs.js';
import { fastScalarKernels, fastWasmKernels, gemmNT, layOut, readableKernels, simdModule } from '../kernels/gatecheck-kernels.js';
import { forwardBackwardFlops, forwardFlops, makeProblem, type Mode, type Results, type Size } from '../kernels/problem.js';
import { writeSection } from '../lib/benchmarks-md.js';
import { machine, machineLine, type Machine } from '../lib/machine.js';
import { measure, type MeasureOptions, type Timing } from '../lib/timing.js';
import { UsageError } from '../lib/usage-error.js';

export const description = 'LSTM/GRU forward and forward+backward: gatecheck vs tfjs (cpu, wasm) vs onnxruntime (web, node)';

const COMMAND = 'npx -y pnpm@12.4.2 bench kernels';

const SIZES: Size[] = [
  { label: 'small', L: 16, N: 1, I: 32, H: 64 },
  { label: 'medium', L: 64, N: 32, I: 128, H: 256 },
];
/** One step of one unit: nearly no arithmetic, so its time is what a call costs before any work. */
const TINY: Size = { label: 'tiny', L: 1, N: 1, I: 1, H: 1 };
const MODES: Mode[] = ['LSTM', 'GRU'];

const REFERENCE = 'gatecheck readable · module';
const BASELINE = 'gatecheck wasm · module';

interface Options {
  quick: boolean;
  write: boolean;
  only: string[] | null;
}

const HELP = `usage: pnpm bench kernels [--quick] [--no-write] [--only=<engine>,...]
  --quick      one sample per case (a smoke run; numbers too rough to publish, BENCHMARKS.md is not written)
  --no-write   print the table but leave BENCHMARKS.md alone
  --only=...   run only engines whose name contains one of these words (implies --no-write)`;

function parseArgs(args: string[]): Options | null {
  const o: Options = { quick: false, write: true, only: null };
  for (const a of args) {
    if (a === '--help' || a === '-h') return null;
    else if (a === '--quick') o.quick = true;
    else if (a === '--no-write') o.write = false;
    else if (a.startsWith('--only=')) o.only = a.slice('--only='.length).split(',').filter(Boolean);
    else throw new UsageError(`bench kernels: unknown option "${a}"\n${HELP}`);
  }
  if (o.quick || o.only) o.write = false;
  return o;
}

function engines(threads: number): Engine[] {
  const ortNode = async () => (await import('onnxruntime-node')) as unknown as OrtApi;
  const ortWeb = async () => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    return ort as unknown as OrtApi;
  };
  return [
    moduleEngine(BASELINE, fastWasmKernels, 'the fast kernels on WebAssembly SIMD (what `fastKernels` runs wherever the engine validates the SIMD module, as Node 20 does) behind the public API: `new LSTM(opts, { params, kernels: fastKernels }).forward(input)` and `run.backward(...)`; checks shapes and allocates outputs and tape per call. The forward runs in wasm memory (f64x2 matrix products and gates), and so do the backward\'s products (its elementwise gradients are JavaScript loops on that memory)'),
    { ...layerEngine('gatecheck wasm · layer', fastWasmKernels, '`fastWasmKernels.lstmLayerForward/Backward` (layer seam) on preallocated buffers: the arithmetic without the module around it; run at the tiny and small sizes only, since at the medium size the module\'s per-call cost (the tiny row) is far below the noise'), sizes: ['tiny', 'small'] },
    moduleEngine('gatecheck js · module', fastScalarKernels, 'the scalar JavaScript fast kernels (`fastScalarKernels`, the fallback where WebAssembly SIMD is missing, or with GATECHECK_FAST_KERNELS=js) behind the same API', { maxSamples: { medium: 3 } }),
    moduleEngine(REFERENCE, readableKernels, 'the readable reference kernels (one matrix-vector product per batch entry per step, correctly rounded sigmoid/tanh) behind the same API; also the float64 reference every engine is checked against; one sample at the medium size, where a call takes seconds', { maxSamples: { medium: 1 } }),
    tfjsEngine('cpu', 'TensorFlow.js 4.22 `cpu` backend (plain JavaScript), a tf.* loop: one `matMul` for all input projections, one per step; gradients by `tf.grads`; x uploaded and every result downloaded (`dataSync`) per call'),
    tfjsEngine('wasm', 'TensorFlow.js 4.22 `wasm` backend, the same tf.* loop'),
    onnxruntimeEngine('onnxruntime-web (wasm, 1 thread)', ortWeb, { executionProviders: ['wasm'] }, 'onnxruntime-web 1.30 wasm backend in Node (`env.wasm.numThreads = 1`), one-op ONNX LSTM/GRU model built by the bench; forward only'),
    onnxruntimeEngine('onnxruntime-node (1 thread)', ortNode, { intraOpNumThreads: 1, interOpNumThreads: 1 }, 'onnxruntime-node 1.30 native CPU provider, `intraOpNumThreads: 1`; forward only'),
    onnxruntimeEngine(`onnxruntime-node (${threads} threads)`, ortNode, { intraOpNumThreads: threads, interOpNumThreads: 1 }, `the same with \`intraOpNumThreads: ${threads}\` (every core)`),
  ];
}

/** One measured cell of the table. */
interface Cell {
  size: string;
  mode: Mode;
  pass: 'fwd' | 'fwd+bwd';
  engine: string;
  flops: number;
  timing: Timing | null;
  /** Why there is no timing (no backward, failed check, failed to load). */
  missing?: string;
}

interface CheckRow {
  size: string;
  mode: Mode;
  engine: string;
  precision: string;
  forward: CheckResult | null;
  gradients: CheckResult | null;
  problem?: string;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

function measureOptions(quick: boolean): Partial<MeasureOptions> {
  return quick ? { budgetMs: 0, minSamples: 1, maxSamples: 1, warmupMs: 0, minSampleMs: 5 } : { budgetMs: 800, minSamples: 3, maxSamples: 15, warmupMs: 200, minSampleMs: 20 };
}

/** Thrown from a first-call check: the engine computes something else, so it is not timed. */
class Mismatch extends Error {}

async function runCases(opts: Options, list: Engine[]): Promise<{ cells: Cell[]; checks: CheckRow[] }> {
  const cells: Cell[] = [];
  const checks: CheckRow[] = [];
  const mo = measureOptions(opts.quick);
  // The reference runs first in every case: its first calls' numbers are what the others are checked against.
  const order = [...list].sort((a, b) => Number(b.name === REFERENCE) - Number(a.name === REFERENCE));
  for (const size of [TINY, ...SIZES]) {
    for (const mode of MODES) {
      const p = makeProblem(mode, size);
      const withBackward = size !== TINY;
      let reference: { forward: Results | null; gradients: Results | null } = { forward: null, gradients: null };
      if (!order.some((e) => e.name === REFERENCE)) {
        const r = await moduleEngine(REFERENCE, readableKernels, '').prepare(p);
        reference = { forward: await r.forward(), gradients: withBackward ? await r.forwardBackward!() : null };
      }
      for (const engine of order) {
        const base = { size: size.label, mode, engine: engine.name };
        const flops = { fwd: forwardFlops(p), 'fwd+bwd': forwardBackwardFlops(p) };
        const passes = withBackward ? (['fwd', 'fwd+bwd'] as const) : (['fwd'] as const);
        const missing = (why: string, from = 0) => passes.slice(from).forEach((pass) => cells.push({ ...base, pass, flops: flops[pass], timing: null, missing: why }));
        if (engine.sizes && !engine.sizes.includes(size.label)) {
          missing('not run at this size');
          continue;
        }
        log(`${size.label} ${mode} ${engine.name}`);
        let prepared: Prepared;
        try {
          prepared = await engine.prepare(p);
        } catch (err) {
          const why = `failed to load: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
          log(`  ${why}`);
          checks.push({ ...base, precision: engine.precision, forward: null, gradients: null, problem: why });
          missing('failed to load');
          continue;
        }
        const isReference = engine.name === REFERENCE;
        const tolerance = TOLERANCE[engine.precision];
        const cap = engine.maxSamples?.[size.label];
        const options = cap === undefined ? mo : { ...mo, minSamples: Math.min(mo.minSamples ?? 3, cap), maxSamples: Math.min(mo.maxSamples ?? 25, cap) };
        const row: CheckRow = { ...base, precision: engine.precision, forward: null, gradients: null, ...(isReference ? { problem: 'is the reference' } : {}) };
        checks.push(row);
        // Each pass's first call is checked before the rest is timed (and counts as a sample only when slow).
        const checked = (part: 'forward' | 'gradients') => (value: unknown) => {
          const got = value as Results;
          if (isReference) reference[part] = got;
          const result = check(got, reference[part]!, tolerance, part);
          row[part] = result;
          if (!result.ok) throw new Mismatch(result.where);
        };
        try {
          const fwd = await measure(() => prepared.forward(), options, checked('forward'));
          cells.push({ ...base, pass: 'fwd', flops: flops.fwd, timing: fwd });
          log(`  fwd ${fmtMs(fwd.medianMs)} ms`);
          if (withBackward) {
            if (prepared.forwardBackward) {
              const fb = await measure(() => prepared.forwardBackward!(), options, checked('gradients'));
              cells.push({ ...base, pass: 'fwd+bwd', flops: flops['fwd+bwd'], timing: fb });
              log(`  fwd+bwd ${fmtMs(fb.medianMs)} ms`);
            } else {
              cells.push({ ...base, pass: 'fwd+bwd', flops: flops['fwd+bwd'], timing: null, missing: 'no backward' });
            }
          }
        } catch (err) {
          if (!(err instanceof Mismatch)) throw err;
          log(`  MISMATCH, not timed: ${err.message}`);
          missing('numbers differ from the reference', cells.filter((c) => c.size === base.size && c.mode === mode && c.engine === engine.name).length);
        } finally {
          prepared.dispose();
        }
      }
    }
  }
  return { cells, checks };
}

/**
 * The medium LSTM forward's gate step alone, as the wasm path runs it: one `lstmGates` call over N x H units per
 * time step (3 sigmoids and 2 tanh per unit, in f64x2 lanes).
 */
async function gateCost(quick: boolean): Promise<Timing> {
  const { L, N, H } = SIZES[1]!;
  const { fn, reserve } = simdModule()!;
  const { at, total } = layOut({ gates: L * N * 4 * H, c0: N * H, c: L * N * H, m: L * N * H });
  const mem = reserve(total)!;
  for (let i = 0; i < total; i++) mem[i] = Math.sin(i) * 3;
  return measure(() => {
    for (let s = 0; s < L; s++) fn.lstmGates(N, H, at.gates + s * N * 4 * H, s === 0 ? at.c0 : at.c + (s - 1) * N * H, at.c + s * N * H, at.m + s * N * H);
  }, measureOptions(quick));
}

interface ProductRate {
  path: 'wasm' | 'js';
  shape: string;
  flops: number;
  timing: Timing;
}

/** gemmNT alone at the medium size's two product shapes, on wasm SIMD (operands already in its memory) and in JS. */
async function productRates(quick: boolean): Promise<ProductRate[]> {
  const { L, N, I, H } = SIZES[1]!;
  const shapes = [
    { shape: `input projection ${L * N}x${4 * H}x${I}`, m: L * N, n: 4 * H, k: I },
    { shape: `recurrent step ${N}x${4 * H}x${H}`, m: N, n: 4 * H, k: H },
  ];
  const out: ProductRate[] = [];
  for (const s of shapes) {
    const flops = 2 * s.m * s.n * s.k;
    const { fn, reserve } = simdModule()!;
    const { at, total } = layOut({ a: s.m * s.k, b: s.n * s.k, c: s.m * s.n });
    const mem = reserve(total)!;
    mem.fill(0.5, at.a, at.a + s.m * s.k).fill(0.25, at.b, at.b + s.n * s.k);
    out.push({ path: 'wasm', shape: s.shape, flops, timing: await measure(() => fn.gemmNT(s.m, s.n, s.k, at.a, s.k, at.b, s.k, at.c, s.n, 0), measureOptions(quick)) });
    const a = new Float64Array(s.m * s.k).fill(0.5);
    const b = new Float64Array(s.n * s.k).fill(0.25);
    const c = new Float64Array(s.m * s.n);
    out.push({ path: 'js', shape: s.shape, flops, timing: await measure(() => gemmNT(s.m, s.n, s.k, a, 0, s.k, b, 0, s.k, c, 0, s.n, false), measureOptions(quick)) });
  }
  return out;
}

function fmtMs(ms: number): string {
  const a = Math.abs(ms);
  return a >= 100 ? ms.toFixed(0) : a >= 10 ? ms.toFixed(1) : a >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}
const gflops = (c: Cell): number => (c.timing ? c.flops / c.timing.medianMs / 1e6 : NaN);

function cellText(c: Cell | undefined, baseline: Cell | undefined, withGflops: boolean): string {
  if (!c) return '';
  if (!c.timing) return `— (${c.missing})`;
  const t = c.timing;
  const ratio = baseline?.timing ? ` · ${(t.medianMs / baseline.timing.medianMs).toFixed(2)}×` : '';
  return `${fmtMs(t.medianMs)} [${fmtMs(t.minMs)}–${fmtMs(t.maxMs)}] n=${t.samples}${withGflops ? ` · ${gflops(c).toPrecision(3)}` : ''}${ratio}`;
}

function find(cells: Cell[], size: string, mode: Mode, pass: Cell['pass'], engine: string): Cell | undefined {
  return cells.find((c) => c.size === size && c.mode === mode && c.pass === pass && c.engine === engine);
}

function sizeTable(cells: Cell[], list: Engine[], size: Size, withBackward: boolean): string {
  const columns = MODES.flatMap((mode) => (withBackward ? (['fwd', 'fwd+bwd'] as const) : (['fwd'] as const)).map((pass) => ({ mode, pass })));
  const head = `| engine | precision | ${columns.map((c) => `${c.mode} ${c.pass}`).join(' | ')} |`;
  const rule = `|---|---|${columns.map(() => '---').join('|')}|`;
  const rows = list.map((e) => `| ${e.name} | ${e.precision} | ${columns.map(({ mode, pass }) =>
    cellText(find(cells, size.label, mode, pass, e.name), find(cells, size.label, mode, pass, BASELINE), size !== TINY)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

type Metric = 'wall' | 'cpu';
const timeOf = (t: Timing, metric: Metric) => (metric === 'wall' ? t.medianMs : t.cpuMedianMs);

function ratio(cells: Cell[], size: string, mode: Mode, pass: Cell['pass'], engine: string, metric: Metric): number | null {
  const us = find(cells, size, mode, pass, BASELINE)?.timing;
  const them = find(cells, size, mode, pass, engine)?.timing;
  return us && them ? timeOf(them, metric) / timeOf(us, metric) : null;
}

/** The issue's goals, each computed from the measured cells (by wall time or by CPU time). */
function goals(cells: Cell[], threads: number, metric: Metric): string[] {
  const lines: string[] = [];
  const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');
  const cpuCases = SIZES.flatMap((s) => MODES.flatMap((m) => (['fwd', 'fwd+bwd'] as const).map((pass) => ({ s, m, pass, r: ratio(cells, s.label, m, pass, 'tfjs-cpu', metric) }))));
  const cpuOk = cpuCases.every((c) => c.r !== null) ? cpuCases.every((c) => c.r! > 1) : null;
  lines.push(`- Beat tfjs-cpu on every case: **${verdict(cpuOk)}** (tfjs-cpu time ÷ ours: ${cpuCases.map((c) => `${c.s.label} ${c.m} ${c.pass} ${c.r?.toFixed(1) ?? '?'}×`).join(', ')}).`);
  const wasmCases = MODES.flatMap((m) => (['fwd', 'fwd+bwd'] as const).map((pass) => ({ m, pass, r: ratio(cells, 'small', m, pass, 'tfjs-wasm', metric) })));
  const wasmOk = wasmCases.every((c) => c.r !== null) ? wasmCases.every((c) => c.r! > 1) : null;
  lines.push(`- Beat tfjs-wasm at the small size: **${verdict(wasmOk)}** (tfjs-wasm time ÷ ours: ${wasmCases.map((c) => `${c.m} ${c.pass} ${c.r?.toFixed(2) ?? '?'}×`).join(', ')}).`);
  for (const ort of ['onnxruntime-node (1 thread)', `onnxruntime-node (${threads} threads)`]) {
    const rs = MODES.map((m) => ({ m, r: ratio(cells, 'small', m, 'fwd', ort, metric) }));
    const ok = rs.every((c) => c.r !== null) ? rs.every((c) => 1 / c.r! <= 3) : null;
    lines.push(`- Within 3× of ${ort} at the small size (forward): **${verdict(ok)}** (ours ÷ theirs: ${rs.map((c) => `${c.m} ${c.r ? (1 / c.r).toFixed(2) : '?'}×`).join(', ')}).`);
  }
  return lines;
}

/** Median CPU time per call of every measured cell, one row per engine. */
function cpuTable(cells: Cell[], list: Engine[]): string {
  const columns = [...SIZES, TINY].flatMap((size) => MODES.flatMap((mode) => (size === TINY ? (['fwd'] as const) : (['fwd', 'fwd+bwd'] as const)).map((pass) => ({ size, mode, pass }))));
  const head = `| engine | ${columns.map((c) => `${c.size.label} ${c.mode} ${c.pass}`).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---').join('|')}|`;
  const rows = list.map((e) => `| ${e.name} | ${columns.map(({ size, mode, pass }) => {
    const t = find(cells, size.label, mode, pass, e.name)?.timing;
    return t ? fmtMs(t.cpuMedianMs) : '—';
  }).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

function checksTable(checks: CheckRow[]): string {
  const fmt = (c: CheckResult | null) => (c ? `${c.error.toExponential(1)}${c.ok ? '' : ' ✗'}` : '—');
  const rows = checks.filter((c) => c.size !== TINY.label).map((c) =>
    `| ${c.size} ${c.mode} | ${c.engine} | ${c.precision} | ${c.problem ?? fmt(c.forward)} | ${c.problem ? '' : fmt(c.gradients)} |`);
  return ['| case | engine | precision | forward | gradients |', '|---|---|---|---|---|', ...rows].join('\n');
}

function limitsText(cells: Cell[], rates: ProductRate[], gates: Timing): string[] {
  const { L, N, H } = SIZES[1]!;
  // CPU time throughout: these are single-threaded, and CPU time does not stretch when the machine is shared.
  const rate = (g: ProductRate) => g.flops / g.timing.cpuMedianMs / 1e6;
  const wasm = rates.filter((g) => g.path === 'wasm');
  const lines = wasm.map((g) => {
    const js = rates.find((r) => r.path === 'js' && r.shape === g.shape);
    return `- \`gemmNT\` alone, ${g.shape}: ${rate(g).toFixed(2)} GFLOP/s in wasm SIMD (median of ${g.timing.samples})${js ? `, ${rate(js).toFixed(2)} GFLOP/s in scalar JavaScript` : ''}, by CPU time.`;
  });
  lines.push(`- The gate step of the medium LSTM forward alone in wasm (${L} calls over ${N}x${H} units, ${L * N * H * 5} sigmoid/tanh): ${fmtMs(gates.cpuMedianMs)} ms of CPU time.`);
  const fwd = find(cells, 'medium', 'LSTM', 'fwd', BASELINE)?.timing;
  const [inp, rec] = wasm;
  if (fwd && inp && rec) {
    const productsMs = inp.flops / rate(inp) / 1e6 + (L * 2 * N * 4 * H * H) / rate(rec) / 1e6;
    const rest = fwd.cpuMedianMs - productsMs - gates.cpuMedianMs;
    lines.push(`- So the medium LSTM forward on wasm (${fmtMs(fwd.cpuMedianMs)} ms of CPU time) is about ${fmtMs(productsMs)} ms of matrix products at those rates plus ${fmtMs(gates.cpuMedianMs)} ms of gates, leaving ${fmtMs(rest)} ms for copying operands into wasm memory and the tape out, allocating the tape, and the module around the layer (negative means the products ran faster inside the layer than alone).`);
  }
  return lines;
}

function report(m: Machine, cells: Cell[], checks: CheckRow[], list: Engine[], rates: ProductRate[], gates: Timing, wasmFeatures: string, threads: number): string {
  const out: string[] = [];
  const loadAtEnd = loadavg()[0] ?? 0;
  out.push(`Measured on ${machineLine(m)}; ${loadAtEnd.toFixed(2)} at the end.`, '', `Command: \`${COMMAND}\` (run from the repository root; writes this section).`, '');
  out.push('Each cell: median milliseconds per call [min–max over n samples] · GFLOP/s · time relative to `gatecheck wasm · module` (above 1× = slower than ours).',
    'FLOPs count the matrix products only: forward = 2·L·N·G·H·(H_in + H) with G = 4 gate blocks (LSTM) or 3 (GRU); forward+backward = 3 × forward (the backward has the input/state products and the weight products).',
    'One layer, one direction, bias on, h0 (and c0) given; the loss for backward is Σ y·w_y + Σ h_n·w_h (+ Σ c_n·w_c). float32 engines are given the same numbers rounded to float32.', '');
  for (const size of SIZES) {
    out.push(`### ${size.label}: L=${size.L}, N=${size.N}, H_in=${size.I}, H=${size.H}`, '', sizeTable(cells, list, size, true), '');
  }
  out.push(`### Per-call overhead: L=1, N=1, H_in=1, H=1 (forward)`, '',
    'Almost no arithmetic, so this is what one call costs before any work: argument checks, allocation, wrapping, crossing into WebAssembly or native code.', '',
    sizeTable(cells, list, TINY, false), '');
  out.push('### Goals (issue 2)', '', 'By wall time (the tables above):', '', ...goals(cells, threads, 'wall'), '',
    'By CPU time (the table below; what each engine costs when it has the machine to itself):', '', ...goals(cells, threads, 'cpu'), '');
  out.push('### CPU time per call', '',
    `Median process CPU time (user + system, all threads) per call in ms. Other work on the machine stretches wall time by time slicing but hardly CPU time, so for single-threaded engines this is the undisturbed cost; onnxruntime-node with ${threads} threads spends it on both, and onnxruntime-node runs even its 1-thread session on a worker thread.`, '',
    cpuTable(cells, list), '');
  out.push('### What limits the fast path at the medium size', '', ...limitsText(cells, rates, gates),
    '- The products are the limit. WebAssembly SIMD is 128 bits wide, so a float64 instruction does 2 multiply-adds, as a separate multiply and add (fused multiply-add is only in the relaxed-SIMD proposal, which Node 20 does not enable), where onnxruntime-node\'s native float32 kernels do 8 fused ones per AVX2 instruction, on twice the values per cache line, and with several threads use every core. A 2x4 tile of f64x2 accumulators thus reaches about 10 GFLOP/s on one core, against onnxruntime-node\'s 60+ at this size. In the backward, the weight-gradient products (Σ over L·N rows) run as the same gemmNT on transposed copies of their operands.', '');
  out.push('### Engines', '', ...list.map((e) => `- **${e.name}** (${e.precision}): ${e.note}.`),
    `- tfjs-wasm here: ${wasmFeatures}. Every gatecheck and tfjs engine runs on one thread.`, '');
  out.push('### Checks before timing', '',
    `Largest difference from the float64 reference (gatecheck readable), relative to each tensor's largest value; tolerance ${TOLERANCE.float64} (float64) and ${TOLERANCE.float32} (float32). An engine that fails is not timed.`, '',
    checksTable(checks), '');
  return out.join('\n');
}

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  if (!opts) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const threads = cpus().length;
  let list = engines(threads);
  if (opts.only) list = list.filter((e) => opts.only!.some((w) => e.name.includes(w)) || e.name === BASELINE);
  const started = Date.now();
  const m = machine();
  const wasmFeatures = list.some((e) => e.name === 'tfjs-wasm') ? await tfWasmFeatures() : 'not run';
  const { cells, checks } = await runCases(opts, list);
  const rates = await productRates(opts.quick);
  const gates = await gateCost(opts.quick);
  const text = report(m, cells, checks, list, rates, gates, wasmFeatures, threads);
  process.stdout.write(`${text}\n`);
  log(`bench kernels took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (opts.write) {
    writeSection('Kernels', text);
    log('wrote the ## Kernels section of BENCHMARKS.md');
  }
}

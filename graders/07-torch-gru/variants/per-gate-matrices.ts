// A correct nn.GRU in another style than the reference: it first splits the state_dict into per-gate matrices
// (W_ir, W_hr, ...), keeps states as a map keyed by layer and direction, runs the whole batch per step with
// nested maps, and computes sigmoid as 1 / (1 + exp(-x)). The grader must give it full marks.

export type Tensor = number | Tensor[];
export type StateDict = Record<string, number[][] | number[]>;
export interface GruOptions {
  inputSize: number; hiddenSize: number; numLayers?: number; bias?: boolean;
  batchFirst?: boolean; bidirectional?: boolean;
}

type Vec = number[];
type Mat = number[][];
interface GateWeights { Wi: Mat; Wh: Mat; bi: Vec; bh: Vec }

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const dot = (a: Vec, b: Vec): number => a.reduce((s, v, k) => s + v * b[k]!, 0);
const mv = (W: Mat, x: Vec): Vec => W.map((row) => dot(row, x));
const add = (...vs: Vec[]): Vec => vs[0]!.map((_, k) => vs.reduce((s, v) => s + v[k]!, 0));

function split(params: StateDict, suffix: string, H: number, bias: boolean): Record<'r' | 'z' | 'n', GateWeights> {
  const Wih = params[`weight_ih${suffix}`] as Mat;
  const Whh = params[`weight_hh${suffix}`] as Mat;
  const bih = bias ? (params[`bias_ih${suffix}`] as Vec) : new Array<number>(3 * H).fill(0);
  const bhh = bias ? (params[`bias_hh${suffix}`] as Vec) : new Array<number>(3 * H).fill(0);
  const block = (k: number): GateWeights => ({
    Wi: Wih.slice(k * H, (k + 1) * H), Wh: Whh.slice(k * H, (k + 1) * H),
    bi: bih.slice(k * H, (k + 1) * H), bh: bhh.slice(k * H, (k + 1) * H),
  });
  return { r: block(0), z: block(1), n: block(2) };
}

function cell(w: Record<'r' | 'z' | 'n', GateWeights>, x: Vec, h: Vec): Vec {
  const r = add(mv(w.r.Wi, x), w.r.bi, mv(w.r.Wh, h), w.r.bh).map(sigmoid);
  const z = add(mv(w.z.Wi, x), w.z.bi, mv(w.z.Wh, h), w.z.bh).map(sigmoid);
  const hn = add(mv(w.n.Wh, h), w.n.bh);
  const n = add(mv(w.n.Wi, x), w.n.bi).map((v, k) => Math.tanh(v + r[k]! * hn[k]!));
  return n.map((nk, k) => nk + z[k]! * (h[k]! - nk));
}

export function gru(opts: GruOptions, params: StateDict, input: Tensor, h0?: Tensor): { output: Tensor; hN: Tensor } {
  const H = opts.hiddenSize;
  const layers = opts.numLayers ?? 1;
  const dirs = opts.bidirectional ? [0, 1] : [0];
  const bias = opts.bias ?? true;
  const is2d = typeof (input as Tensor[][])[0]?.[0] === 'number';

  // steps[t][n]: a time-major batch, whatever the layout.
  let steps: Vec[][];
  if (is2d) steps = (input as Vec[]).map((x) => [x]);
  else if (opts.batchFirst) {
    const byBatch = input as Vec[][];
    steps = (byBatch[0] ?? []).map((_, t) => byBatch.map((seq) => seq[t]!));
  } else steps = input as Vec[][];
  const N = steps[0]?.length ?? 0;

  const last = new Map<string, Vec[]>();
  for (let l = 0; l < layers; l++) {
    const perDir = dirs.map((d) => {
      const key = `${l}:${d}`;
      const init = h0 === undefined
        ? Array.from({ length: N }, () => new Array<number>(H).fill(0))
        : is2d ? [(h0 as Vec[])[l * dirs.length + d]!] : (h0 as Vec[][])[l * dirs.length + d]!;
      const w = split(params, `_l${l}${d === 1 ? '_reverse' : ''}`, H, bias);
      const outs: Vec[][] = new Array(steps.length);
      let h = init;
      const order = steps.map((_, t) => t);
      if (d === 1) order.reverse();
      for (const t of order) {
        h = h.map((hn, n) => cell(w, steps[t]![n]!, hn));
        outs[t] = h;
      }
      last.set(key, h);
      return outs;
    });
    steps = steps.map((_, t) => Array.from({ length: N }, (_, n) => perDir.flatMap((outs) => outs[t]![n]!)));
  }

  const hN: Tensor = [];
  for (let l = 0; l < layers; l++) for (const d of dirs) {
    const h = last.get(`${l}:${d}`)!;
    hN.push(is2d ? h[0]! : h);
  }
  let output: Tensor;
  if (is2d) output = steps.map((atT) => atT[0]!);
  else if (opts.batchFirst) output = Array.from({ length: N }, (_, n) => steps.map((atT) => atT[n]!));
  else output = steps;
  return { output, hN };
}

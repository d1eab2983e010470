// Exercise 06: nn.LSTM forward (eval mode) on nested arrays, written from the PyTorch docs.
// weight_ih/weight_hh/bias, each hiddenSize rows. One step, with h, c the previous states:
//   i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
//   g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
//   c' = f*c + i*g    h' = o*tanh(c')    (with projSize > 0: h' = W_hr (o*tanh(c')))

export type Tensor = number | Tensor[];
export type StateDict = Record<string, number[][] | number[]>;
export interface LstmOptions {
  inputSize: number; hiddenSize: number; numLayers?: number; bias?: boolean;
  batchFirst?: boolean; bidirectional?: boolean; projSize?: number;
}

type Vector = number[];
type Matrix = number[][];

/** Never exponentiates a positive number, so it stays finite for every finite a. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

function matVec(W: Matrix, x: Vector): Vector {
  return W.map((row) => {
    let s = 0;
    for (let k = 0; k < row.length; k++) s += row[k]! * x[k]!;
    return s;
  });
}

interface DirectionParams { wIh: Matrix; wHh: Matrix; bIh: Vector | null; bHh: Vector | null; wHr: Matrix | null }

function directionParams(params: StateDict, layer: number, reverse: boolean, bias: boolean, proj: boolean): DirectionParams {
  const suffix = `_l${layer}${reverse ? '_reverse' : ''}`;
  const get = (name: string) => {
    const value = params[name + suffix];
    if (value === undefined) throw new Error(`params has no ${name + suffix}`);
    return value;
  };
  return {
    wIh: get('weight_ih') as Matrix,
    wHh: get('weight_hh') as Matrix,
    bIh: bias ? (get('bias_ih') as Vector) : null,
    bHh: bias ? (get('bias_hh') as Vector) : null,
    wHr: proj ? (get('weight_hr') as Matrix) : null,
  };
}

/** One step of one direction: returns the new (h, c). */
function step(p: DirectionParams, x: Vector, h: Vector, c: Vector): { h: Vector; c: Vector } {
  const H = c.length;
  const fromX = matVec(p.wIh, x);
  const fromH = matVec(p.wHh, h);
  const a = fromX.map((v, k) => v + fromH[k]! + (p.bIh ? p.bIh[k]! : 0) + (p.bHh ? p.bHh[k]! : 0));
  const cNext: Vector = [];
  const m: Vector = [];
  for (let k = 0; k < H; k++) {
    const i = sigmoid(a[k]!);
    const f = sigmoid(a[H + k]!);
    const g = Math.tanh(a[2 * H + k]!);
    const o = sigmoid(a[3 * H + k]!);
    cNext.push(f * c[k]! + i * g);
    m.push(o * Math.tanh(cNext[k]!));
  }
  return { h: p.wHr ? matVec(p.wHr, m) : m, c: cNext };
}

export function lstm(
  opts: LstmOptions, params: StateDict, input: Tensor, state?: { h0: Tensor; c0: Tensor },
): { output: Tensor; hN: Tensor; cN: Tensor } {
  const numLayers = opts.numLayers ?? 1;
  const bias = opts.bias ?? true;
  const dirs = opts.bidirectional ? 2 : 1;
  const H = opts.hiddenSize;
  const proj = (opts.projSize ?? 0) > 0;
  const Hout = proj ? opts.projSize! : H;

  // Work batch-major: seqs[n][t] is the input vector of batch element n at time t.
  const unbatched = !Array.isArray((input as Tensor[][])[0]?.[0]);
  let seqs: Vector[][];
  if (unbatched) seqs = [(input as Vector[]).map((x) => x.slice())];
  else if (opts.batchFirst) seqs = (input as Vector[][]).map((seq) => seq.map((x) => x.slice()));
  else {
    const steps = input as Vector[][];
    seqs = (steps[0] ?? []).map((_, n) => steps.map((atT) => atT[n]!.slice()));
  }
  const N = seqs.length;
  const L = seqs[0]?.length ?? 0;

  // States as [layer * dirs + dir][n]; unbatched states have no batch axis.
  const initial = (given: Tensor | undefined, size: number): Vector[][] => {
    const out: Vector[][] = [];
    for (let s = 0; s < numLayers * dirs; s++) {
      if (given === undefined) out.push(seqs.map(() => new Array<number>(size).fill(0)));
      else if (unbatched) out.push([((given as Vector[])[s]!).slice()]);
      else out.push(((given as Vector[][])[s]!).map((v) => v.slice()));
    }
    return out;
  };
  const hState = initial(state?.h0, Hout);
  const cState = initial(state?.c0, H);

  let layerInput = seqs;
  for (let layer = 0; layer < numLayers; layer++) {
    const layerOutput: Vector[][] = seqs.map(() => Array.from({ length: L }, () => [] as Vector));
    for (let dir = 0; dir < dirs; dir++) {
      const p = directionParams(params, layer, dir === 1, bias, proj);
      const s = layer * dirs + dir;
      for (let n = 0; n < N; n++) {
        let h = hState[s]![n]!;
        let c = cState[s]![n]!;
        for (let k = 0; k < L; k++) {
          const t = dir === 1 ? L - 1 - k : k;
          ({ h, c } = step(p, layerInput[n]![t]!, h, c));
          layerOutput[n]![k]!.push(...h);
        }
        hState[s]![n] = h;
        cState[s]![n] = c;
      }
    }
    layerInput = layerOutput;
  }

  const hN = unbatched ? hState.map((s) => s[0]!) : hState;
  const cN = unbatched ? cState.map((s) => s[0]!) : cState;
  let output: Tensor;
  if (unbatched) output = layerInput[0]!;
  else if (opts.batchFirst) output = layerInput;
  else output = Array.from({ length: L }, (_, t) => layerInput.map((seq) => seq[t]!));
  return { output, hN, cN };
}

// Exercise 07: nn.GRU forward (eval mode) on nested arrays, written from the PyTorch docs.
// weight_ih/weight_hh/bias, each hiddenSize rows. One step, with h the previous state:
//   r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))    h' = (1 - z) * n + z * h
// (The lecture puts r before the product, W·[r*h, x], and weighs the old state by 1 - z; PyTorch does neither.)

export type Tensor = number | Tensor[];
export type StateDict = Record<string, number[][] | number[]>;
export interface GruOptions {
  inputSize: number; hiddenSize: number; numLayers?: number; bias?: boolean;
  batchFirst?: boolean; bidirectional?: boolean;
}

type Vector = number[];
type Matrix = number[][];

/** Never exponentiates a positive number, so it stays finite for every finite a. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** W x + b (b may be absent). */
function affine(W: Matrix, x: Vector, b: Vector | null): Vector {
  return W.map((row, j) => {
    let s = b ? b[j]! : 0;
    for (let k = 0; k < row.length; k++) s += row[k]! * x[k]!;
    return s;
  });
}

interface DirectionParams { wIh: Matrix; wHh: Matrix; bIh: Vector | null; bHh: Vector | null }

function directionParams(params: StateDict, layer: number, reverse: boolean, bias: boolean): DirectionParams {
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
  };
}

function step(p: DirectionParams, x: Vector, h: Vector): Vector {
  const H = h.length;
  const gx = affine(p.wIh, x, p.bIh);
  const gh = affine(p.wHh, h, p.bHh);
  const next: Vector = [];
  for (let k = 0; k < H; k++) {
    const r = sigmoid(gx[k]! + gh[k]!);
    const z = sigmoid(gx[H + k]! + gh[H + k]!);
    const n = Math.tanh(gx[2 * H + k]! + r * gh[2 * H + k]!);
    next.push((1 - z) * n + z * h[k]!);
  }
  return next;
}

export function gru(opts: GruOptions, params: StateDict, input: Tensor, h0?: Tensor): { output: Tensor; hN: Tensor } {
  const numLayers = opts.numLayers ?? 1;
  const bias = opts.bias ?? true;
  const dirs = opts.bidirectional ? 2 : 1;
  const H = opts.hiddenSize;

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
  const hState: Vector[][] = [];
  for (let s = 0; s < numLayers * dirs; s++) {
    if (h0 === undefined) hState.push(seqs.map(() => new Array<number>(H).fill(0)));
    else if (unbatched) hState.push([((h0 as Vector[])[s]!).slice()]);
    else hState.push(((h0 as Vector[][])[s]!).map((v) => v.slice()));
  }

  let layerInput = seqs;
  for (let layer = 0; layer < numLayers; layer++) {
    const layerOutput: Vector[][] = seqs.map(() => Array.from({ length: L }, () => [] as Vector));
    for (let dir = 0; dir < dirs; dir++) {
      const p = directionParams(params, layer, dir === 1, bias);
      const s = layer * dirs + dir;
      for (let n = 0; n < N; n++) {
        let h = hState[s]![n]!;
        for (let k = 0; k < L; k++) {
          const t = dir === 1 ? L - 1 - k : k;
          h = step(p, layerInput[n]![t]!, h);
          // The backward direction's output at time t sits at t, after the forward one's.
          layerOutput[n]![t]!.push(...h);
        }
        hState[s]![n] = h;
      }
    }
    layerInput = layerOutput;
  }

  const hN = unbatched ? hState.map((s) => s[0]!) : hState;
  let output: Tensor;
  if (unbatched) output = layerInput[0]!;
  else if (opts.batchFirst) output = layerInput;
  else output = Array.from({ length: L }, (_, t) => layerInput.map((seq) => seq[t]!));
  return { output, hN };
}

// A mistaken nn.GRU seen in class: the student ported their lecture GRU (exercise 05) to PyTorch's state_dict,
// keeping the lecture's form in both places where PyTorch differs — r scales h before the product
// (W_hn (r * h)) and h' = (1 - z) * h + z * n. The grader must say it used the lecture's convention.

export type Tensor = number | Tensor[];
export type StateDict = Record<string, number[][] | number[]>;
export interface GruOptions {
  inputSize: number; hiddenSize: number; numLayers?: number; bias?: boolean;
  batchFirst?: boolean; bidirectional?: boolean;
}

type Vector = number[];

function sigmoid(a: number): number {
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

/** rows [from, from + H) of W times x, plus the same rows of b */
function part(W: number[][], b: Vector | undefined, from: number, H: number, x: Vector): Vector {
  const out: Vector = [];
  for (let j = from; j < from + H; j++) {
    let s = b ? b[j]! : 0;
    W[j]!.forEach((w, k) => { s += w * x[k]!; });
    out.push(s);
  }
  return out;
}

function gruCell(params: StateDict, sfx: string, bias: boolean, H: number, hPrev: Vector, x: Vector): Vector {
  const Wi = params['weight_ih' + sfx] as number[][];
  const Wh = params['weight_hh' + sfx] as number[][];
  const bi = bias ? (params['bias_ih' + sfx] as Vector) : undefined;
  const bh = bias ? (params['bias_hh' + sfx] as Vector) : undefined;
  const r = part(Wi, bi, 0, H, x).map((v, k) => sigmoid(v + part(Wh, bh, 0, H, hPrev)[k]!));
  const z = part(Wi, bi, H, H, x).map((v, k) => sigmoid(v + part(Wh, bh, H, H, hPrev)[k]!));
  const rh = hPrev.map((h, k) => r[k]! * h);
  const hTilde = part(Wi, bi, 2 * H, H, x).map((v, k) => Math.tanh(v + part(Wh, bh, 2 * H, H, rh)[k]!));
  return hPrev.map((h, k) => (1 - z[k]!) * h + z[k]! * hTilde[k]!);
}

export function gru(opts: GruOptions, params: StateDict, input: Tensor, h0?: Tensor): { output: Tensor; hN: Tensor } {
  const H = opts.hiddenSize;
  const layers = opts.numLayers ?? 1;
  const D = opts.bidirectional ? 2 : 1;
  const bias = opts.bias ?? true;
  const unbatched = !Array.isArray((input as Tensor[][])[0]?.[0]);
  const seqs: Vector[][] = unbatched ? [input as Vector[]]
    : opts.batchFirst ? (input as Vector[][])
    : (input as Vector[][])[0]!.map((_, n) => (input as Vector[][]).map((step) => step[n]!));
  const L = seqs[0]!.length;
  const hN: Vector[][] = [];
  let current = seqs;
  for (let l = 0; l < layers; l++) {
    const next: Vector[][] = seqs.map(() => Array.from({ length: L }, () => []));
    for (let d = 0; d < D; d++) {
      const sfx = `_l${l}${d === 1 ? '_reverse' : ''}`;
      const states: Vector[] = [];
      current.forEach((seq, n) => {
        let h: Vector = h0 === undefined ? new Array<number>(H).fill(0)
          : unbatched ? (h0 as Vector[])[l * D + d]! : (h0 as Vector[][])[l * D + d]![n]!;
        for (let k = 0; k < L; k++) {
          const t = d === 0 ? k : L - 1 - k;
          h = gruCell(params, sfx, bias, H, h, seq[t]!);
          next[n]![t]!.push(...h);
        }
        states.push(h);
      });
      hN.push(states);
    }
    current = next;
  }
  const output: Tensor = unbatched ? current[0]!
    : opts.batchFirst ? current
    : Array.from({ length: L }, (_, t) => current.map((seq) => seq[t]!));
  return { output, hN: unbatched ? hN.map((s) => s[0]!) : hN };
}

// A correct nn.LSTM in another style than the reference: flat Float64Array buffers with explicit strides,
// time-major processing of the whole batch at once, sigmoid via tanh, and an index function for the layout.
// The grader must give it full marks.

export type Tensor = number | Tensor[];
export type StateDict = Record<string, number[][] | number[]>;
export interface LstmOptions {
  inputSize: number; hiddenSize: number; numLayers?: number; bias?: boolean;
  batchFirst?: boolean; bidirectional?: boolean; projSize?: number;
}

const sigma = (x: number): number => 0.5 * (1 + Math.tanh(0.5 * x));

function flatten(m: number[][] | number[]): Float64Array {
  const out: number[] = [];
  for (const row of m) {
    if (Array.isArray(row)) out.push(...row);
    else out.push(row);
  }
  return Float64Array.from(out);
}

export function lstm(
  opts: LstmOptions, params: StateDict, input: Tensor, state?: { h0: Tensor; c0: Tensor },
): { output: Tensor; hN: Tensor; cN: Tensor } {
  const { inputSize, hiddenSize: H } = opts;
  const layers = opts.numLayers ?? 1;
  const D = opts.bidirectional === true ? 2 : 1;
  const P = opts.projSize && opts.projSize > 0 ? opts.projSize : 0;
  const R = P > 0 ? P : H;
  const useBias = opts.bias !== false;

  const x3 = input as number[][][];
  const batched = Array.isArray(x3[0]?.[0]);
  const bf = batched && opts.batchFirst === true;
  const L = batched ? (bf ? x3[0]!.length : x3.length) : x3.length;
  const N = batched ? (bf ? x3.length : x3[0]!.length) : 1;
  const xAt = (t: number, n: number): number[] =>
    batched ? (bf ? x3[n]![t]! : x3[t]![n]!) : (input as number[][])[t]!;

  // Layer input as one flat buffer [t][n][feature].
  let width = inputSize;
  let seq = new Float64Array(L * N * width);
  for (let t = 0; t < L; t++) for (let n = 0; n < N; n++) seq.set(xAt(t, n), (t * N + n) * width);

  const S = layers * D;
  const hOut = new Float64Array(S * N * R);
  const cOut = new Float64Array(S * N * H);
  if (state) {
    const h0 = state.h0 as number[][][] | number[][];
    const c0 = state.c0 as number[][][] | number[][];
    for (let s = 0; s < S; s++) for (let n = 0; n < N; n++) {
      hOut.set(batched ? (h0 as number[][][])[s]![n]! : (h0 as number[][])[s]!, (s * N + n) * R);
      cOut.set(batched ? (c0 as number[][][])[s]![n]! : (c0 as number[][])[s]!, (s * N + n) * H);
    }
  }

  const gates = new Float64Array(4 * H);
  const m = new Float64Array(H);
  for (let l = 0; l < layers; l++) {
    const next = new Float64Array(L * N * D * R);
    for (let d = 0; d < D; d++) {
      const sfx = `_l${l}${d ? '_reverse' : ''}`;
      const Wi = flatten(params['weight_ih' + sfx]!);
      const Wh = flatten(params['weight_hh' + sfx]!);
      const bi = useBias ? flatten(params['bias_ih' + sfx]!) : new Float64Array(4 * H);
      const bh = useBias ? flatten(params['bias_hh' + sfx]!) : new Float64Array(4 * H);
      const Wr = P > 0 ? flatten(params['weight_hr' + sfx]!) : null;
      const s = l * D + d;
      for (let n = 0; n < N; n++) {
        const h = hOut.slice((s * N + n) * R, (s * N + n + 1) * R);
        const c = cOut.slice((s * N + n) * H, (s * N + n + 1) * H);
        for (let step = 0; step < L; step++) {
          const t = d === 0 ? step : L - 1 - step;
          const xOff = (t * N + n) * width;
          for (let g = 0; g < 4 * H; g++) {
            let acc = bi[g]! + bh[g]!;
            for (let k = 0; k < width; k++) acc += Wi[g * width + k]! * seq[xOff + k]!;
            for (let k = 0; k < R; k++) acc += Wh[g * R + k]! * h[k]!;
            gates[g] = acc;
          }
          for (let j = 0; j < H; j++) {
            const ig = sigma(gates[j]!);
            const fg = sigma(gates[H + j]!);
            const gg = Math.tanh(gates[2 * H + j]!);
            const og = sigma(gates[3 * H + j]!);
            c[j] = fg * c[j]! + ig * gg;
            m[j] = og * Math.tanh(c[j]!);
          }
          if (Wr) {
            for (let r = 0; r < P; r++) {
              let acc = 0;
              for (let j = 0; j < H; j++) acc += Wr[r * H + j]! * m[j]!;
              h[r] = acc;
            }
          } else h.set(m);
          next.set(h, ((t * N + n) * D + d) * R);
        }
        hOut.set(h, (s * N + n) * R);
        cOut.set(c, (s * N + n) * H);
      }
    }
    seq = next;
    width = D * R;
  }

  const vec = (buf: Float64Array, off: number, len: number): number[] => Array.from(buf.subarray(off, off + len));
  const states = (buf: Float64Array, size: number): Tensor =>
    Array.from({ length: S }, (_, s) => batched
      ? Array.from({ length: N }, (_, n) => vec(buf, (s * N + n) * size, size))
      : vec(buf, s * size, size));
  let output: Tensor;
  if (!batched) output = Array.from({ length: L }, (_, t) => vec(seq, t * width, width));
  else if (bf) output = Array.from({ length: N }, (_, n) => Array.from({ length: L }, (_, t) => vec(seq, (t * N + n) * width, width)));
  else output = Array.from({ length: L }, (_, t) => Array.from({ length: N }, (_, n) => vec(seq, (t * N + n) * width, width)));
  return { output, hN: states(hOut, R), cN: states(cOut, H) };
}

// One benchmark problem: a single-layer, unidirectional PyTorch-form LSTM or GRU with fixed random parameters and
// inputs in PyTorch's layouts (float64), plus the loss whose gradients the forward+backward runs compute:
//   loss = Σ y·wY + Σ h_n·wH (+ Σ c_n·wC for the LSTM), y (L, N, H) time-major.
// Every engine gets the same numbers (converted to float32 where it computes in float32).

export type Mode = 'LSTM' | 'GRU';

export interface Size {
  /** Short label for tables ("medium"). */
  label: string;
  L: number;
  N: number;
  I: number;
  H: number;
}

export interface Problem extends Size {
  mode: Mode;
  /** Gate blocks: 4 (LSTM i,f,g,o) or 3 (GRU r,z,n). */
  G: number;
  wIh: Float64Array; wHh: Float64Array; bIh: Float64Array; bHh: Float64Array;
  /** (L, N, I) */
  x: Float64Array;
  /** (N, H) initial states; c0 is used by the LSTM only. */
  h0: Float64Array; c0: Float64Array;
  /** Loss weights: (L, N, H), (N, H), (N, H). */
  wY: Float64Array; wH: Float64Array; wC: Float64Array;
}

/** What an engine's call returns: the forward outputs, or the gradients from a forward+backward call. */
export interface Results {
  y?: Float64Array | Float32Array;
  hN?: Float64Array | Float32Array;
  cN?: Float64Array | Float32Array;
  grads?: {
    x: Float64Array | Float32Array;
    wIh: Float64Array | Float32Array;
    wHh: Float64Array | Float32Array;
    /** d/db_ih (equal to d/db_hh for the LSTM; the GRU's differ in the n block). */
    bIh: Float64Array | Float32Array;
    bHh: Float64Array | Float32Array;
    h0: Float64Array | Float32Array;
    c0?: Float64Array | Float32Array;
  };
}

/** Matrix-product floating-point operations of one forward pass: 2·L·N·G·H·(H_in + H) (a multiply-add is 2). */
export const forwardFlops = (p: Size & { G: number }): number => 2 * p.L * p.N * p.G * p.H * (p.I + p.H);
/** Forward+backward counts three times the forward: the backward does twice its products (dX/dh and dW). */
export const forwardBackwardFlops = (p: Size & { G: number }): number => 3 * forwardFlops(p);

/** xorshift32 in [-range, range): deterministic, so every run and engine sees the same numbers. */
function filled(n: number, seed: number, range: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = (s / 4294967296 - 0.5) * 2 * range;
  }
  return out;
}

/** PyTorch's default initialisation range U(-1/√H, 1/√H) for the parameters; inputs and states in [-1, 1). */
export function makeProblem(mode: Mode, size: Size, seed = 1): Problem {
  const G = mode === 'LSTM' ? 4 : 3;
  const { L, N, I, H } = size;
  const k = 1 / Math.sqrt(H);
  return {
    ...size, mode, G,
    wIh: filled(G * H * I, seed + 1, k), wHh: filled(G * H * H, seed + 2, k),
    bIh: filled(G * H, seed + 3, k), bHh: filled(G * H, seed + 4, k),
    x: filled(L * N * I, seed + 5, 1), h0: filled(N * H, seed + 6, 1), c0: filled(N * H, seed + 7, 1),
    wY: filled(L * N * H, seed + 8, 1), wH: filled(N * H, seed + 9, 1), wC: filled(N * H, seed + 10, 1),
  };
}

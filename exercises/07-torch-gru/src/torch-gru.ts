// Exercise 07: torch.nn.GRU's forward pass (eval mode, no dropout) on nested arrays (README.md has the
// equations, the state_dict layout and every shape). Gate blocks inside PyTorch's weights are stacked
// r, z, n, each hiddenSize rows. This is PyTorch's GRU, not the lecture's: r multiplies (W_hn h + b_hn)
// after the product, and h' = (1 - z) * n + z * h. Return new arrays; never write into an argument.
// You may add files next to this one and import them with a relative path ending in `.js`.

/** A tensor as nested arrays, row-major, in PyTorch's shapes (e.g. `(L, N, H_in)` is `input[t][n][k]`). */
export type Tensor = number | Tensor[];
/** The module's `state_dict()`: PyTorch's names (`weight_ih_l0`, `bias_hh_l1_reverse`, ...) and layouts. */
export type StateDict = Record<string, number[][] | number[]>;

export interface GruOptions {
  /** Features per input step, `H_in`. */
  inputSize: number;
  /** Hidden size `H`. */
  hiddenSize: number;
  /** Stacked layers; layer l > 0 reads layer l-1's output. Default 1. */
  numLayers?: number;
  /** Whether `bias_ih_l*` and `bias_hh_l*` exist and are added. Default true. */
  bias?: boolean;
  /** Input and output are `(N, L, ...)` instead of `(L, N, ...)`; `h0` and `hN` are not affected. Default false. */
  batchFirst?: boolean;
  /** A second direction reads the sequence backwards; outputs are concatenated `[forward, backward]`. Default false. */
  bidirectional?: boolean;
}

/**
 * Runs the GRU over `input` (`(L, N, H_in)`, `(N, L, H_in)` with `batchFirst`, or unbatched `(L, H_in)`)
 * from `h0` (zeros when omitted). Returns every step's top-layer hidden state and each layer's and
 * direction's last `h`, in PyTorch's shapes.
 */
export function gru(opts: GruOptions, params: StateDict, input: Tensor, h0?: Tensor): { output: Tensor; hN: Tensor } {
  throw new Error('not implemented: gru (07-torch-gru)');
}

// Exercise 06: torch.nn.LSTM's forward pass (eval mode, no dropout) on nested arrays (README.md has the
// equations, the state_dict layout and every shape). Gate blocks inside PyTorch's weights are stacked
// i, f, g, o, each hiddenSize rows. Return new arrays; never write into an argument.
// You may add files next to this one and import them with a relative path ending in `.js`.

/** A tensor as nested arrays, row-major, in PyTorch's shapes (e.g. `(L, N, H_in)` is `input[t][n][k]`). */
export type Tensor = number | Tensor[];
/** The module's `state_dict()`: PyTorch's names (`weight_ih_l0`, `bias_hh_l1_reverse`, ...) and layouts. */
export type StateDict = Record<string, number[][] | number[]>;

export interface LstmOptions {
  /** Features per input step, `H_in`. */
  inputSize: number;
  /** Cell size `H` (and the hidden size when `projSize` is 0). */
  hiddenSize: number;
  /** Stacked layers; layer l > 0 reads layer l-1's output. Default 1. */
  numLayers?: number;
  /** Whether `bias_ih_l*` and `bias_hh_l*` exist and are added. Default true. */
  bias?: boolean;
  /** Input and output are `(N, L, ...)` instead of `(L, N, ...)`; states are not affected. Default false. */
  batchFirst?: boolean;
  /** A second direction reads the sequence backwards; outputs are concatenated `[forward, backward]`. Default false. */
  bidirectional?: boolean;
  /** When > 0, `h = W_hr (o * tanh(c))` has this size instead of `hiddenSize`. Default 0. */
  projSize?: number;
}

/**
 * Runs the LSTM over `input` (`(L, N, H_in)`, `(N, L, H_in)` with `batchFirst`, or unbatched `(L, H_in)`)
 * from `state` (zeros when omitted). Returns every step's top-layer hidden state and each layer's and
 * direction's last `h` and `c`, in PyTorch's shapes.
 */
export function lstm(
  opts: LstmOptions, params: StateDict, input: Tensor, state?: { h0: Tensor; c0: Tensor },
): { output: Tensor; hN: Tensor; cN: Tensor } {
  throw new Error('not implemented: lstm (06-torch-lstm)');
}

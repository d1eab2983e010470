// Generated arguments of `lstm(opts, params, input, state?)`: a configuration drawn from a check's option
// space, then a state_dict, an input and (maybe) an initial state of exactly PyTorch's shapes for it.
// Sizes stay small (L 1–5, N 1–3, H 1–5) and every number is a multiple of 0.1 (biases nonzero), so
// fast-check shrinks a failure to few layers and steps and to numbers like 0, 0.1 or -1 that a student can
// follow by hand.
import fc from 'fast-check';

export type Tensor = number | Tensor[];
export type StateDict = Record<string, number[][] | number[]>;

/** exercises.md's `LstmOptions`. */
export interface LstmOptions {
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  bidirectional?: boolean;
  projSize?: number;
}

export interface LstmState { h0: Tensor; c0: Tensor }
export type LstmArgs = [opts: LstmOptions, params: StateDict, input: Tensor, state?: LstmState];

/** A feature fixed on, fixed off, or drawn. */
export type Choice = boolean | 'any';

/** The option space one check draws configurations from. */
export interface CaseSpace {
  /** Inclusive range of `numLayers`. */
  layers: [min: number, max: number];
  bias: Choice;
  batchFirst: Choice;
  bidirectional: Choice;
  /** `projSize` in 1..hiddenSize-1 (true), 0 (false), or either. */
  projection: Choice;
  /** Input `(L, H_in)` without a batch axis. */
  unbatched: Choice;
  /** `state` given (true) or omitted (false). */
  initialState: Choice;
}

/** Everything the defaults say: one layer, one direction, `(L, N, H_in)`, biases, no projection, zero state. */
export const BASIC: CaseSpace = {
  layers: [1, 1], bias: true, batchFirst: false, bidirectional: false, projection: false, unbatched: false, initialState: false,
};

export const EVERY_OPTION: CaseSpace = {
  layers: [1, 3], bias: 'any', batchFirst: 'any', bidirectional: 'any', projection: 'any', unbatched: 'any', initialState: 'any',
};

const choice = (c: Choice): fc.Arbitrary<boolean> => (c === 'any' ? fc.boolean() : fc.constant(c));

/** Multiples of 0.1 in [-max, max]; shrinks toward 0. */
const tenths = (max: number): fc.Arbitrary<number> => fc.integer({ min: -10 * max, max: 10 * max }).map((k) => k / 10);

/**
 * Nonzero multiples of 0.1 in [-max, max]; shrinks toward 0.1. Biases never vanish, so every counterexample tells
 * a submission that drops one of PyTorch's two biases from one that drops both.
 */
const nonzeroTenths = (max: number): fc.Arbitrary<number> =>
  fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 10 * max })).map(([negative, k]) => (negative ? -k : k) / 10);

const vector = (n: number, max: number): fc.Arbitrary<number[]> => fc.array(tenths(max), { minLength: n, maxLength: n });
const biasVector = (n: number, max: number): fc.Arbitrary<number[]> => fc.array(nonzeroTenths(max), { minLength: n, maxLength: n });
const matrix = (rows: number, cols: number, max: number): fc.Arbitrary<number[][]> =>
  fc.array(vector(cols, max), { minLength: rows, maxLength: rows });

/** A drawn configuration: the module's options plus the data sizes. */
export interface LstmConfig {
  inputSize: number; hiddenSize: number; projSize: number; numLayers: number; bias: boolean;
  batchFirst: boolean; bidirectional: boolean; unbatched: boolean; initialState: boolean;
  seqLen: number; batch: number;
  /** Write options that have their default value into `opts` too (shrinks to leaving them out). */
  spellDefaults: boolean;
}

export function configArbitrary(space: CaseSpace): fc.Arbitrary<LstmConfig> {
  return fc.record({
    inputSize: fc.integer({ min: 1, max: 5 }),
    hiddenSize: fc.integer({ min: space.projection === true ? 2 : 1, max: 5 }),
    projRaw: fc.integer({ min: 1, max: 4 }),
    projection: choice(space.projection),
    numLayers: fc.integer({ min: space.layers[0], max: space.layers[1] }),
    bias: choice(space.bias),
    batchFirst: choice(space.batchFirst),
    bidirectional: choice(space.bidirectional),
    unbatched: choice(space.unbatched),
    initialState: choice(space.initialState),
    seqLen: fc.integer({ min: 1, max: 5 }),
    batch: fc.integer({ min: 1, max: 3 }),
    spellDefaults: fc.boolean(),
  }).map(({ projRaw, projection, ...c }) => ({
    ...c,
    // PyTorch requires 0 < proj_size < hidden_size.
    projSize: projection && c.hiddenSize > 1 ? Math.min(projRaw, c.hiddenSize - 1) : 0,
    batch: c.unbatched ? 1 : c.batch,
  }));
}

export function optionsOf(c: LstmConfig): LstmOptions {
  const opts: LstmOptions = { inputSize: c.inputSize, hiddenSize: c.hiddenSize };
  if (c.spellDefaults || c.numLayers !== 1) opts.numLayers = c.numLayers;
  if (c.spellDefaults || !c.bias) opts.bias = c.bias;
  if (c.spellDefaults || c.batchFirst) opts.batchFirst = c.batchFirst;
  if (c.spellDefaults || c.bidirectional) opts.bidirectional = c.bidirectional;
  if (c.spellDefaults || c.projSize > 0) opts.projSize = c.projSize;
  return opts;
}

/** The state_dict of `torch.nn.LSTM` for `c`, keys in PyTorch's order. */
function paramsArbitrary(c: LstmConfig): fc.Arbitrary<StateDict> {
  const H = c.hiddenSize;
  const hOut = c.projSize || H;
  const dirs = c.bidirectional ? 2 : 1;
  const entries: fc.Arbitrary<[string, number[][] | number[]]>[] = [];
  for (let layer = 0; layer < c.numLayers; layer++) {
    const inputWidth = layer === 0 ? c.inputSize : dirs * hOut;
    for (let dir = 0; dir < dirs; dir++) {
      const suffix = `_l${layer}${dir === 1 ? '_reverse' : ''}`;
      const entry = (name: string, arb: fc.Arbitrary<number[][] | number[]>) =>
        entries.push(arb.map((v): [string, number[][] | number[]] => [name + suffix, v]));
      entry('weight_ih', matrix(4 * H, inputWidth, 1));
      entry('weight_hh', matrix(4 * H, hOut, 1));
      if (c.bias) {
        entry('bias_ih', biasVector(4 * H, 1));
        entry('bias_hh', biasVector(4 * H, 1));
      }
      if (c.projSize > 0) entry('weight_hr', matrix(c.projSize, H, 1));
    }
  }
  return fc.tuple(...entries).map((kv) => Object.fromEntries(kv));
}

/** A tensor of `shape` with entries in [-max, max]. */
function tensorArbitrary(shape: number[], max: number): fc.Arbitrary<Tensor> {
  if (shape.length === 0) return tenths(max);
  const [n, ...rest] = shape;
  return fc.array(tensorArbitrary(rest, max), { minLength: n!, maxLength: n! });
}

export function inputShape(c: LstmConfig): number[] {
  if (c.unbatched) return [c.seqLen, c.inputSize];
  return c.batchFirst ? [c.batch, c.seqLen, c.inputSize] : [c.seqLen, c.batch, c.inputSize];
}

/** `h0`/`hN` shape (size = projSize || hiddenSize) or `c0`/`cN` shape (size = hiddenSize). */
export function stateShape(c: LstmConfig, size: number): number[] {
  const stack = c.numLayers * (c.bidirectional ? 2 : 1);
  return c.unbatched ? [stack, size] : [stack, c.batch, size];
}

export function argsArbitrary(space: CaseSpace): fc.Arbitrary<LstmArgs> {
  return configArbitrary(space).chain((c) => {
    const opts = optionsOf(c);
    const params = paramsArbitrary(c);
    const input = tensorArbitrary(inputShape(c), 2);
    if (!c.initialState) return fc.tuple(params, input).map(([p, x]): LstmArgs => [opts, p, x]);
    const state = fc.record({
      h0: tensorArbitrary(stateShape(c, c.projSize || c.hiddenSize), 1),
      c0: tensorArbitrary(stateShape(c, c.hiddenSize), 1),
    });
    return fc.tuple(params, input, state).map(([p, x, s]): LstmArgs => [opts, p, x, s]);
  });
}

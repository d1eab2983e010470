// What the kernel bench needs from each engine it compares.
import type { Problem, Results } from './problem.js';

/** One problem set up in one engine: weights loaded, inputs ready, outputs allocated where the engine allows. */
export interface Prepared {
  /** One forward call: inputs in, outputs readable from JavaScript. May return a promise. */
  forward(): unknown;
  /** One forward and backward call (all gradients of the problem's loss), or undefined if the engine has none. */
  forwardBackward?: () => unknown;
  /** The numbers this engine computes, for checking against the float64 reference before anything is timed. */
  results(withGrads: boolean): Promise<Results>;
  dispose(): void;
}

export interface Engine {
  /** Row label in the table. */
  name: string;
  precision: 'float64' | 'float32';
  /** What exactly runs (API, threads), for the notes under the table. */
  note: string;
  /** Size labels this engine runs at; all when absent. */
  sizes?: readonly string[];
  prepare(p: Problem): Promise<Prepared>;
}

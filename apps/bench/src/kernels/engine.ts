// What the kernel bench needs from each engine it compares.
import type { Problem, Results } from './problem.js';

/**
 * One problem set up in one engine: weights loaded, inputs ready, outputs allocated where the engine allows.
 * Every call returns what it computed as JavaScript arrays (what a caller would use), valid until the next call;
 * the bench checks the first call's numbers before timing the rest.
 */
export interface Prepared {
  /** One forward call: y, h_n (and c_n). May return a promise. */
  forward(): Results | Promise<Results>;
  /** One forward and backward call returning every gradient of the problem's loss; absent without a backward. */
  forwardBackward?: () => Results | Promise<Results>;
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
  /** At most this many timed samples at a size label (for engines whose calls take many seconds there). */
  maxSamples?: Readonly<Record<string, number>>;
  prepare(p: Problem): Promise<Prepared>;
}

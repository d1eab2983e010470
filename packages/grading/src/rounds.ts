// A round: the inputs one check draws, with what the student's function and the reference gave on each. The
// student's function runs on them in batches (Sandbox.callMany: one round trip to the isolate per batch, the
// reference computed here while the isolate works), and checks drawing the same inputs (`sameInputsAs`) share
// the round instead of calling the function again. Rounds are filled lazily, batch by batch, so a check that
// fails early does not pay for inputs it never looks at (beyond the one batch run ahead while it judged).
import fc from 'fast-check';
import type { CallOutcome, Sandbox } from './sandbox-types.js';

/** Inputs per batch: small enough that an early failure wastes little, large enough to amortise a round trip. */
export const BATCH_SIZE = 25;

type Reference = (...args: unknown[]) => unknown;

/** A deep copy of generated plain data (arrays, plain objects, primitives): what the reference may not change. */
function clonePlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = clonePlain(value[i]);
    return out as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: clonePlain((value as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
  }
  return out as T;
}

export class Round {
  /** Outcomes so far, in input order; it ends early at the first outcome that is neither `ok` nor `threw`. */
  readonly outcomes: CallOutcome[] = [];
  private readonly expectedBy = new Map<Reference, unknown[]>();
  /** Set once an outcome ended the round (a stub, an endless loop, ...): nothing after it runs. */
  private stopped = false;

  constructor(readonly args: unknown[][]) {}

  /** True once every input ran or an outcome stopped the round. */
  get complete(): boolean {
    return this.stopped || this.outcomes.length >= this.args.length;
  }

  /**
   * Runs the next batch of inputs. While the isolate works, this process computes the batch's reference values
   * and then runs `meanwhile` (the caller judges the previous batch there; it must not use the sandbox).
   */
  runNextBatch(sandbox: Sandbox, exerciseId: string, fn: string, reference: Reference, meanwhile?: () => void): void {
    if (this.complete) return;
    const from = this.outcomes.length;
    const batch = this.args.slice(from, from + BATCH_SIZE);
    const work = (): void => {
      for (let i = 0; i < batch.length; i++) this.expected(reference, from + i);
      meanwhile?.();
    };
    let got: CallOutcome[];
    if (sandbox.callMany) {
      got = sandbox.callMany(exerciseId, fn, batch, work);
    } else {
      got = [];
      for (const args of batch) {
        const o = sandbox.call(exerciseId, fn, args);
        got.push(o);
        if (o.kind !== 'ok' && o.kind !== 'threw') break;
      }
      work();
    }
    this.outcomes.push(...got);
    const last = got[got.length - 1];
    if (got.length < batch.length || (last !== undefined && last.kind !== 'ok' && last.kind !== 'threw')) this.stopped = true;
  }

  /** The reference's value on input `k` (computed once per reference, on a copy of the input). */
  expected(reference: Reference, k: number): unknown {
    let values = this.expectedBy.get(reference);
    if (values === undefined) {
      values = [];
      this.expectedBy.set(reference, values);
    }
    if (!(k in values)) values[k] = reference(...clonePlain(this.args[k]!));
    return values[k];
  }
}

/**
 * Draws a check's inputs exactly as `fc.check` with the same seed and number of runs presents them to a
 * property (it is `fc.check`, with a property that only records), so a later `fc.check` for shrinking sees
 * the same inputs in the same order.
 */
export function drawInputs(arbitrary: fc.Arbitrary<unknown[]>, seed: number, numRuns: number): unknown[][] {
  const drawn: unknown[][] = [];
  fc.check(fc.property(arbitrary, (args) => {
    drawn.push(args);
    return true;
  }), { seed, numRuns });
  return drawn;
}

/** Rounds of one function's checks, by the key their inputs are drawn under and the number of runs. */
export class Rounds {
  private readonly rounds = new Map<string, Round>();

  get(key: string, numRuns: number, draw: () => unknown[][]): Round {
    const id = `${key}\u0000${numRuns}`;
    let round = this.rounds.get(id);
    if (round === undefined) {
      round = new Round(draw());
      this.rounds.set(id, round);
    }
    return round;
  }
}

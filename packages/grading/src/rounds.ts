// A round: the inputs one check draws, with what the student's function and the reference gave on each. The
// student's function runs on them in batches (Sandbox.callMany: one round trip to the isolate per batch, the
// reference computed here while the isolate works), and checks drawing the same inputs (`sameInputsAs`) share
// the round instead of calling the function again. Rounds are filled lazily, batch by batch, so a check that
// fails early does not pay for inputs it never looks at (beyond the one batch run ahead while it judged).
import fc from 'fast-check';
import type { CheckDefinition, ExerciseDefinition } from './definition.js';
import type { CallOutcome, Sandbox } from './sandbox-types.js';
import { deriveSeed } from './seed.js';

/**
 * Inputs in a round's first batch: small enough that an early failure (most wrong submissions fail there) wastes
 * little, large enough to amortise a round trip.
 */
export const BATCH_SIZE = 25;
/**
 * Inputs in each later batch: once the first batch passed, the rest will most likely run too, and every round trip
 * costs both processes (encoding, the pipe, entering the isolate): grading a complete submission with batches of
 * 25 then 75 took 14-21% less CPU in each process than with four batches of 25 (six gradings in one process,
 * alternating).
 */
export const LATER_BATCH_SIZE = 100;

export type Reference = (...args: unknown[]) => unknown;

/**
 * Freezes plain data all the way down (arrays and plain objects), and returns it. Runs once per drawn input, on a
 * cold grading's path: it visits only nested objects (no Object.values copy of every array of numbers), which took
 * the course's 50 rounds from 130–190 ms to 90–110 ms.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (typeof x === 'object' && x !== null) deepFreeze(x);
    }
  } else {
    for (const key of Object.keys(value)) {
      const x = (value as Record<string, unknown>)[key];
      if (typeof x === 'object' && x !== null) deepFreeze(x);
    }
  }
  return Object.freeze(value);
}

/**
 * A check's drawn inputs and the reference's values on them: the same for every submission graded with the same
 * seed, so an `InputBank` can keep them across gradings (a batch worker grades a whole class with one). The
 * inputs are frozen all the way down: nothing may change them (a reference that tried would throw), and a
 * sandbox may then encode each once for every submission (see `encodeBatch` in the sandbox's codec).
 */
export class Drawn {
  private readonly expectedBy = new Map<Reference, unknown[]>();
  /** Gives the inputs' fast-check Values: the ones in hand, or drawn again. Never kept by the Drawn itself. */
  private readonly drawValues: () => readonly fc.Value<unknown[]>[];

  /**
   * `values[k]` is input `k` as fast-check generated it (value and shrink context), or a function that draws
   * them again (for inputs loaded from a cache, or drawn by an InputBank: only a failing check needs them, to shrink).
   */
  constructor(readonly args: readonly unknown[][], values: readonly fc.Value<unknown[]>[] | (() => readonly fc.Value<unknown[]>[])) {
    for (const a of args) deepFreeze(a);
    this.drawValues = typeof values === 'function' ? values : () => values;
  }

  /**
   * Input `k` as fast-check generated it, with the context it shrinks by: what the shrink tree of a failure on it
   * starts from (and keeps, see shrink-tree.ts). The round's Values are drawn again for each such input rather than
   * kept: every round that failed once had kept all its inputs' Values, and their shrink contexts (a few hundred
   * thousand small objects for the course) were most of a batch worker's heap, traced by every full collection.
   */
  value(k: number): fc.Value<unknown[]> {
    const value = this.drawValues()[k];
    if (value === undefined) throw new RangeError(`no input ${k} in a round of ${this.args.length}`);
    return value;
  }

  /** The reference values computed so far (by reference), for saving. */
  knownExpected(): ReadonlyMap<Reference, unknown[]> {
    return this.expectedBy;
  }

  /** Values of `reference` on every input, computed elsewhere (a cache). */
  setExpected(reference: Reference, values: unknown[]): void {
    if (values.length !== this.args.length) throw new RangeError('one reference value per input is needed');
    this.expectedBy.set(reference, values);
  }

  /**
   * The reference's value on input `k` (computed once per reference). References leave their arguments unchanged
   * (CheckDefinition.expected), so they get the input itself: copying every input first was a tenth of a cold
   * grading's reference time, and its garbage.
   */
  expected(reference: Reference, k: number): unknown {
    let values = this.expectedBy.get(reference);
    if (values === undefined) {
      values = [];
      this.expectedBy.set(reference, values);
    }
    if (!(k in values)) values[k] = reference(...this.args[k]!);
    return values[k];
  }
}

/** One grading's outcomes on a check's drawn inputs. */
export class Round {
  /** Outcomes so far, in input order; it ends early at the first outcome that is neither `ok` nor `threw`. */
  readonly outcomes: CallOutcome[] = [];
  /** Set once an outcome ended the round (a stub, an endless loop, ...): nothing after it runs. */
  private stopped = false;

  constructor(private readonly drawn: Drawn) {}

  get args(): readonly unknown[][] {
    return this.drawn.args;
  }

  /** Input `k`'s fast-check Value (drawn again: see Drawn.value). */
  value(k: number): fc.Value<unknown[]> {
    return this.drawn.value(k);
  }

  /** True once every input ran or an outcome stopped the round. */
  get complete(): boolean {
    return this.stopped || this.outcomes.length >= this.drawn.args.length;
  }

  /**
   * Runs the next batch of inputs. While the isolate works, this process computes the batch's reference values
   * and then runs `meanwhile` (the caller judges the previous batch there; it must not use the sandbox).
   */
  runNextBatch(sandbox: Sandbox, exerciseId: string, fn: string, reference: Reference, meanwhile?: () => void): void {
    if (this.complete) return;
    const from = this.outcomes.length;
    const batch = this.drawn.args.slice(from, from + (from === 0 ? BATCH_SIZE : LATER_BATCH_SIZE));
    const work = (): void => {
      for (let i = 0; i < batch.length; i++) this.drawn.expected(reference, from + i);
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

  /** The reference's value on input `k`. */
  expected(reference: Reference, k: number): unknown {
    return this.drawn.expected(reference, k);
  }
}

/** Passes generation through and keeps every generated Value, with the context fast-check shrinks it by. */
class Recording<T> extends fc.Arbitrary<T> {
  readonly values: fc.Value<T>[] = [];

  constructor(private readonly inner: fc.Arbitrary<T>) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    const value = this.inner.generate(mrng, biasFactor);
    this.values.push(value);
    return value;
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.inner.shrink(value, context);
  }
}

/**
 * Draws a check's inputs exactly as `fc.check` with the same seed and number of runs presents them to a
 * property (it is `fc.check`, with a property that only records), so a later `fc.check` sees the same inputs in
 * the same order. Also returns each input's fast-check Value, whose context shrinking needs.
 */
export function drawInputs(arbitrary: fc.Arbitrary<unknown[]>, seed: number, numRuns: number): { args: unknown[][]; values: fc.Value<unknown[]>[] } {
  const drawn: unknown[][] = [];
  const recording = new Recording(arbitrary);
  fc.check(fc.property(recording, (args) => {
    drawn.push(args);
    return true;
  }), { seed, numRuns });
  if (recording.values.length !== drawn.length) throw new Error('fast-check generated a different number of inputs than it ran');
  return { args: drawn, values: recording.values };
}

/**
 * Drawn inputs (and reference values) kept across gradings, by the fast-check seed they were drawn from, the
 * number of runs and the check they were drawn for. Keeps at most `maxRounds` (then starts afresh).
 */
export class InputBank {
  private readonly drawn = new Map<string, Drawn>();

  constructor(private readonly maxRounds = 5000) {}

  /** Every kept round, by its id (seed, number of runs and key). */
  entries(): IterableIterator<[string, Drawn]> {
    return this.drawn.entries();
  }

  /** Keeps `drawn` under the id `get(seed, key, numRuns)` looks it up by (for rounds loaded from a cache). */
  put(seed: number, key: string, numRuns: number, drawn: Drawn): void {
    if (this.drawn.size >= this.maxRounds) this.drawn.clear();
    this.drawn.set(InputBank.id(seed, key, numRuns), drawn);
  }

  /** The kept round, if any, without drawing. */
  peek(seed: number, key: string, numRuns: number): Drawn | undefined {
    return this.drawn.get(InputBank.id(seed, key, numRuns));
  }

  static id(seed: number, key: string, numRuns: number): string {
    return `${seed}\u0000${numRuns}\u0000${key}`;
  }

  get(seed: number, key: string, numRuns: number, draw: () => { args: unknown[][]; values: fc.Value<unknown[]>[] }): Drawn {
    const id = InputBank.id(seed, key, numRuns);
    let found = this.drawn.get(id);
    if (found === undefined) {
      if (this.drawn.size >= this.maxRounds) this.drawn.clear();
      // Only a failing check needs the fast-check Values (to shrink from), and keeping every input's Value and
      // shrink context alive made most of a cold grading's garbage-collection work (each young-generation
      // collection copied them again): a failing check draws its round once more instead, which gives the same
      // Values.
      const { args } = draw();
      found = new Drawn(args, () => draw().values);
      this.drawn.set(id, found);
    }
    return found;
  }
}

/** Rounds of one function's checks in one grading, by the key their inputs are drawn under and the number of runs. */
export class Rounds {
  private readonly rounds = new Map<string, Round>();

  constructor(private readonly bank: InputBank = new InputBank()) {}

  /** Inputs drawn apart from any round (a check's diagnosis inputs), kept in the same bank as the rounds'. */
  drawn(seed: number, key: string, numRuns: number, draw: () => { args: unknown[][]; values: fc.Value<unknown[]>[] }): Drawn {
    return this.bank.get(seed, key, numRuns, draw);
  }

  get(seed: number, key: string, numRuns: number, draw: () => { args: unknown[][]; values: fc.Value<unknown[]>[] }): Round {
    const id = `${key}\u0000${numRuns}`;
    let round = this.rounds.get(id);
    if (round === undefined) {
      round = new Round(this.bank.get(seed, key, numRuns, draw));
      this.rounds.set(id, round);
    }
    return round;
  }
}

/** What `drawAhead` needs to know to draw what a grading will draw. */
export interface DrawAheadOptions {
  seed: number;
  numRuns: number;
  /** Only this check (`<exercise>/<function>/<kind>`). */
  check?: string;
}

/** The key a check's inputs are drawn under: a check with `sameInputsAs` draws its sibling's inputs. */
export const inputsKeyOf = (exerciseId: string, fnName: string, check: CheckDefinition): string =>
  `${exerciseId}/${fnName}/${check.sameInputsAs ?? check.kind}`;

/** One round a grading draws: its key, number of runs, fast-check seed, and the checks judged on it. */
export interface PlannedRound {
  key: string;
  numRuns: number;
  seed: number;
  checks: { id: string; check: CheckDefinition }[];
}

/** The rounds grading `definitions` draws, in grading order, as the runner derives them. */
export function planRounds(definitions: readonly ExerciseDefinition[], options: DrawAheadOptions): PlannedRound[] {
  const rounds = new Map<string, PlannedRound>();
  for (const exercise of definitions) {
    for (const fn of exercise.functions) {
      for (const check of fn.checks) {
        const id = `${exercise.id}/${fn.name}/${check.kind}`;
        if (options.check !== undefined && options.check !== id) continue;
        const key = inputsKeyOf(exercise.id, fn.name, check);
        const numRuns = check.numRuns ?? options.numRuns;
        let round = rounds.get(`${key}\u0000${numRuns}`);
        if (round === undefined) {
          round = { key, numRuns, seed: deriveSeed(options.seed, key), checks: [] };
          rounds.set(`${key}\u0000${numRuns}`, round);
        }
        round.checks.push({ id, check });
      }
    }
  }
  return [...rounds.values()];
}

/**
 * Fills `bank` with what grading `definitions` will draw, one step per call (a round's inputs, then, once all
 * are drawn, one check's reference values on its round): for idle time, such as while the sandbox's process
 * boots. Returns false when there is nothing left to do. Grading later finds everything in the bank.
 */
export function drawAhead(definitions: readonly ExerciseDefinition[], options: DrawAheadOptions, bank: InputBank): () => boolean {
  const work: (() => void)[] = [];
  const references: (() => void)[] = [];
  for (const round of planRounds(definitions, options)) {
    const arbitrary = round.checks[0]!.check.arbitrary;
    const drawn = (): Drawn => bank.get(round.seed, round.key, round.numRuns, () => drawInputs(arbitrary, round.seed, round.numRuns));
    work.push(() => { drawn(); });
    for (const { check } of round.checks) {
      references.push(() => {
        const d = drawn();
        for (let k = 0; k < d.args.length; k++) d.expected(check.expected as Reference, k);
      });
    }
  }
  const steps = [...work, ...references];
  let next = 0;
  return () => {
    if (next >= steps.length) return false;
    steps[next++]!();
    return next < steps.length;
  };
}

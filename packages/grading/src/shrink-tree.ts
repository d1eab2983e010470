// A round's shrink tree, kept across gradings. Shrinking a failure walks fast-check's shrink candidates of the
// failing input, level by level, and which candidate it steps to depends only on which ones fail. Every
// submission that fails on the same drawn input walks the same tree, so a process grading many of them (a batch
// worker) keeps the part of the tree walked so far: the candidates (drawn from fast-check's stream once, then
// frozen, so the sandbox also encodes each only once), the reference's value on each, and each one's call key.
import type fc from 'fast-check';
import { callKey } from './call-key.js';
import { deepFreeze, type Reference } from './rounds.js';

/**
 * Nodes kept in a process before every kept tree is dropped. A node keeps its input, fast-check's shrink context
 * and the reference's value: about 15 KB each for the course (a worker that graded 96 students of the generated
 * class of 200 kept 8 800 nodes, and its heap after a full collection was 140 MB larger than without them), so a
 * worker holds at most about 300 MB of trees.
 */
const MAX_KEPT_NODES = 20_000;

let keptNodes = 0;
/**
 * Root of the tree of each drawn input, by its round's inputs (the `args` of a Drawn), the arbitrary that shrinks it
 * and the input's index. Checks sharing a round (`sameInputsAs`) may each have an arbitrary of their own; each
 * shrinks with its own, as it did before trees were kept.
 */
let roots = new WeakMap<readonly unknown[][], Map<fc.Arbitrary<unknown[]>, Map<number, ShrinkNode>>>();

/** A candidate (or the failing input at the root) and the candidates fast-check offers for it, in order. */
export class ShrinkNode {
  /** The input, frozen all the way down. */
  readonly args: unknown[];
  private readonly children: ShrinkNode[] = [];
  private stream: Iterator<fc.Value<unknown[]>> | undefined;
  private exhausted = false;
  private readonly expectedBy = new Map<Reference, unknown>();
  private key: { fn: string; key: string } | undefined;

  constructor(readonly value: fc.Value<unknown[]>, private readonly arbitrary: fc.Arbitrary<unknown[]>, args?: unknown[]) {
    this.args = deepFreeze(args ?? value.value);
    keptNodes++;
  }

  /** The `index`-th candidate for this input, drawing from fast-check's shrink stream as far as needed; undefined past its end. */
  child(index: number): ShrinkNode | undefined {
    while (this.children.length <= index && !this.exhausted) {
      this.stream ??= this.arbitrary.shrink(this.value.value_, this.value.context)[Symbol.iterator]();
      const next = this.stream.next();
      if (next.done) {
        this.exhausted = true;
        this.stream = undefined;
      } else {
        this.children.push(new ShrinkNode(next.value, this.arbitrary));
      }
    }
    return this.children[index];
  }

  /** The reference's value on this input (computed once per reference; references leave their arguments alone). */
  expected(reference: Reference): unknown {
    if (this.expectedBy.has(reference)) return this.expectedBy.get(reference);
    const value = reference(...this.args);
    this.expectedBy.set(reference, value);
    return value;
  }

  /** `callKey(fn, args)`, kept for the function last asked about (a tree belongs to one function's round). */
  callKey(fn: string): string {
    if (this.key?.fn !== fn) this.key = { fn, key: callKey(fn, this.args) };
    return this.key.key;
  }
}

/**
 * The root of the shrink tree of input `index` of a round (`drawnArgs` are its inputs, `valueOf` gives fast-check's
 * Value of that input, asked only when the root is not kept yet) under `arbitrary`'s shrinker, kept for later gradings
 * while fewer than MAX_KEPT_NODES nodes are kept in all.
 */
export function shrinkRoot(drawnArgs: readonly unknown[][], index: number, valueOf: () => fc.Value<unknown[]>, arbitrary: fc.Arbitrary<unknown[]>): ShrinkNode {
  if (keptNodes > MAX_KEPT_NODES) {
    roots = new WeakMap();
    keptNodes = 0;
  }
  let byArbitrary = roots.get(drawnArgs);
  if (byArbitrary === undefined) {
    byArbitrary = new Map();
    roots.set(drawnArgs, byArbitrary);
  }
  let byIndex = byArbitrary.get(arbitrary);
  if (byIndex === undefined) {
    byIndex = new Map();
    byArbitrary.set(arbitrary, byIndex);
  }
  let root = byIndex.get(index);
  if (root === undefined) {
    root = new ShrinkNode(valueOf(), arbitrary, drawnArgs[index]);
    byIndex.set(index, root);
  }
  return root;
}

/** How many nodes are kept now (for tests). */
export const keptShrinkNodes = (): number => keptNodes;

// A fast arbitrary for grader inputs built from sizes and grids of simple numbers (matrices, vectors, sequences).
//
// Why not fc.record/fc.array: an LSTM step at the largest sizes holds ~600 numbers, and fast-check wraps every
// one in its own shrink tree — generation alone then costs ~1 ms per case, and shrinking walks every number,
// used or not. Here each number is drawn straight from the random source into a slot named by where it sits
// (`f.W[2][3]`), so shrinking a size keeps every other value in place, only the numbers the input actually
// uses are shrunk, and a shrunk counterexample ends at small sizes and simple numbers (0, integers, one decimal).
import fc from 'fast-check';

/** Inclusive range of a size; shrinks toward `min`. */
export type SizeRange = readonly [min: number, max: number];

/**
 * Where numbers come from: uniform on a grid over [min, max], of `decimals` decimals (default 3) or of whole
 * multiples of `step`.
 */
export interface Grid {
  min: number;
  max: number;
  decimals?: number;
  /**
   * Numbers are whole multiples of `step` instead (`decimals` is then ignored). A coarse binary step such as
   * max/8 keeps every number exact and far from 0, so a wrong formula is off by a visible amount.
   */
  step?: number;
  /** Where shrinking heads (default: 0 when inside the range, else the roundest number nearest 0). */
  simplest?: number;
}

/** `{ min: -max, max }`: the symmetric grid used for weights, states and inputs. */
export const symmetric = (max: number, decimals = 3): Grid => ({ min: -max, max, decimals });
/** The open interval (0, 1) on a 3-decimal grid: a gate's value. */
export const openUnit: Grid = { min: 0.001, max: 0.999, decimals: 3, simplest: 0.5 };
/**
 * [-max, max] in steps of max/8. Not fc.double: that draws uniformly over the representable doubles, so nine
 * draws in ten would be below 1e-20 and every gate would see zeros. The coarse grid keeps counterexamples
 * readable and their errors visible: shrinking stops at values like 0.125, exact in binary, not at 0.001 where a
 * wrong formula is off by less than 1e-5.
 */
export const coarse = (max: number): Grid => ({ min: -max, max, step: max / 8 });
/** [0, 1] in steps of 1/8: a gate's value on the coarse grid. */
export const coarseUnit: Grid = { min: 0, max: 1, step: 1 / 8 };

/** Draws numbers into named slots while an input is built. */
export interface Draw {
  /** One number at slot `name`. */
  number(name: string, grid: Grid): number;
  /** `n` numbers at `name[0..n)`. */
  vector(name: string, n: number, grid: Grid): number[];
  /** `rows` x `cols` numbers at `name[r][c]`. */
  matrix(name: string, rows: number, cols: number, grid: Grid): number[][];
}

/** The numbers of one named slot: `rows[r][c]` for a matrix, `rows[0][k]` for a vector, `rows[0][0]` for a number. */
interface Slot { grid: Grid; rows: number[][] }

interface State {
  sizes: Record<string, number>;
  /** Slots by name; numbers are drawn on first use and never removed (sizes only shrink). */
  slots: Map<string, Slot>;
}

/** One number's place, for shrinking it. */
interface Place { name: string; r: number; c: number }

/** Grid points are `k * unit / per` for whole k: `1 / 10^decimals`, or `step / 1` (both exact for the grids used). */
const unitsOf = (g: Grid): { unit: number; per: number } =>
  g.step !== undefined ? { unit: g.step, per: 1 } : { unit: 1, per: 10 ** (g.decimals ?? 3) };
const pointAt = (k: number, g: Grid): number => {
  const { unit, per } = unitsOf(g);
  return (k * unit) / per + 0;
};
/** The whole k of the grid point nearest `v`. */
const indexOf = (v: number, g: Grid): number => {
  const { unit, per } = unitsOf(g);
  return Math.round((v * per) / unit);
};
/** The simplest number of a grid: 0 if it is inside, else the end nearest 0 rounded to fewer digits when possible. */
function simplest(g: Grid): number {
  if (g.simplest !== undefined) return g.simplest;
  if (g.min <= 0 && g.max >= 0) return 0;
  if (g.step !== undefined) return g.min > 0 ? pointAt(Math.ceil(g.min / g.step), g) : pointAt(Math.floor(g.max / g.step), g);
  const near = g.min > 0 ? g.min : g.max;
  for (const d of [0, 1, 2]) {
    const r = Math.round(near * 10 ** d) / 10 ** d;
    if (r >= g.min && r <= g.max) return r;
  }
  return near;
}

/**
 * Simpler values to try for `v`, simplest first: the grid's simplest number, then `v` with fewer digits, then
 * (for large numbers) halfway there. No tiny steps: a counterexample should read `i = 0.7`, not `i = 0.499`,
 * so the error it shows stays as large as the mistake makes it.
 */
function simplerValues(v: number, g: Grid): number[] {
  const target = simplest(g);
  const out: number[] = [];
  const push = (c: number) => {
    const x = pointAt(indexOf(c, g), g);
    if (x >= g.min && x <= g.max && x !== v && !out.includes(x) && Math.abs(x - target) < Math.abs(v - target)) out.push(x);
  };
  push(target);
  if (g.step !== undefined) {
    // A coarse grid has few points: halfway there, then one point nearer (as fc.integer shrinks).
    const k = indexOf(v, g);
    const t = indexOf(target, g);
    push(pointAt(t + Math.trunc((k - t) / 2), g));
    push(pointAt(k - Math.sign(k - t), g));
    return out;
  }
  push(Math.trunc(v));
  push(Math.round(v));
  push(Math.trunc(v * 10) / 10);
  push(Math.round(v * 10) / 10);
  push(Math.trunc(v * 100) / 100);
  if (Math.abs(v - target) >= 10) push(Math.round(target + (v - target) / 2));
  return out;
}

type Source = ((lo: number, hi: number) => number) | null;

/**
 * Reads (and, while generating, draws) numbers. `places` collects every number the build used, in order, when
 * given — only while shrinking, so generation stays cheap.
 */
function drawer(state: State, source: Source, places?: Place[]): Draw {
  const block = (name: string, rows: number, cols: number, grid: Grid): number[][] => {
    let slot = state.slots.get(name);
    if (!slot) {
      slot = { grid, rows: [] };
      state.slots.set(name, slot);
    }
    const { unit, per } = unitsOf(grid);
    const lo = Math.ceil((grid.min * per) / unit);
    const hi = Math.floor((grid.max * per) / unit);
    const out: number[][] = new Array<number[]>(rows);
    for (let r = 0; r < rows; r++) {
      const row = (slot.rows[r] ??= []);
      const copy = new Array<number>(cols);
      for (let c = 0; c < cols; c++) {
        let v = row[c];
        if (v === undefined) {
          // While shrinking, a number that was never drawn (a slot shortened by removing an index) is the simplest.
          v = source === null ? simplest(grid) : (source(lo, hi) * unit) / per + 0;
          row[c] = v;
        }
        copy[c] = v;
        places?.push({ name, r, c });
      }
      out[r] = copy;
    }
    return out;
  };
  return {
    number: (name, grid) => block(name, 1, 1, grid)[0]![0]!,
    vector: (name, n, grid) => block(name, 1, n, grid)[0]!,
    matrix: (name, rows, cols, grid) => block(name, rows, cols, grid),
  };
}

const copySlots = (slots: Map<string, Slot>): Map<string, Slot> =>
  new Map([...slots].map(([k, s]) => [k, { grid: s.grid, rows: s.rows.map((row) => row.slice()) }]));

class SizedInput<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly ranges: Record<string, SizeRange>,
    private readonly build: (sizes: Record<string, number>, draw: Draw) => T,
  ) {
    super();
  }

  private make(sizes: Record<string, number>, slots: Map<string, Slot>, source: Source): fc.Value<T> {
    const state: State = { sizes, slots };
    return new fc.Value(this.build(sizes, drawer(state, source)), state);
  }

  generate(mrng: fc.Random): fc.Value<T> {
    const sizes: Record<string, number> = {};
    for (const [name, [min, max]] of Object.entries(this.ranges)) sizes[name] = mrng.nextInt(min, max);
    return this.make(sizes, new Map(), (lo, hi) => mrng.nextInt(lo, hi));
  }

  canShrinkWithoutContext(_value: unknown): _value is T {
    return false;
  }

  shrink(_value: T, context: unknown): fc.Stream<fc.Value<T>> {
    const state = context as State | undefined;
    if (!state) return fc.Stream.nil();
    return new fc.Stream(this.candidates(state));
  }

  private *candidates(state: State): IterableIterator<fc.Value<T>> {
    // 1. Smaller sizes (numbers stay in their slots).
    for (const [name, [min]] of Object.entries(this.ranges)) {
      const v = state.sizes[name]!;
      const tries = [...new Set([min, Math.floor((v + min) / 2), v - 1])].filter((s) => s >= min && s < v);
      for (const s of tries) yield this.make({ ...state.sizes, [name]: s }, state.slots, null);
    }
    const places: Place[] = [];
    this.build(state.sizes, drawer({ sizes: state.sizes, slots: state.slots }, null, places));
    // 2. One size smaller by removing an inner index j instead of the last one, so the entry that matters can
    // move down (a failure caused by b[1] alone still shrinks to size 1). Slots whose used rows or columns
    // equal the size are taken to run along it.
    const extent = new Map<string, { rows: number; cols: number }>();
    for (const p of places) {
      const e = extent.get(p.name) ?? { rows: 0, cols: 0 };
      extent.set(p.name, { rows: Math.max(e.rows, p.r + 1), cols: Math.max(e.cols, p.c + 1) });
    }
    for (const [name, [min]] of Object.entries(this.ranges)) {
      const v = state.sizes[name]!;
      if (v - 1 < min) continue;
      for (let j = 0; j < v - 1; j++) {
        const slots = copySlots(state.slots);
        for (const [slotName, e] of extent) {
          const slot = slots.get(slotName)!;
          if (e.rows === v && v > 1) slot.rows.splice(j, 1);
          if (e.cols === v && v > 1) for (const row of slot.rows) row.splice(j, 1);
        }
        yield this.make({ ...state.sizes, [name]: v - 1 }, slots, null);
      }
    }
    // 3. Every number the input uses at its simplest at once, then 4. one number at a time.
    const at = (p: Place): number => state.slots.get(p.name)!.rows[p.r]![p.c]!;
    const gridOf = (p: Place): Grid => state.slots.get(p.name)!.grid;
    const open = places.filter((p) => at(p) !== simplest(gridOf(p)));
    if (open.length > 1) {
      const slots = copySlots(state.slots);
      for (const p of open) slots.get(p.name)!.rows[p.r]![p.c] = simplest(gridOf(p));
      yield this.make(state.sizes, slots, null);
    }
    for (const p of open) {
      for (const candidate of simplerValues(at(p), gridOf(p))) {
        const slots = copySlots(state.slots);
        slots.get(p.name)!.rows[p.r]![p.c] = candidate;
        yield this.make(state.sizes, slots, null);
      }
    }
  }
}

/**
 * An arbitrary whose values are built by `build(sizes, draw)`: sizes are drawn from `sizes`' ranges, numbers
 * from `draw`'s grids. `build` must be pure and may only ask for more slots when sizes are larger. Name slots
 * so a number keeps its name when a size shrinks: a W acting on [h, x] is two blocks, not one `hidden + input` wide.
 *
 * @example
 * const gateArgs = sizedInput({ hidden: [1, 8], input: [1, 8] }, ({ hidden, input }, d) => {
 *   const Wh = d.matrix('Wh', hidden, hidden, symmetric(1));
 *   const Wx = d.matrix('Wx', hidden, input, symmetric(1));
 *   return [{ W: Wh.map((row, r) => [...row, ...Wx[r]!]), b: d.vector('b', hidden, symmetric(1)) },
 *     d.vector('hPrev', hidden, symmetric(1)), d.vector('x', input, symmetric(2))];
 * });
 */
export function sizedInput<T>(sizes: Record<string, SizeRange>, build: (sizes: Record<string, number>, draw: Draw) => T): fc.Arbitrary<T> {
  return new SizedInput(sizes, build);
}

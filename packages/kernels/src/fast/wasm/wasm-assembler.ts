// A minimal WebAssembly assembler: enough of the binary format (WebAssembly Core 2.0 with the fixed-width SIMD
// proposal) to build the fast kernels' module in TypeScript, since this project has no wasm toolchain and commits no
// binaries. Instructions are written as nested expressions, like binaryen's API: `f64x2.add(get(s), load(p))`
// returns the bytes that push both operands and then add them. Only the opcodes the kernels use are here; each
// is named as in the text format, so a body reads like the .wat it encodes.

/**
 * Encoded instructions: bytes, as a tree of fragments in order (operands before their opcode). Fragments are nested
 * rather than concatenated as they are built, and flattened once per function, so building costs linear time.
 */
export type Code = readonly (number | Code)[];

/** The bytes of `code` in order. */
export function flatten(code: Code, out: number[] = []): number[] {
  for (const part of code) {
    if (typeof part === 'number') out.push(part);
    else flatten(part, out);
  }
  return out;
}

export type ValueType = 'i32' | 'i64' | 'f64' | 'v128';

const TYPE_BYTE: Record<ValueType, number> = { i32: 0x7f, i64: 0x7e, f64: 0x7c, v128: 0x7b };

/** A function's parameter or local, by index. */
export interface Local {
  readonly index: number;
  readonly type: ValueType;
}

/** Unsigned LEB128 (sizes, indices, alignments, offsets). */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of an i32 (i32.const). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const signBitSet = (byte & 0x40) !== 0;
    if ((v === 0 && !signBitSet) || (v === -1 && signBitSet)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const F64 = new Float64Array(1);
const I64 = new BigInt64Array(F64.buffer);
const BYTES = new Uint8Array(F64.buffer);
const f64Bytes = (x: number): number[] => { F64[0] = x; return Array.from(BYTES); };
const i64Bytes = (x: number): number[] => { I64[0] = BigInt(x); return Array.from(BYTES); };

/** Code fragments one after another (operands first, then the opcode, as the stack machine wants). */
export const seq = (...parts: Code[]): Code => parts;

const op = (...bytes: number[]) => (...operands: Code[]): Code => [...operands, bytes];
// SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128.
const simd = (opcode: number, ...immediates: number[]) => op(0xfd, ...uleb(opcode), ...immediates);
/** memarg: log2 of the natural alignment (a hint only; unaligned access is allowed), then a byte offset. */
const memarg = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];

// Locals and control. Loops are structured so no body needs a branch depth of its own.
export const get = (l: Local): Code => [0x20, ...uleb(l.index)];
export const set = (l: Local, value: Code): Code => [value, 0x21, ...uleb(l.index)];
const EMPTY_BLOCK = 0x40;
/** while (cond) { body }: block { loop { br_if 1 (!cond); body; br 0 } }. */
export const whileLoop = (cond: Code, ...body: Code[]): Code =>
  [0x02, EMPTY_BLOCK, 0x03, EMPTY_BLOCK, cond, 0x45, 0x0d, 1, body, 0x0c, 0, 0x0b, 0x0b];
/** if (cond) { then } else { otherwise }, as statements. */
export const ifThen = (cond: Code, then: Code[], otherwise: Code[] = []): Code =>
  [cond, 0x04, EMPTY_BLOCK, then, otherwise.length ? [0x05, otherwise] : [], 0x0b];
/** cond ? a : b for numbers (both are evaluated). */
export const select = (a: Code, b: Code, cond: Code): Code => [a, b, cond, 0x1b];

export const i32 = {
  const: (n: number): Code => [0x41, ...sleb(n | 0)],
  eqz: op(0x45), lt_s: op(0x48), gt_s: op(0x4a), le_s: op(0x4c), ge_s: op(0x4e),
  add: op(0x6a), sub: op(0x6b), mul: op(0x6c), and: op(0x71), or: op(0x72), shl: op(0x74),
};

export const f64 = {
  const: (x: number): Code => [0x44, ...f64Bytes(x)],
  load: (addr: Code, offset = 0): Code => [addr, 0x2b, ...memarg(3, offset)],
  store: (addr: Code, value: Code, offset = 0): Code => [addr, value, 0x39, ...memarg(3, offset)],
  add: op(0xa0),
};

export const v128 = {
  load: (addr: Code, offset = 0): Code => simd(0x00, ...memarg(4, offset))(addr),
  /** One f64 into lane 0, zero into lane 1. */
  load64_zero: (addr: Code, offset = 0): Code => simd(0x5d, ...memarg(3, offset))(addr),
  /** One f64 into both lanes. */
  load64_splat: (addr: Code, offset = 0): Code => simd(0x0a, ...memarg(3, offset))(addr),
  store: (addr: Code, value: Code, offset = 0): Code => simd(0x0b, ...memarg(4, offset))(addr, value),
  /** Stores lane `lane` only. */
  store64_lane: (addr: Code, value: Code, lane: 0 | 1, offset = 0): Code => simd(0x5b, ...memarg(3, offset), lane)(addr, value),
  /** Bits of `ifSet` where `mask` has ones, of `ifClear` elsewhere. */
  bitselect: (ifSet: Code, ifClear: Code, mask: Code): Code => simd(0x52)(ifSet, ifClear, mask),
};

export const f64x2 = {
  /** Both lanes equal to x. */
  const: (x: number): Code => [0xfd, ...uleb(0x0c), ...f64Bytes(x), ...f64Bytes(x)],
  extract_lane: (v: Code, lane: 0 | 1): Code => simd(0x21, lane)(v),
  /** All ones in a lane where a ≥ b, else zeros. */
  ge: simd(0x4c),
  abs: simd(0xec), neg: simd(0xed), add: simd(0xf0), sub: simd(0xf1), mul: simd(0xf2), div: simd(0xf3),
  max: simd(0xf5),
  /** pmax(a, b) = a < b ? b : a: one x86 maxpd, where max's NaN and ±0 rules take several instructions. */
  pmax: simd(0xf7),
};

export const i64x2 = {
  /** Both lanes equal to n. */
  const: (n: number): Code => [0xfd, ...uleb(0x0c), ...i64Bytes(n), ...i64Bytes(n)],
  shl: simd(0xcb), add: simd(0xce),
};

/** One function of a module: its export name, signature, extra locals and body. */
export interface FunctionDef {
  name: string;
  params: readonly ValueType[];
  result: ValueType | null;
  locals: readonly ValueType[];
  /** The body's instructions as bytes (without the locals or the final `end`). */
  body: number[];
}

/**
 * Declares a function whose parameters and locals are named: `body` receives a `Local` per name, parameters
 * first in the order given (their order is the exported signature).
 */
export function defineFunction<P extends string, L extends string>(spec: {
  name: string;
  params: Readonly<Record<P, ValueType>>;
  locals: Readonly<Record<L, ValueType>>;
  result?: ValueType;
  body: (v: Readonly<Record<P | L, Local>>) => Code[];
}): FunctionDef {
  const v = {} as Record<P | L, Local>;
  const params = Object.entries(spec.params) as [P, ValueType][];
  const locals = Object.entries(spec.locals) as [L, ValueType][];
  [...params, ...locals].forEach(([name, type], index) => { v[name] = { index, type }; });
  return {
    name: spec.name, params: params.map(([, t]) => t), result: spec.result ?? null,
    locals: locals.map(([, t]) => t), body: flatten(spec.body(v)),
  };
}

/** A vector: its length, then its items' bytes. Built by pushing, since spreading large arrays is slow. */
function vector(items: readonly Code[]): number[] {
  return flatten(items, uleb(items.length));
}

const section = (id: number, content: number[]): Code => [id, uleb(content.length), content];

/**
 * A module importing one memory (`env.memory`, at least `minPages` 64 KiB pages) and exporting `functions`.
 * Each function gets its own type entry; duplicates are harmless.
 */
export function assembleModule(functions: readonly FunctionDef[], minPages = 1): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, vector(f.params.map((t) => [TYPE_BYTE[t]])), vector(f.result ? [[TYPE_BYTE[f.result]]] : [])]);
  const name = (s: string): Code => { const b = Array.from(new TextEncoder().encode(s)); return [uleb(b.length), b]; };
  const memoryImport = [name('env'), name('memory'), 0x02, 0x00, uleb(minPages)];
  const exports = functions.map((f, i) => [name(f.name), 0x00, uleb(i)]);
  const bodies = functions.map((f) => {
    // Locals are declared in runs of one type: (count, type) pairs.
    const runs: [number, number][] = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === TYPE_BYTE[t]) last[0]++;
      else runs.push([1, TYPE_BYTE[t]]);
    }
    const content = flatten([vector(runs.map(([count, type]) => [uleb(count), type])), f.body, 0x0b]);
    return [uleb(content.length), content];
  });
  return new Uint8Array(flatten([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    section(1, vector(types)),
    section(2, vector([memoryImport])),
    section(3, vector(functions.map((_, i) => uleb(i)))),
    section(7, vector(exports)),
    section(10, vector(bodies)),
  ]));
}

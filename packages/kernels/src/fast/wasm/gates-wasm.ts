// The gate nonlinearities of one time step, in WebAssembly SIMD (two units per f64x2), for the wasm layer kernels.
// Same equations and tape layout as ../lstm-layer-fast.ts and ../gru-layer-fast.ts (LSTM blocks i, f, g, o; GRU
// blocks r, z, n); offsets are in float64 elements of the module's memory.
//
// exp has no SIMD instruction, so it is computed here, as e^y - 1 and only ever for y ≤ 0 (as sigmoidFast and
// tanhOneExp take e^-|x|, which is what keeps them from overflowing): y = k·ln 2 + r with k = round(y/ln 2) (ln 2 in
// two parts, so k·LN2_HI is exact) and |r| ≤ ln2/2; e^r - 1 by its Taylor series to r^13/13! (the next term is
// below 6e-18 relative), and e^y - 1 = 2^k·(e^r - 1) + (2^k - 1) with 2^k built in the exponent bits. Keeping the
// "- 1" inside gives tanh's 1 - e^-2|x| without cancellation near 0, so no series branch is needed there (sigmoid
// takes e^y itself, which stays accurate where it is tiny). y is
// clamped at -708 so 2^k stays a normal number; below that e^y < 4e-308 only ever meets 1 + e^y.
// Within 3 ulps (sigmoid) and 4 ulps (tanh) of the correctly rounded ones (gates-wasm.test.ts; 2 and 3 seen).
import {
  type Code, defineFunction, f64x2, type FunctionDef, get, i32, i64x2, ifThen, type Local, set, seq, v128, whileLoop,
} from './wasm-assembler.js';

const LOG2E = 1.4426950408889634;
// fdlibm's split of ln 2: LN2_HI has 32 significant bits, so k·LN2_HI is exact for every k used here.
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const EXP_MIN_ARG = -708;
/** 1.5·2^52: adding it to |v| < 2^51 rounds v to an integer held in the significand's low bits. */
const ROUNDING_MAGIC = 6755399441055744;
/** 1/n! for n = 0..13. */
const TAYLOR = Array.from({ length: 14 }, (_, n) => { let f = 1; for (let i = 2; i <= n; i++) f *= i; return 1 / f; });
const SIGN_BIT = -(2 ** 63);

/** Temporaries the activation macros overwrite. */
export interface ActivationTemps {
  a: Local; e: Local; k: Local; kf: Local; r: Local; r2: Local; r4: Local;
}

/**
 * e^r - 1 = Σ_{n≥1} r^n/n! by Estrin's scheme: pairs c_2i + c_2i+1·r (the first is just r), combined with r², r⁴,
 * r⁸. Its dependency chain is 4 multiply-adds long where Horner's is 13; the gate loops are latency-bound.
 */
function expm1Series(t: ActivationTemps): Code {
  const c = (n: number) => f64x2.const(TAYLOR[n]!);
  const pair = (n: number) => f64x2.add(c(n), f64x2.mul(c(n + 1), get(t.r)));
  const u0 = f64x2.add(get(t.r), f64x2.mul(pair(2), get(t.r2)));
  const u1 = f64x2.add(pair(4), f64x2.mul(pair(6), get(t.r2)));
  const u2 = f64x2.add(pair(8), f64x2.mul(pair(10), get(t.r2)));
  const v0 = f64x2.add(u0, f64x2.mul(u1, get(t.r4)));
  const v1 = f64x2.add(u2, f64x2.mul(pair(12), get(t.r4)));
  return f64x2.add(v0, f64x2.mul(v1, f64x2.mul(get(t.r4), get(t.r4))));
}

/**
 * out = e^y - 1 (`minusOne`) or e^y per lane, for y ≤ 0 (or NaN) held in local `y`, which is clamped in place.
 * Both come from 2^k·(e^r - 1) plus 2^k - 1 or 2^k, each accurate to its own magnitude. Overwrites k, r, r2, r4.
 */
function expNonPositive(y: Local, out: Local, t: ActivationTemps, minusOne: boolean): Code {
  // kf = y/ln2 + 1.5·2^52 rounds y/ln2 to the nearest integer k and leaves k in the low bits of kf's significand,
  // so (bits(kf) + 1023) << 52 is 2^k (the shift drops everything above the exponent field).
  const twoToK = i64x2.shl(i64x2.add(get(t.kf), i64x2.const(1023)), i32.const(52));
  return seq(
    // pmax(y, MIN) = y < MIN ? MIN : y, so a NaN y stays NaN.
    set(y, f64x2.pmax(get(y), f64x2.const(EXP_MIN_ARG))),
    set(t.kf, f64x2.add(f64x2.mul(get(y), f64x2.const(LOG2E)), f64x2.const(ROUNDING_MAGIC))),
    set(t.k, f64x2.sub(get(t.kf), f64x2.const(ROUNDING_MAGIC))),
    set(t.r, f64x2.sub(f64x2.sub(get(y), f64x2.mul(get(t.k), f64x2.const(LN2_HI))), f64x2.mul(get(t.k), f64x2.const(LN2_LO)))),
    set(t.r2, f64x2.mul(get(t.r), get(t.r))),
    set(t.r4, f64x2.mul(get(t.r2), get(t.r2))),
    set(t.k, twoToK),
    set(out, f64x2.add(f64x2.mul(expm1Series(t), get(t.k)), minusOne ? f64x2.sub(get(t.k), f64x2.const(1)) : get(t.k))),
  );
}

/** out = σ(x) = x ≥ 0 ? 1/(1 + e) : e/(1 + e) with e = e^-|x| (sigmoidFast's formula, one division). */
export function sigmoid(x: Local, out: Local, t: ActivationTemps): Code {
  return seq(
    set(t.e, f64x2.neg(f64x2.abs(get(x)))),
    expNonPositive(t.e, t.e, t, false),
    set(out, f64x2.div(
      v128.bitselect(f64x2.const(1), get(t.e), f64x2.ge(get(x), f64x2.const(0))),
      f64x2.add(f64x2.const(1), get(t.e)),
    )),
  );
}

/** out = tanh x = sign(x)·(1 - e)/(1 + e) with e = e^-2|x|, from e - 1 (so tanh(±0) = ±0 and tiny x stay exact). */
export function tanh(x: Local, out: Local, t: ActivationTemps): Code {
  return seq(
    set(t.a, f64x2.mul(f64x2.abs(get(x)), f64x2.const(-2))),
    expNonPositive(t.a, t.e, t, true),
    set(t.e, f64x2.div(f64x2.neg(get(t.e)), f64x2.add(f64x2.const(2), get(t.e)))),
    set(out, v128.bitselect(get(x), get(t.e), i64x2.const(SIGN_BIT))),
  );
}

/** How one lane pair is read and written: two units at once, or (for an odd last unit) one in lane 0. */
interface LaneAccess {
  load: (addr: Code) => Code;
  store: (addr: Code, value: Code) => Code;
}
const PAIR: LaneAccess = { load: (addr) => v128.load(addr), store: (addr, value) => v128.store(addr, value) };
const LAST: LaneAccess = { load: (addr) => v128.load64_splat(addr), store: (addr, value) => v128.store64_lane(addr, value, 0) };

/**
 * Runs `unit` over k = 0..H-1 of each of N rows, two units per step, the odd last one in lane 0. `rowStart` sets the
 * row's pointers for entry n (local `n`); `unit` reads and writes at byte offset `p` from them.
 */
function overUnits(v: { n: Local; N: Local; H: Local; p: Local; pairBytes: Local }, rowStart: Code, unit: (io: LaneAccess) => Code): Code {
  return seq(
    set(v.pairBytes, i32.shl(i32.and(get(v.H), i32.const(~1)), i32.const(3))),
    set(v.n, i32.const(0)),
    whileLoop(i32.lt_s(get(v.n), get(v.N)),
      rowStart,
      set(v.p, i32.const(0)),
      whileLoop(i32.lt_s(get(v.p), get(v.pairBytes)), unit(PAIR), set(v.p, i32.add(get(v.p), i32.const(16)))),
      ifThen(i32.and(get(v.H), i32.const(1)), [unit(LAST)]),
      set(v.n, i32.add(get(v.n), i32.const(1)))),
  );
}

const TEMPS = { a: 'v128', e: 'v128', k: 'v128', kf: 'v128', r: 'v128', r2: 'v128', r4: 'v128' } as const;
const bytesOf = (elements: Code): Code => i32.shl(elements, i32.const(3));
/** Byte address of element `off + n*width`. */
const rowAddress = (off: Local, n: Local, width: Code): Code => bytesOf(i32.add(get(off), i32.mul(get(n), width)));

/**
 * One LSTM step's gates for N entries, in place: gates (N x 4H at gOff) hold the pre-activations on entry and
 * i, f, g, o after; c = f*cPrev + i*g and m = o*tanh(c) are written (N x H each).
 */
export function lstmGatesFunction(): FunctionDef {
  return defineFunction({
    name: 'lstmGates',
    params: { N: 'i32', H: 'i32', gOff: 'i32', cPrevOff: 'i32', cOff: 'i32', mOff: 'i32' },
    locals: {
      n: 'i32', p: 'i32', pairBytes: 'i32', blockBytes: 'i32', pi: 'i32', pf: 'i32', pg: 'i32', po: 'i32', pcPrev: 'i32', pc: 'i32', pm: 'i32',
      x: 'v128', i: 'v128', f: 'v128', g: 'v128', o: 'v128', c: 'v128', th: 'v128', ...TEMPS,
    },
    body: (v) => {
      const at = (ptr: Local) => i32.add(get(ptr), get(v.p));
      const rowStart = seq(
        set(v.blockBytes, bytesOf(get(v.H))),
        set(v.pi, rowAddress(v.gOff, v.n, i32.shl(get(v.H), i32.const(2)))),
        set(v.pf, i32.add(get(v.pi), get(v.blockBytes))),
        set(v.pg, i32.add(get(v.pf), get(v.blockBytes))),
        set(v.po, i32.add(get(v.pg), get(v.blockBytes))),
        set(v.pcPrev, rowAddress(v.cPrevOff, v.n, get(v.H))),
        set(v.pc, rowAddress(v.cOff, v.n, get(v.H))),
        set(v.pm, rowAddress(v.mOff, v.n, get(v.H))),
      );
      const unit = (io: LaneAccess) => seq(
        set(v.x, io.load(at(v.pi))), sigmoid(v.x, v.i, v),
        set(v.x, io.load(at(v.pf))), sigmoid(v.x, v.f, v),
        set(v.x, io.load(at(v.pg))), tanh(v.x, v.g, v),
        set(v.x, io.load(at(v.po))), sigmoid(v.x, v.o, v),
        set(v.c, f64x2.add(f64x2.mul(get(v.f), io.load(at(v.pcPrev))), f64x2.mul(get(v.i), get(v.g)))),
        tanh(v.c, v.th, v),
        io.store(at(v.pi), get(v.i)), io.store(at(v.pf), get(v.f)), io.store(at(v.pg), get(v.g)), io.store(at(v.po), get(v.o)),
        io.store(at(v.pc), get(v.c)),
        io.store(at(v.pm), f64x2.mul(get(v.o), get(v.th))),
      );
      return [overUnits(v, rowStart, unit)];
    },
  });
}

/**
 * One GRU step's gates for N entries. On entry gates (N x 3H at gOff) hold A = x·W_ihᵀ + b_ih (+ b_hh for r, z) and
 * hh (N x 3H) holds h_prev·W_hhᵀ; then r = σ(A_r + hh_r), z = σ(A_z + hh_z), hn = hh_n + b_hn,
 * n = tanh(A_n + r*hn), h = (1 - z)*n + z*h_prev. Writes r, z, n over A, and hn and h (N x H each).
 */
export function gruGatesFunction(): FunctionDef {
  return defineFunction({
    name: 'gruGates',
    params: { N: 'i32', H: 'i32', gOff: 'i32', hhOff: 'i32', bhnOff: 'i32', hPrevOff: 'i32', hnOff: 'i32', hOff: 'i32' },
    locals: {
      n: 'i32', p: 'i32', pairBytes: 'i32', blockBytes: 'i32', pr: 'i32', pz: 'i32', pn: 'i32', qr: 'i32', qz: 'i32', qn: 'i32',
      pb: 'i32', phPrev: 'i32', phn: 'i32', ph: 'i32',
      x: 'v128', reset: 'v128', z: 'v128', hn: 'v128', nn: 'v128', ...TEMPS,
    },
    body: (v) => {
      const at = (ptr: Local) => i32.add(get(ptr), get(v.p));
      const rowWidth = i32.mul(get(v.H), i32.const(3));
      const rowStart = seq(
        set(v.blockBytes, bytesOf(get(v.H))),
        set(v.pr, rowAddress(v.gOff, v.n, rowWidth)),
        set(v.pz, i32.add(get(v.pr), get(v.blockBytes))),
        set(v.pn, i32.add(get(v.pz), get(v.blockBytes))),
        set(v.qr, rowAddress(v.hhOff, v.n, rowWidth)),
        set(v.qz, i32.add(get(v.qr), get(v.blockBytes))),
        set(v.qn, i32.add(get(v.qz), get(v.blockBytes))),
        set(v.pb, bytesOf(get(v.bhnOff))),
        set(v.phPrev, rowAddress(v.hPrevOff, v.n, get(v.H))),
        set(v.phn, rowAddress(v.hnOff, v.n, get(v.H))),
        set(v.ph, rowAddress(v.hOff, v.n, get(v.H))),
      );
      // The activation temporaries include one named r, so the reset gate is `reset`.
      const t = { a: v.a, e: v.e, k: v.k, kf: v.kf, r: v.r, r2: v.r2, r4: v.r4 };
      const unit = (io: LaneAccess) => seq(
        set(v.x, f64x2.add(io.load(at(v.pr)), io.load(at(v.qr)))), sigmoid(v.x, v.reset, t),
        set(v.x, f64x2.add(io.load(at(v.pz)), io.load(at(v.qz)))), sigmoid(v.x, v.z, t),
        set(v.hn, f64x2.add(io.load(at(v.qn)), io.load(at(v.pb)))),
        set(v.x, f64x2.add(io.load(at(v.pn)), f64x2.mul(get(v.reset), get(v.hn)))), tanh(v.x, v.nn, t),
        io.store(at(v.pr), get(v.reset)), io.store(at(v.pz), get(v.z)), io.store(at(v.pn), get(v.nn)),
        io.store(at(v.phn), get(v.hn)),
        io.store(at(v.ph), f64x2.add(
          f64x2.mul(f64x2.sub(f64x2.const(1), get(v.z)), get(v.nn)),
          f64x2.mul(get(v.z), io.load(at(v.phPrev))),
        )),
      );
      return [overUnits(v, rowStart, unit)];
    },
  });
}

/** In place over `count` elements at `off`: tanh, or max(0, x) when `relu` is nonzero (the Elman RNN's step). */
export function rnnActivationFunction(): FunctionDef {
  return defineFunction({
    name: 'rnnActivation',
    params: { count: 'i32', off: 'i32', relu: 'i32' },
    locals: { N: 'i32', n: 'i32', p: 'i32', pairBytes: 'i32', base: 'i32', x: 'v128', y: 'v128', ...TEMPS },
    body: (v) => {
      const unit = (io: LaneAccess) => seq(
        set(v.x, io.load(i32.add(get(v.base), get(v.p)))),
        ifThen(get(v.relu), [set(v.y, f64x2.max(f64x2.const(0), get(v.x)))], [tanh(v.x, v.y, v)]),
        io.store(i32.add(get(v.base), get(v.p)), get(v.y)),
      );
      // One "row" of `count` units.
      return [set(v.N, i32.const(1)), overUnits({ ...v, H: v.count }, set(v.base, bytesOf(get(v.off))), unit)];
    },
  });
}

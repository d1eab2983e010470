// sigmoid and tanh to 256 bits with BigInt arithmetic, correctly rounded to float64: an independent reference for
// the float64 activations. Exact rationals throughout: a double is m·2^e, exp(-y) = 2^-n · exp(-r) with
// y = n·ln2 + r, exp(-r) by its Taylor series in fixed point.

const P = 256n;
const ONE = 1n << P;

const bitLength = (v: bigint): number => v.toString(2).length;

/** ln 2 · 2^(P+64) from ln 2 = Σ 1/(k·2^k). */
const LN2_WIDE = (() => {
  const Q = P + 64n;
  let sum = 0n;
  for (let k = 1n; k <= Q; k++) sum += (1n << Q) / (k << k);
  return sum;
})();

/** A finite double as an exact fraction num / 2^shift (shift >= 0). */
function exactDouble(x: number): { num: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const e = (exponent === 0 ? -1074 : exponent - 1075);
  return e >= 0 ? { num: sign * (mantissa << BigInt(e)), shift: 0n } : { num: sign * mantissa, shift: BigInt(-e) };
}

/** Correctly rounded (half to even) num/den for positive BigInts, subnormals included. */
export function ratioToDouble(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const s = 60 - (bitLength(num) - bitLength(den));
  const scaledNum = s >= 0 ? num << BigInt(s) : num;
  const scaledDen = s >= 0 ? den : den << BigInt(-s);
  let q = scaledNum / scaledDen;
  const sticky = scaledNum % scaledDen !== 0n;
  const exponent = bitLength(q) - 1 - s; // value in [2^exponent, 2^(exponent+1))
  const available = exponent >= -1022 ? 53 : 53 - (-1022 - exponent);
  const drop = bitLength(q) - Math.max(available, 0);
  if (drop > 0) {
    const half = 1n << BigInt(drop - 1);
    const rest = q & ((1n << BigInt(drop)) - 1n);
    q >>= BigInt(drop);
    if (rest > half || (rest === half && (sticky || (q & 1n) === 1n))) q += 1n;
  }
  const k = drop - s;
  // Two exact steps so no intermediate leaves the double range.
  return k < -1000 ? Number(q) * 2 ** (k + 600) * 2 ** -600 : Number(q) * 2 ** k;
}

/** exp(-y) for a double y in [0, 900] as F·2^-(n+P), F in (2^(P-1), 2^P]. */
function expNeg(y: number): { F: bigint; n: bigint } {
  const { num, shift } = exactDouble(y);
  const yWide = shift <= P + 64n ? num << (P + 64n - shift) : num >> (shift - P - 64n);
  const n = yWide / LN2_WIDE;
  const r = (yWide - n * LN2_WIDE) >> 64n; // r·2^P, r in [0, ln2)
  let term = ONE;
  let sum = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = -(term * r) / (ONE * k);
    sum += term;
  }
  return { F: sum, n };
}

/** Correctly rounded σ(x) for finite x. */
export function sigmoidReference(x: number): number {
  const ax = Math.abs(x);
  if (ax > 900) return x > 0 ? 1 : 0; // σ(-900) ≈ 1e-391 rounds to 0; 1 - σ(900) is far below half an ulp of 1
  if (ax < 2 ** -20) {
    // σ(x) = 1/2 + x/4 - x³/48 + O(x⁵), and x⁵ is below 2^-100 relative here.
    const { num, shift } = exactDouble(x);
    const d = 1n << shift;
    const numer = 24n * d * d * d + 12n * num * d * d - num * num * num;
    return ratioToDouble(numer, 48n * d * d * d);
  }
  const { F, n } = expNeg(ax);
  const scale = 1n << (n + P);
  return x > 0 ? ratioToDouble(scale, scale + F) : ratioToDouble(F, scale + F);
}

/** Correctly rounded tanh(x) for finite x. */
export function tanhReference(x: number): number {
  const ax = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (ax > 450) return sign;
  if (ax === 0) return x;
  if (ax < 2 ** -20) {
    // tanh x = x - x³/3 + 2x⁵/15 + O(x⁷).
    const { num, shift } = exactDouble(ax);
    const d = 1n << shift;
    const d4 = d * d * d * d;
    const numer = 15n * num * d4 - 5n * num ** 3n * d * d + 2n * num ** 5n;
    return sign * ratioToDouble(numer, 15n * d4 * d);
  }
  const { F, n } = expNeg(2 * ax);
  const scale = 1n << (n + P);
  return sign * ratioToDouble(scale - F, scale + F);
}

/** How many representable doubles lie between a and b (0 when equal). */
export function ulpDistance(a: number, b: number): number {
  const key = (v: number) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v);
    const bits = view.getBigInt64(0);
    return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
  };
  const d = key(a) - key(b);
  return Number(d < 0n ? -d : d);
}

// The wire format of plain data between the host and the isolate: one Float64Array of "words", values laid
// out one after another, each starting with its tag:
//   undefined, null, false, true     [tag]
//   a number                         [NUMBER, x]
//   an array of numbers              [NUMBERS, n, x0 … x(n-1)]
//   any other array                  [ARRAY, n, value0 … value(n-1)]   (a hole is [HOLE])
//   a plain object                   [OBJECT, count, key0, value0, …]   (keys are strings)
//   a string                         [STRING, length, code unit 0 …]
// Numbers travel as themselves (NaN, -0, ±Infinity included), so encoding and decoding are a walk that writes
// or reads a typed array: no serializer's per-object cost, one block copy into and out of the isolate, and two
// encodings of equal data are equal word for word (how the harness tells that a call left its arguments alone).
// This file holds the host's side; the harness (harness.ts) has its own encoder and decoder under its rules.

import { RESULT, TAG } from './wire-tags.js';

export { RESULT, TAG };

/** Appends encoded values to a growing Float64Array. */
export class Encoder {
  words = new Float64Array(1024);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.words.length) return;
    const grown = new Float64Array(Math.max(this.words.length * 2, this.length + n));
    grown.set(this.words.subarray(0, this.length));
    this.words = grown;
  }

  word(x: number): void {
    this.reserve(1);
    this.words[this.length++] = x;
  }

  string(s: string): void {
    this.reserve(2 + s.length);
    const w = this.words;
    let p = this.length;
    w[p++] = TAG.STRING;
    w[p++] = s.length;
    for (let i = 0; i < s.length; i++) w[p++] = s.charCodeAt(i);
    this.length = p;
  }

  /**
   * Encodes plain data: numbers, strings, booleans, null, undefined, arrays and plain objects (own enumerable
   * string keys). Throws a TypeError naming the first value that is none of these (a function, a Map, ...).
   */
  value(v: unknown): void {
    switch (typeof v) {
      case 'number': this.reserve(2); this.words[this.length++] = TAG.NUMBER; this.words[this.length++] = v; return;
      case 'string': this.string(v); return;
      case 'boolean': this.word(v ? TAG.TRUE : TAG.FALSE); return;
      case 'undefined': this.word(TAG.UNDEFINED); return;
    }
    if (v === null) { this.word(TAG.NULL); return; }
    if (typeof v !== 'object') throw new TypeError(`${typeof v} is not plain data`);
    if (Array.isArray(v)) {
      const n = v.length;
      let numbers = true;
      for (let i = 0; i < n; i++) {
        if (typeof v[i] !== 'number') { numbers = false; break; }
      }
      if (numbers) {
        this.reserve(2 + n);
        const w = this.words;
        let p = this.length;
        w[p++] = TAG.NUMBERS;
        w[p++] = n;
        for (let i = 0; i < n; i++) w[p++] = v[i] as number;
        this.length = p;
        return;
      }
      this.reserve(2);
      this.words[this.length++] = TAG.ARRAY;
      this.words[this.length++] = n;
      for (let i = 0; i < n; i++) {
        if (i in v) this.value(v[i]);
        else this.word(TAG.HOLE);
      }
      return;
    }
    const prototype = Object.getPrototypeOf(v);
    if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`${Object.prototype.toString.call(v)} is not plain data`);
    const keys = Object.keys(v);
    this.reserve(2);
    this.words[this.length++] = TAG.OBJECT;
    this.words[this.length++] = keys.length;
    for (const key of keys) {
      this.string(key);
      this.value((v as Record<string, unknown>)[key]);
    }
  }

  /** The words written so far (a copy). */
  take(): Float64Array {
    return this.words.slice(0, this.length);
  }
}

/**
 * The words of frozen argument lists, kept while the list lives. A frozen list cannot change, and a batch grader
 * sends every student the same drawn inputs (frozen by the grading package), so each is encoded once per
 * process instead of once per student.
 */
const frozenWords = new WeakMap<readonly unknown[], Float64Array>();
/** Where a list is encoded before its words are copied out. */
const scratch = new Encoder();

/** An argument list's words: kept for a frozen list, encoded afresh for any other. */
function wordsOf(args: readonly unknown[]): Float64Array {
  const frozen = Object.isFrozen(args);
  let words = frozen ? frozenWords.get(args) : undefined;
  if (words === undefined) {
    scratch.length = 0;
    scratch.value(args);
    words = scratch.take();
    if (frozen) frozenWords.set(args, words);
  }
  return words;
}

/**
 * A batch of argument lists: `[count, (length of the call's words, its argument list)…]`. Lists frozen all the
 * way down (`Object.isFrozen` at the top is taken to mean that) are encoded once and their words reused. Every
 * list's words are known before the batch is written, so it is written once at its final size (growing it by
 * doubling and then copying it out cost three copies of every word, a few percent of a batch worker's time).
 */
export function encodeBatch(argsList: readonly unknown[][]): Float64Array {
  const parts = argsList.map(wordsOf);
  let size = 1;
  for (const words of parts) size += 1 + words.length;
  const batch = new Float64Array(size);
  batch[0] = parts.length;
  let at = 1;
  for (const words of parts) {
    batch[at++] = words.length;
    batch.set(words, at);
    at += words.length;
  }
  return batch;
}

/** Reads values the encoder (or the harness) wrote. */
export class Decoder {
  position = 0;

  constructor(readonly words: Float64Array) {}

  word(): number {
    if (this.position >= this.words.length) throw new RangeError('encoded data ended early');
    return this.words[this.position++]!;
  }

  value(): unknown {
    const tag = this.word();
    switch (tag) {
      case TAG.UNDEFINED: return undefined;
      case TAG.NULL: return null;
      case TAG.FALSE: return false;
      case TAG.TRUE: return true;
      case TAG.NUMBER: return this.word();
      case TAG.STRING: return this.stringBody();
      case TAG.NUMBERS: {
        const n = this.word();
        const p = this.position;
        if (p + n > this.words.length) throw new RangeError('encoded data ended early');
        const out = new Array<number>(n);
        const w = this.words;
        for (let i = 0; i < n; i++) out[i] = w[p + i]!;
        this.position = p + n;
        return out;
      }
      case TAG.ARRAY: {
        const n = this.word();
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) {
          if (this.words[this.position] === TAG.HOLE) this.position++;
          else out[i] = this.value();
        }
        return out;
      }
      case TAG.OBJECT: {
        const count = this.word();
        const out: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) {
          if (this.word() !== TAG.STRING) throw new RangeError('an encoded object key is not a string');
          const key = this.stringBody();
          const value = this.value();
          // An own "__proto__" field must stay a field: assigning it would set the prototype. Any other key is a
          // plain field of a fresh object (this process's Object.prototype has no other setter).
          if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
          else out[key] = value;
        }
        return out;
      }
      default:
        throw new RangeError(`unknown tag ${tag} in encoded data`);
    }
  }

  string(): string {
    if (this.word() !== TAG.STRING) throw new RangeError('expected an encoded string');
    return this.stringBody();
  }

  private stringBody(): string {
    const n = this.word();
    if (this.position + n > this.words.length) throw new RangeError('encoded data ended early');
    if (n <= SHORT_STRING) return this.shortString(n);
    let s = '';
    for (let i = 0; i < n; i += 4096) {
      s += String.fromCharCode(...this.words.subarray(this.position + i, this.position + Math.min(n, i + 4096)));
    }
    this.position += n;
    return s;
  }

  /**
   * A short string (object keys: `output`, `hN`, `W`), looked up among those decoded before: results repeat the
   * same few keys thousands of times, and building each afresh was a noticeable share of a worker's decoding.
   */
  private shortString(n: number): string {
    const w = this.words;
    const p = this.position;
    let hash = n;
    for (let i = 0; i < n; i++) hash = (Math.imul(hash, 31) + w[p + i]!) | 0;
    const known = shortStrings.get(hash);
    this.position = p + n;
    if (known !== undefined && known.length === n) {
      let same = true;
      for (let i = 0; i < n && same; i++) same = known.charCodeAt(i) === w[p + i];
      if (same) return known;
    }
    const s = String.fromCharCode(...w.subarray(p, p + n));
    if (shortStrings.size < SHORT_STRINGS_KEPT) shortStrings.set(hash, s);
    return s;
  }
}

/** Strings up to this length are looked up in `shortStrings` (keys and short messages). */
const SHORT_STRING = 32;
/** How many distinct short strings are kept (the graders' results use a few dozen keys). */
const SHORT_STRINGS_KEPT = 4096;
const shortStrings = new Map<number, string>();

/** A value still in the wire format: it starts at `words[at]`. */
export interface EncodedValue {
  readonly words: Float64Array;
  readonly at: number;
}

/**
 * Where the value encoded at `at` ends (the next one starts there), reading only its tags and lengths: what
 * `Decoder.value` would check, without building anything. Throws the same RangeErrors on words that are not
 * an encoding.
 */
export function skipValue(words: Float64Array, at: number): number {
  if (at >= words.length) throw new RangeError('encoded data ended early');
  const tag = words[at]!;
  let p = at + 1;
  switch (tag) {
    case TAG.UNDEFINED: case TAG.NULL: case TAG.FALSE: case TAG.TRUE:
      return p;
    case TAG.NUMBER:
      p += 1;
      break;
    case TAG.STRING: case TAG.NUMBERS:
      if (p >= words.length) throw new RangeError('encoded data ended early');
      p += 1 + words[p]!;
      break;
    case TAG.ARRAY: {
      if (p >= words.length) throw new RangeError('encoded data ended early');
      const n = words[p++]!;
      for (let i = 0; i < n; i++) p = words[p] === TAG.HOLE ? p + 1 : skipValue(words, p);
      break;
    }
    case TAG.OBJECT: {
      if (p >= words.length) throw new RangeError('encoded data ended early');
      const count = words[p++]!;
      for (let i = 0; i < count; i++) {
        if (words[p] !== TAG.STRING) throw new RangeError(p >= words.length ? 'encoded data ended early' : 'an encoded object key is not a string');
        p = skipValue(words, skipValue(words, p));
      }
      break;
    }
    default:
      throw new RangeError(`unknown tag ${tag} in encoded data`);
  }
  if (p > words.length) throw new RangeError('encoded data ended early');
  return p;
}

/** The plain data encoded at `value.at`. */
export function decodeValue(value: EncodedValue): unknown {
  const d = new Decoder(value.words);
  d.position = value.at;
  return d.value();
}

/** One call's result as the harness encoded it; an ok call's value stays encoded until someone reads it. */
export type DecodedResult =
  | { kind: 'ok'; encoded: EncodedValue; argsAfter: unknown[] | 'unchanged'; durationMs: number }
  | { kind: 'threw'; name: string; message: string }
  | { kind: 'missing-export'; message: string }
  | { kind: 'timeout' };

/**
 * A batch's results: per call `[RESULT kind, …]` — OK: the call's duration (ms), the value, then 0 (arguments
 * unchanged) or 1 and the arguments after the call; THREW: name and message strings; MISSING_EXPORT: a message
 * string; TIMEOUT: nothing. Values are checked (`skipValue`) but not decoded: most are only compared with the
 * reference's, which a grader can do on the words.
 */
export function decodeResults(words: Float64Array): DecodedResult[] {
  const d = new Decoder(words);
  const out: DecodedResult[] = [];
  while (d.position < words.length) {
    const kind = d.word();
    switch (kind) {
      case RESULT.OK: {
        const durationMs = d.word();
        const encoded: EncodedValue = { words, at: d.position };
        d.position = skipValue(words, d.position);
        const changed = d.word();
        out.push({ kind: 'ok', encoded, durationMs, argsAfter: changed === 0 ? 'unchanged' : (d.value() as unknown[]) });
        break;
      }
      case RESULT.THREW: {
        const name = d.string();
        out.push({ kind: 'threw', name, message: d.string() });
        break;
      }
      case RESULT.MISSING_EXPORT:
        out.push({ kind: 'missing-export', message: d.string() });
        break;
      case RESULT.TIMEOUT:
        out.push({ kind: 'timeout' });
        break;
      default:
        throw new RangeError(`unknown result kind ${kind}`);
    }
  }
  return out;
}

/** Plain data as one Float64Array in the wire format (what `decodePlain` reads back exactly). */
export function encodePlain(value: unknown): Float64Array {
  const e = new Encoder();
  e.value(value);
  return e.take();
}

/** The plain data `encodePlain` wrote; throws a RangeError on words that are not such an encoding. */
export function decodePlain(words: Float64Array): unknown {
  const d = new Decoder(words);
  const value = d.value();
  if (d.position !== words.length) throw new RangeError('encoded data has trailing words');
  return value;
}

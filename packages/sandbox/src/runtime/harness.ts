// Runs inside the isolate, in a context of its own that no student code ever runs in, and stays there for as long
// as the isolate lives: one isolate serves the submissions a child process grades in turn, each exercise in a
// fresh context of its own (a realm, set up by realm-setup.ts before any student code). Keeping the harness in
// one context is what keeps it compiled: V8 optimises code per context, and a harness installed in every
// exercise's context was compiled again eight times per submission. The harness works on a realm's values
// through the built-ins that realm-setup.ts captured there first, so student code that later replaces
// `Array`, pollutes `Object.prototype` or `Array.prototype` cannot change what the harness does. It is compiled
// on its own (see compile-runtime.ts) into one strict-mode script whose completion value is `installHarness()`'s
// result.
//
// Nothing of the harness's context may reach student code: everything handed to student code (arguments, the
// module object) is made in the student's realm, with that realm's constructors; student code is only ever
// called with such values, and only the harness reads what it returns. A student holding a harness object could
// climb to this context's Function constructor and change how later submissions are graded.
//
// Rules for this file: no method calls on values student code can touch (use the captured functions), no
// iteration protocol (for-of, spread, array destructuring) over student values, no assignment into arrays
// (an index setter on Array.prototype would see it) but into elements they already own, and only null-prototype
// objects for anything else the harness builds, so inherited setters and getters never run. The exception is the
// harness's few hot records (In, Out, CopyState, Handle): object literals with every field they will ever have, so reads
// and writes only touch own data properties, never a prototype, and V8 keeps them fast (a null-prototype
// literal is a dictionary, and every field access a hash lookup).
//
// Data crosses in the wire format of codec.ts: arguments come in as one Float64Array per batch and are decoded
// here into fresh arrays for each call; results are encoded into a Float64Array the harness owns. What the
// harness hands to isolated-vm's copy is that Float64Array or other harness-made plain data: copying it out
// runs no student code, so it cannot hang or be fooled.
import type { ExportInfo, HarnessLoadResult } from './protocol.js';
import { RESULT, TAG } from './wire-tags.js';

/** At most this many values (numbers, strings, array slots, object fields) are copied out of one call. */
const MAX_VALUES = 1_000_000;
/** Strings longer than this are not copied out (a result never needs one; a huge one only costs memory). */
const MAX_STRING = 10_000;
const MAX_DEPTH = 64;
/** Error names and messages are cut to this length. */
const MAX_MESSAGE = 2_000;

const { apply, ownKeys, getOwnPropertyDescriptor, defineProperty, getPrototypeOf } = Reflect;
const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
/** The harness's own Array (for its own bookkeeping only: never for a value student code sees). */
const HarnessArray = Array;
const arrayFrom = Array.from;
const Float64ArrayConstructor = Float64Array;
const stringFromCharCode = String.fromCharCode;
const typedArraySet = (getPrototypeOf(Uint8Array.prototype) as { set: (source: ArrayLike<number>) => void }).set;
const typedArrayBuffer = getOwnPropertyDescriptor(getPrototypeOf(Uint8Array.prototype) as object, 'buffer')?.get;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
const StringOf = String;
const objectToString = Object.prototype.toString;
const stringSlice = String.prototype.slice;
const stringCharCodeAt = String.prototype.charCodeAt;
const jsonStringify = JSON.stringify;
const dateNow = Date.now;
const typedArrayLength = getOwnPropertyDescriptor(getPrototypeOf(Uint8Array.prototype) as object, 'length')?.get;
const TYPED_ARRAY_TAGS: Record<string, true> = {
  __proto__: null,
  '[object Float64Array]': true, '[object Float32Array]': true, '[object Int8Array]': true,
  '[object Uint8Array]': true, '[object Uint8ClampedArray]': true, '[object Int16Array]': true,
  '[object Uint16Array]': true, '[object Int32Array]': true, '[object Uint32Array]': true,
} as unknown as Record<string, true>;

type Plain = unknown;

/**
 * What the harness needs of one exercise's context: its pristine constructors and prototypes as realm-setup.ts
 * captured them before any student code ran, and the module object its bundle fills.
 */
export interface Realm {
  Array: ArrayConstructor;
  /**
   * `new Array(n)` of this realm, for the harness to fill with numbers; `values` is the same for arrays of anything
   * else. They are functions of the realm's own (realm-setup.ts) so that V8 tracks each one's arrays at an
   * allocation site of its own: once the first array of numbers has turned from small integers to doubles, the
   * next ones are made as doubles, and filling them needs no change of elements kind. The harness's own
   * `new RealmArray(n)` has no allocation site (it is another context's constructor), and every array it filled
   * changed kind in V8's runtime, the costliest part of decoding.
   */
  numbers: (n: number) => unknown[];
  values: (n: number) => unknown[];
  ArrayPrototype: unknown[];
  Object: ObjectConstructor;
  ObjectPrototype: object;
  module: { exports: unknown };
}

/**
 * realm-setup.ts's record: the realm, and the strict trampoline through which the child process makes every entry
 * that runs student code (the harness never calls it).
 */
export interface RealmSetup extends Realm {
  enter: (run: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown;
}

/** Thrown inside the copy to stop it; never escapes the harness. */
const STOP: object = Object.freeze({ __proto__: null });

interface CopyState {
  count: number;
  failure: string;
  /** Name of the value being copied (`the result`, `argument 2 (after the call)`). */
  root: string;
  /** Keys from the root to the current value, built into a path only when the copy fails. */
  keys: (string | number | undefined)[];
  /** Objects on the path from the root to the current value (cycle detection). */
  ancestors: unknown[];
  depth: number;
  /**
   * Whether a hole in an array with Array.prototype as its prototype reads as undefined: nothing on the chain
   * has an index property (plainIndexWrites), so reading `array[i]` needs no own-property check first.
   */
  plainReads: boolean;
  /** Array.prototype of the realm whose value is being encoded. */
  arrayPrototype: unknown;
}

/** An array of `n` own `undefined` elements: writing one of them later consults no prototype. */
function ownSlots(n: number): unknown[] {
  return apply(arrayFrom, HarnessArray, [{ __proto__: null, length: n }]) as unknown[];
}

/** The one copy state (an encoding runs no harness code re-entrantly: student getters cannot reach it). */
const copyState: CopyState = {
  count: 0, failure: '', root: '', keys: ownSlots(MAX_DEPTH + 1) as (string | number | undefined)[],
  ancestors: ownSlots(MAX_DEPTH + 1), depth: 0, plainReads: false, arrayPrototype: null,
};

function append(array: unknown[], value: unknown): void {
  defineProperty(array, array.length, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
}

function clip(text: string, max = MAX_MESSAGE): string {
  return text.length > max ? (apply(stringSlice, text, [0, max]) as string) + '…' : text;
}

function safeString(value: unknown): string {
  try {
    return clip(StringOf(value));
  } catch {
    return '(a value that cannot be turned into text)';
  }
}

/** name and message of whatever was thrown, read defensively (getters, proxies and toString may throw too). */
function describeThrown(thrown: unknown): { name: string; message: string } {
  try {
    if ((typeof thrown === 'object' && thrown !== null) || typeof thrown === 'function') {
      const name = (thrown as { name?: unknown }).name;
      const message = (thrown as { message?: unknown }).message;
      return {
        __proto__: null,
        name: typeof name === 'string' ? clip(name, 200) : 'Error',
        message: typeof message === 'string' ? clip(message) : message === undefined ? safeString(thrown) : safeString(message),
      } as { name: string; message: string };
    }
    return { __proto__: null, name: typeof thrown, message: safeString(thrown) } as { name: string; message: string };
  } catch {
    return { __proto__: null, name: 'Error', message: 'an exception whose details could not be read' } as { name: string; message: string };
  }
}

function isIdentifier(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = apply(stringCharCodeAt, key, [i]) as number;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

function pathOf(state: CopyState, length: number): string {
  let path = state.root;
  for (let i = 0; i < length; i++) {
    const key = state.keys[i]!;
    path = typeof key === 'number' ? `${path}[${key}]` : isIdentifier(key) ? `${path}.${key}` : `${path}[${jsonStringify(key)}]`;
  }
  return path;
}

/** Stops the copy; `message` follows the path of the offending value (of the whole value with `atRoot`). */
function fail(state: CopyState, message: string, atRoot = false): never {
  state.failure = `${atRoot ? state.root : pathOf(state, state.depth)} ${message}`;
  throw STOP;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'object') {
    const tag = apply(objectToString, value, []) as string;
    return tag === '[object Object]' ? 'an object' : `a ${apply(stringSlice, tag, [8, -1]) as string}`;
  }
  return type === 'undefined' ? 'undefined' : `a ${type}`;
}

/** A growing Float64Array of encoded words, owned by the harness (typed-array writes consult no prototype). */
interface Out {
  words: Float64Array;
  length: number;
  /** Length of the records of the calls that finished (what `takePartial` returns). */
  completed: number;
}

function newOut(): Out {
  return { words: new Float64ArrayConstructor(4096), length: 0, completed: 0 };
}

function reserve(out: Out, n: number): void {
  const capacity = apply(typedArrayLength!, out.words, []) as number;
  if (out.length + n <= capacity) return;
  let size = capacity * 2;
  while (size < out.length + n) size *= 2;
  const grown = new Float64ArrayConstructor(size);
  apply(typedArraySet, grown, [out.words]);
  out.words = grown;
}

function put(out: Out, word: number): void {
  reserve(out, 1);
  out.words[out.length++] = word;
}

function putString(out: Out, text: string): void {
  const n = text.length;
  reserve(out, n + 2);
  const words = out.words;
  let p = out.length;
  words[p++] = TAG.STRING;
  words[p++] = n;
  for (let i = 0; i < n; i++) words[p++] = apply(stringCharCodeAt, text, [i]) as number;
  out.length = p;
}

/** The words written so far, as a Float64Array of their own (the copy isolated-vm takes out). */
function wordsOf(out: Out, length = out.length): Float64Array {
  return new Float64ArrayConstructor(new Float64ArrayConstructor(apply(typedArrayBuffer!, out.words, []) as ArrayBuffer, 0, length));
}

/**
 * Encodes `value` as plain data into `out`: numbers (NaN, ±Infinity and -0 kept), strings, booleans, null,
 * undefined, arrays and plain objects (own enumerable string-keyed fields). Typed arrays become arrays of
 * numbers; getters are read once and their value encoded; proxies are read through their traps; a shared
 * sub-object is encoded once per place it appears, so aliasing does not survive. Functions, symbols, BigInts,
 * cycles, Maps, Promises and other exotic values stop the encoding with a message naming where they sit.
 */
function encodeValue(value: unknown, state: CopyState, out: Out): void {
  if (++state.count > MAX_VALUES) fail(state, `holds more than ${MAX_VALUES} values; data this large cannot be copied out`, true);
  switch (typeof value) {
    case 'number':
      reserve(out, 2);
      out.words[out.length++] = TAG.NUMBER;
      out.words[out.length++] = value;
      return;
    case 'boolean':
      put(out, value ? TAG.TRUE : TAG.FALSE);
      return;
    case 'undefined':
      put(out, TAG.UNDEFINED);
      return;
    case 'string':
      if (value.length > MAX_STRING) fail(state, `is a string of ${value.length} characters (at most ${MAX_STRING} are copied out)`);
      putString(out, value);
      return;
    case 'bigint':
      fail(state, 'is a BigInt, not a number');
    case 'symbol':
      fail(state, 'is a Symbol');
    case 'function':
      fail(state, 'is a function; return plain data (numbers, arrays, plain objects)');
  }
  if (value === null) {
    put(out, TAG.NULL);
    return;
  }
  const object = value as object;
  const depth = state.depth;
  for (let i = 0; i < depth; i++) {
    if (state.ancestors[i] === object) fail(state, `refers back to ${pathOf(state, i)} (a cycle); return plain data`);
  }
  if (depth >= MAX_DEPTH) fail(state, `is nested more than ${MAX_DEPTH} levels deep`);
  if (isArray(object)) return encodeArray(object, state, out);
  const tag = apply(objectToString, object, []) as string;
  if (tag === '[object Object]') return encodeObject(object, state, out);
  if (TYPED_ARRAY_TAGS[tag] === true && typedArrayLength) return encodeTypedArray(object, state, out);
  if (tag === '[object Promise]') fail(state, 'is a Promise; the function must return its value directly (is it async?)');
  fail(state, `is ${describeKind(object)}, not plain data (numbers, arrays, plain objects)`);
}

/** The element at `index`, read only when it is the array's own (a hole must not read Array.prototype). */
function ownElement(array: unknown[], index: number): unknown {
  return hasOwn(array, index) ? array[index] : undefined;
}

function encodeArray(array: unknown[], state: CopyState, out: Out): void {
  const length = array.length;
  if (typeof length !== 'number' || !(length >= 0)) fail(state, 'has an impossible length');
  if (state.count + length > MAX_VALUES) fail(state, `holds more than ${MAX_VALUES} values; data this large cannot be copied out`, true);
  // Arrays of numbers, the usual case, go out as one run of numbers.
  const start = out.length;
  reserve(out, length + 2);
  const words = out.words;
  words[start] = TAG.NUMBERS;
  words[start + 1] = length;
  let i = 0;
  if (state.plainReads && getPrototypeOf(array) === state.arrayPrototype) {
    // A hole reads as undefined here, which leaves this loop for the element-by-element path below.
    for (; i < length; i++) {
      const element = array[i];
      if (typeof element !== 'number') break;
      words[start + 2 + i] = element;
    }
  } else {
    for (; i < length; i++) {
      const element = ownElement(array, i);
      if (typeof element !== 'number') break;
      words[start + 2 + i] = element;
    }
  }
  if (i === length) {
    state.count += length;
    out.length = start + 2 + length;
    return;
  }
  // Not only numbers: element by element (holes as undefined).
  out.length = start;
  put(out, TAG.ARRAY);
  put(out, length);
  const depth = state.depth;
  state.ancestors[depth] = array;
  state.depth = depth + 1;
  for (let k = 0; k < length; k++) {
    state.keys[depth] = k;
    encodeValue(ownElement(array, k), state, out);
  }
  state.depth = depth;
  state.ancestors[depth] = undefined;
}

function encodeObject(object: object, state: CopyState, out: Out): void {
  put(out, TAG.OBJECT);
  const countAt = out.length;
  put(out, 0);
  const keys = ownKeys(object);
  const count = keys.length;
  const depth = state.depth;
  state.ancestors[depth] = object;
  state.depth = depth + 1;
  let fields = 0;
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    if (typeof key !== 'string' || !apply(propertyIsEnumerable, object, [key])) continue;
    state.keys[depth] = key;
    putString(out, key);
    encodeValue((object as Record<string, unknown>)[key], state, out);
    fields++;
  }
  out.words[countAt] = fields;
  state.depth = depth;
  state.ancestors[depth] = undefined;
}

function encodeTypedArray(view: object, state: CopyState, out: Out): void {
  const length = apply(typedArrayLength!, view, []) as number;
  if (state.count + length > MAX_VALUES) fail(state, `holds more than ${MAX_VALUES} values; data this large cannot be copied out`, true);
  state.count += length;
  reserve(out, length + 2);
  const words = out.words;
  const start = out.length;
  words[start] = TAG.NUMBERS;
  words[start + 1] = length;
  for (let i = 0; i < length; i++) {
    const element = (view as Record<number, unknown>)[i];
    if (typeof element !== 'number') fail(state, 'holds values that are not numbers');
    words[start + 2 + i] = element;
  }
  out.length = start + 2 + length;
}

/** Encodes `value` into `out`, or leaves `out` as it was and returns why it cannot be (also when reading it runs student code that throws). */
function encodeOut(value: unknown, root: string, out: Out, plainReads: boolean, realm: Realm): string | undefined {
  const state = copyState;
  state.arrayPrototype = realm.ArrayPrototype;
  state.count = 0;
  state.failure = '';
  state.root = root;
  state.depth = 0;
  state.plainReads = plainReads;
  const mark = out.length;
  try {
    encodeValue(value, state, out);
    return undefined;
  } catch (thrown) {
    out.length = mark;
    // Keep no student object alive past the call (a failed copy leaves its path's objects behind).
    for (let i = 0; i <= MAX_DEPTH; i++) state.ancestors[i] = undefined;
    if (thrown === STOP) return state.failure;
    const { name, message } = describeThrown(thrown);
    return `reading ${pathOf(state, state.depth)} threw ${name}: ${message}`;
  } finally {
    // Nor the student's realm, through its prototype.
    state.arrayPrototype = null;
  }
}

/** Where the harness reads a batch of encoded argument lists. */
interface In {
  words: Float64Array;
  position: number;
  /** The realm decoded values are made in (and whose prototypes tell a plain array). */
  realm: Realm;
}

function decodeString(input: In): string {
  const words = input.words;
  const n = words[input.position++]!;
  const base = input.position;
  input.position += n;
  // Concatenating primitive strings calls nothing student code can replace.
  let text = '';
  for (let i = 0; i < n; i++) text += stringFromCharCode(words[base + i]!);
  return text;
}

/** True when `key` is an array index ("0", "1", ... without leading zeros). */
function isIndexKey(key: unknown): boolean {
  if (typeof key !== 'string' || key.length === 0) return false;
  const first = apply(stringCharCodeAt, key, [0]) as number;
  if (first < 48 || first > 57 || (first === 48 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i++) {
    const c = apply(stringCharCodeAt, key, [i]) as number;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Whether writing `array[k] = v` into a fresh array can only define an own element: nothing on the prototype
 * chain (Array.prototype, then Object.prototype, as at install) has an index property a setter could sit on.
 * Array.prototype is itself an array, so any index property would have raised its length above 0 (listing its
 * keys costs several times more); for Object.prototype, own keys list array indices first, so the first key
 * tells. Checked before each call and again after it, since a call may add one.
 */
function plainIndexWrites(realm: Realm): boolean {
  const arrayPrototype = realm.ArrayPrototype;
  const objectPrototype = realm.ObjectPrototype;
  if (getPrototypeOf(arrayPrototype) !== objectPrototype || arrayPrototype.length !== 0) return false;
  return !isIndexKey(ownKeys(objectPrototype)[0]);
}

/**
 * An encoded value as the student gets it: fresh arrays and plain objects of the student's realm, shared with
 * nothing. Arrays are filled by plain writes when `fast` (see plainIndexWrites), else built with Array.from over an
 * array-like; objects get their fields by defineProperty. Either way nothing student code put on a prototype runs.
 */
function decodeValue(input: In, fast: boolean): unknown {
  const words = input.words;
  const tag = words[input.position++];
  switch (tag) {
    case TAG.UNDEFINED: return undefined;
    case TAG.NULL: return null;
    case TAG.FALSE: return false;
    case TAG.TRUE: return true;
    case TAG.NUMBER: return words[input.position++];
    case TAG.STRING: return decodeString(input);
    case TAG.NUMBERS: {
      const n = words[input.position++]!;
      const base = input.position;
      input.position += n;
      if (fast) {
        const out = input.realm.numbers(n);
        for (let i = 0; i < n; i++) out[i] = words[base + i]!;
        return out;
      }
      return apply(arrayFrom, input.realm.Array, [{ __proto__: null, length: n }, (_: unknown, i: number) => words[base + i]]);
    }
    case TAG.ARRAY: {
      const n = words[input.position++]!;
      const element = (): unknown => {
        if (words[input.position] !== TAG.HOLE) return decodeValue(input, fast);
        input.position++;
        return undefined;
      };
      if (fast) {
        const out = input.realm.values(n);
        for (let i = 0; i < n; i++) out[i] = element();
        return out;
      }
      return apply(arrayFrom, input.realm.Array, [{ __proto__: null, length: n }, element]);
    }
    case TAG.OBJECT: {
      const count = words[input.position++]!;
      const RealmObject = input.realm.Object;
      const objectPrototype = input.realm.ObjectPrototype;
      const object = new RealmObject() as Record<string, unknown>;
      for (let i = 0; i < count; i++) {
        input.position++; // TAG.STRING
        const key = decodeString(input);
        const value = decodeValue(input, fast);
        // A plain write defines an own field unless Object.prototype has that key (a setter could sit there;
        // `__proto__` always does) or an index key (what `fast` rules out).
        if (fast && !hasOwn(objectPrototype, key)) object[key] = value;
        else defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
      }
      return object;
    }
    default:
      throw new TypeError(`gatecheck harness: unknown tag ${tag} in the arguments`);
  }
}

function sameNumber(a: number, b: number): boolean {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
}

/** Whether `words[from, from + n)` equals `other[at, at + n)`, number by number (NaN equal, -0 not 0). */
function sameWords(words: Float64Array, from: number, other: Float64Array, at: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (!sameNumber(words[from + i]!, other[at + i]!)) return false;
  return true;
}

/**
 * Whether `value` still reads as the encoded value at `input` (advancing past it): the same words the encoder
 * would write for it, found without writing any. It reads what encodeValue would read, in the same order, and
 * answers false at the first thing it does not expect (a changed number, another length, a hole, an array whose
 * prototype is not the built-in one, a key more or less), after which the caller encodes the value in full; so it
 * only ever answers true where encoding would have given exactly these words.
 */
function stillEncodes(value: unknown, input: In, plainReads: boolean): boolean {
  const words = input.words;
  const tag = words[input.position++];
  switch (tag) {
    case TAG.UNDEFINED: return value === undefined;
    case TAG.NULL: return value === null;
    case TAG.FALSE: return value === false;
    case TAG.TRUE: return value === true;
    case TAG.NUMBER: return typeof value === 'number' && sameNumber(value, words[input.position++]!);
    case TAG.STRING: {
      const n = words[input.position++]!;
      const base = input.position;
      input.position += n;
      if (typeof value !== 'string' || value.length !== n) return false;
      for (let i = 0; i < n; i++) if ((apply(stringCharCodeAt, value, [i]) as number) !== words[base + i]) return false;
      return true;
    }
    case TAG.NUMBERS:
    case TAG.ARRAY: {
      const n = words[input.position++]!;
      // Only arrays whose reads consult no prototype (see encodeArray's fast loop); anything else is encoded.
      if (!plainReads || !isArray(value) || getPrototypeOf(value) !== input.realm.ArrayPrototype || (value as unknown[]).length !== n) return false;
      const array = value as unknown[];
      if (tag === TAG.NUMBERS) {
        const base = input.position;
        input.position += n;
        for (let i = 0; i < n; i++) {
          const element = array[i];
          if (typeof element !== 'number' || !sameNumber(element, words[base + i]!)) return false;
        }
        return true;
      }
      // Element by element; when every one still reads as sent, one of them is not a number (the host sent an
      // ARRAY, not a run of numbers), so the encoder would write an ARRAY too.
      for (let i = 0; i < n; i++) {
        if (words[input.position] === TAG.HOLE || !stillEncodes(array[i], input, plainReads)) return false;
      }
      return true;
    }
    case TAG.OBJECT: {
      const count = words[input.position++]!;
      // As encodeValue decides on an object (its prototype does not matter: only own fields are read).
      if (typeof value !== 'object' || value === null || isArray(value)) return false;
      if ((apply(objectToString, value, []) as string) !== '[object Object]') return false;
      const keys = ownKeys(value);
      if (keys.length !== count) return false;
      for (let i = 0; i < count; i++) {
        input.position++; // TAG.STRING
        const key = keys[i];
        const n = words[input.position++]!;
        const base = input.position;
        input.position += n;
        if (typeof key !== 'string' || key.length !== n) return false;
        for (let c = 0; c < n; c++) if ((apply(stringCharCodeAt, key, [c]) as number) !== words[base + c]) return false;
        if (!apply(propertyIsEnumerable, value, [key])) return false;
        if (!stillEncodes((value as Record<string, unknown>)[key], input, plainReads)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Whether the call's arguments still encode to `batch[from, from + n)`, as the host sent them. */
function argumentsUnchanged(args: unknown[], batch: Float64Array, from: number, n: number, plainReads: boolean, realm: Realm): boolean {
  const input: In = { words: batch, position: from, realm };
  const count = args.length;
  const tag = batch[input.position++];
  if (batch[input.position++] !== count) return false;
  for (let i = 0; i < count; i++) {
    const arg = args[i];
    if (tag === TAG.NUMBERS) {
      if (typeof arg !== 'number' || !sameNumber(arg, batch[input.position++]!)) return false;
    } else if (tag !== TAG.ARRAY || batch[input.position] === TAG.HOLE || !stillEncodes(arg, input, plainReads)) {
      return false;
    }
  }
  return input.position === from + n;
}

const MISSING: object = Object.freeze({ __proto__: null });

/** One exercise's context as the harness keeps it: its realm and, once its module has run, what it exported. */
export interface Handle {
  realm: Realm;
  exportsObject: unknown;
}

export interface Harness {
  /** Takes a fresh realm (realm-setup.ts's record) before any student code runs in it. */
  open(realm: RealmSetup): Handle;
  /** Runs the student's bundle (a function of `module, exports`) in its realm; entered through `realm.enter`. */
  load(handle: Handle, bundle: unknown): HarnessLoadResult;
  /**
   * Calls export `name` on each argument list of `batch` (codec.ts's `encodeBatch`) in turn, one isolate entry
   * for many calls (through `realm.enter`), and returns their results encoded (codec.ts's `decodeResults`).
   * Starts a call only while less than `budgetMs` has passed since the first, so the caller's limit for the
   * whole batch can be `budgetMs + timeoutMs` and still give every started call at least `timeoutMs` (with
   * `budgetMs` 0, exactly one call runs). A call that returns but took longer than `timeoutMs` counts as timed
   * out, as it would have alone. Stops after a timeout or a missing export.
   */
  callMany(handle: Handle, name: string, budgetMs: number, timeoutMs: number, batch: Float64Array): Float64Array;
  /** The finished results of a `callMany` the host's time limit interrupted. */
  takePartial(): Float64Array;
}

export function installHarness(): Harness {
  function open(realm: RealmSetup): Handle {
    // Copied into a record of the harness's own: the realm's record is an object student code could never
    // reach, but reading a fixed-shape harness object is also what keeps every later access fast.
    return {
      realm: {
        Array: realm.Array, numbers: realm.numbers, values: realm.values, ArrayPrototype: realm.ArrayPrototype, Object: realm.Object,
        ObjectPrototype: realm.ObjectPrototype, module: realm.module,
      },
      exportsObject: MISSING,
    };
  }

  function readExport(handle: Handle, name: string): unknown {
    const target = handle.exportsObject;
    if ((typeof target !== 'object' || target === null) && typeof target !== 'function') return MISSING;
    const descriptor = getOwnPropertyDescriptor(target as object, name);
    if (descriptor === undefined) return MISSING;
    if (hasOwn(descriptor, 'value')) return descriptor.value;
    // esbuild's CommonJS exports are getters over the module's live bindings.
    return descriptor.get ? apply(descriptor.get, target, []) : undefined;
  }

  function load(handle: Handle, bundle: unknown): HarnessLoadResult {
    // Made in the student's realm by realm-setup.ts: the bundle gets nothing of the harness's context.
    const module = handle.realm.module;
    try {
      apply(bundle as (...args: unknown[]) => unknown, undefined, [module, module.exports]);
    } catch (thrown) {
      const { name, message } = describeThrown(thrown);
      return { __proto__: null, kind: 'threw', name, message } as HarnessLoadResult;
    }
    handle.exportsObject = module.exports;
    const exports: ExportInfo[] = [];
    const target = handle.exportsObject;
    if ((typeof target === 'object' && target !== null) || typeof target === 'function') {
      try {
        const keys = ownKeys(target as object);
        const count = keys.length;
        for (let i = 0; i < count; i++) {
          const key = keys[i];
          if (typeof key !== 'string') continue;
          const descriptor = getOwnPropertyDescriptor(target as object, key);
          if (descriptor === undefined || descriptor.enumerable !== true) continue;
          let type: string;
          try {
            type = typeof readExport(handle, key);
          } catch {
            type = 'unreadable';
          }
          append(exports, { __proto__: null, name: clip(key, 200), type });
        }
      } catch {
        // A module.exports whose keys cannot be listed exports nothing usable.
      }
    }
    return { __proto__: null, kind: 'loaded', exports } as HarnessLoadResult;
  }

  /** The export `name` as a function, or the result record saying why there is none (already written to `out`). */
  function exportedFunction(handle: Handle, name: string, out: Out): ((...a: unknown[]) => unknown) | undefined {
    let fn: unknown;
    try {
      fn = readExport(handle, name);
    } catch (thrown) {
      const { name: errorName, message } = describeThrown(thrown);
      put(out, RESULT.THREW);
      putString(out, errorName);
      putString(out, message);
      return undefined;
    }
    if (typeof fn === 'function') return fn as (...a: unknown[]) => unknown;
    put(out, RESULT.MISSING_EXPORT);
    putString(out, fn === MISSING ? `does not export "${name}"` : `exports "${name}" as ${describeKind(fn)}, not a function`);
    return undefined;
  }

  function putThrew(out: Out, name: string, message: string): void {
    put(out, RESULT.THREW);
    putString(out, name);
    putString(out, message);
  }

  /**
   * Runs one call: its argument list is `batch[from, from + n)`. Writes its result record to `out`; false when
   * the batch must stop there (a missing export or a timeout).
   */
  function runOne(realm: Realm, fn: (...a: unknown[]) => unknown, batch: Float64Array, from: number, n: number, timeoutMs: number, out: Out): boolean {
    const input: In = { words: batch, position: from, realm };
    const args = decodeValue(input, plainIndexWrites(realm)) as unknown[];
    const record = out.length;
    const started = apply(dateNow, undefined, []) as number;
    let value: unknown;
    try {
      value = apply(fn, undefined, args);
    } catch (thrown) {
      if ((apply(dateNow, undefined, []) as number) - started > timeoutMs) {
        put(out, RESULT.TIMEOUT);
        return false;
      }
      const { name: errorName, message } = describeThrown(thrown);
      putThrew(out, errorName, message);
      return true;
    }
    const durationMs = (apply(dateNow, undefined, []) as number) - started;
    if (durationMs > timeoutMs) {
      put(out, RESULT.TIMEOUT);
      return false;
    }
    put(out, RESULT.OK);
    put(out, durationMs);
    // The call may have put an index property on a prototype: checked again before reading what it left.
    const plainReads = plainIndexWrites(realm);
    const failure = encodeOut(value, 'the result', out, plainReads, realm);
    if (failure !== undefined) {
      out.length = record;
      putThrew(out, 'NotPlainData', failure);
      return true;
    }
    // The arguments after the call: unchanged when they still read as the words the host sent (the usual case,
    // checked without encoding), else encoded as the host encoded them, where equal words also mean unchanged.
    if (argumentsUnchanged(args, batch, from, n, plainReads, realm)) {
      put(out, 0);
      return true;
    }
    const flag = out.length;
    put(out, 1);
    const after = out.length;
    // The list as the host's encoder writes it (a run of numbers when every argument is a number), each
    // argument under its own name for messages.
    const count = args.length;
    let numbers = true;
    for (let i = 0; i < count; i++) if (typeof args[i] !== 'number') numbers = false;
    put(out, numbers ? TAG.NUMBERS : TAG.ARRAY);
    put(out, count);
    for (let i = 0; i < count; i++) {
      if (numbers) {
        put(out, args[i] as number);
        continue;
      }
      const argFailure = encodeOut(args[i], `argument ${i + 1} (after the call)`, out, plainReads, realm);
      if (argFailure !== undefined) {
        out.length = record;
        putThrew(out, 'NotPlainData', `the function left unreadable data in its arguments: ${argFailure}`);
        return true;
      }
    }
    if (out.length - after === n && sameWords(out.words, after, batch, from, n)) {
      out.words[flag] = 0;
      out.length = after;
    }
    return true;
  }

  // One buffer for every batch (what leaves is a copy of its used part): no 32 KiB to clear per call.
  const out = newOut();

  function callMany(handle: Handle, name: string, budgetMs: number, timeoutMs: number, sent: Float64Array): Float64Array {
    // isolated-vm made `sent` in the entered context, the student's realm: a copy of the harness's own keeps the
    // decoding loops on one kind of typed array whichever realm the batch is for.
    const batch = new Float64ArrayConstructor(sent);
    out.length = 0;
    out.completed = 0;
    const realm = handle.realm;
    const fn = exportedFunction(handle, name, out);
    if (fn === undefined) return wordsOf(out);
    const count = batch[0]!;
    let position = 1;
    const batchStarted = apply(dateNow, undefined, []) as number;
    for (let k = 0; k < count; k++) {
      if (k > 0 && (apply(dateNow, undefined, []) as number) - batchStarted > budgetMs) break;
      const n = batch[position]!;
      const more = runOne(realm, fn, batch, position + 1, n, timeoutMs, out);
      position += 1 + n;
      out.completed = out.length;
      if (!more) break;
    }
    return wordsOf(out);
  }

  function takePartial(): Float64Array {
    return wordsOf(out, out.completed);
  }

  return { __proto__: null, open, load, callMany, takePartial } as unknown as Harness;
}

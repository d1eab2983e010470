// Runs inside the isolate, in each exercise's context, BEFORE any student code. It captures every built-in it
// needs up front, so student code that later replaces `Reflect.apply`, pollutes `Object.prototype` or
// `Array.prototype`, or redefines `console` cannot change what the harness does. It is compiled on its own
// (see compile-runtime.ts) into one strict-mode script whose completion value is `installHarness()`'s result;
// nothing of it is reachable from the context's global object.
//
// Rules for this file: no method calls on values student code can touch (use the captured functions), no
// iteration protocol (for-of, spread, array destructuring) over student values, no assignment into arrays
// (an index setter on Array.prototype would see it), and only null-prototype objects for anything else the
// harness builds, so inherited setters and getters never run.
//
// What the harness hands to isolated-vm's copy contains nothing but primitives, arrays made by Array.from,
// null-prototype objects and Float64Arrays (the encoding of an array of numbers): copying it out runs no
// student code, so it cannot hang or be fooled. The child turns the Float64Arrays back into arrays.
import type { ExportInfo, HarnessCallResult, HarnessLoadResult } from './protocol.js';

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
const ArrayConstructor = Array;
const arrayFrom = Array.from;
const Float64ArrayConstructor = Float64Array;
const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
const StringOf = String;
const objectToString = Object.prototype.toString;
const stringSlice = String.prototype.slice;
const stringCharCodeAt = String.prototype.charCodeAt;
const jsonStringify = JSON.stringify;
const typedArrayLength = getOwnPropertyDescriptor(getPrototypeOf(Uint8Array.prototype) as object, 'length')?.get;
const TYPED_ARRAY_TAGS: Record<string, true> = {
  __proto__: null,
  '[object Float64Array]': true, '[object Float32Array]': true, '[object Int8Array]': true,
  '[object Uint8Array]': true, '[object Uint8ClampedArray]': true, '[object Int16Array]': true,
  '[object Uint16Array]': true, '[object Int32Array]': true, '[object Uint32Array]': true,
} as unknown as Record<string, true>;

type Plain = unknown;

/** Thrown inside the copy to stop it; never escapes the harness. */
const STOP: object = Object.freeze({ __proto__: null });

interface CopyState {
  count: number;
  failure: string;
  /** Name of the value being copied (`the result`, `argument 2 (after the call)`). */
  root: string;
  /** Keys from the root to the current value, built into a path only when the copy fails. */
  keys: Record<number, string | number>;
  /** Objects on the path from the root to the current value (cycle detection). */
  ancestors: Record<number, unknown>;
  depth: number;
}

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

/**
 * Copies `value` into fresh plain data: numbers (NaN, ±Infinity and -0 kept), strings, booleans, null,
 * undefined, arrays and plain objects (own enumerable string-keyed fields). Typed arrays become arrays of
 * numbers; getters are read once and their value copied; proxies are read through their traps; a shared
 * sub-object is copied once per place it appears, so aliasing does not survive. Functions, symbols, BigInts,
 * cycles, Maps, Promises and other exotic values stop the copy with a message naming where they sit.
 */
function copyValue(value: unknown, state: CopyState): Plain {
  if (++state.count > MAX_VALUES) fail(state, `holds more than ${MAX_VALUES} values; data this large cannot be copied out`, true);
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'string':
      if (value.length > MAX_STRING) fail(state, `is a string of ${value.length} characters (at most ${MAX_STRING} are copied out)`);
      return value;
    case 'bigint':
      fail(state, 'is a BigInt, not a number');
    case 'symbol':
      fail(state, 'is a Symbol');
    case 'function':
      fail(state, 'is a function; return plain data (numbers, arrays, plain objects)');
  }
  if (value === null) return null;
  const object = value as object;
  const depth = state.depth;
  for (let i = 0; i < depth; i++) {
    if (state.ancestors[i] === object) fail(state, `refers back to ${pathOf(state, i)} (a cycle); return plain data`);
  }
  if (depth >= MAX_DEPTH) fail(state, `is nested more than ${MAX_DEPTH} levels deep`);
  if (isArray(object)) return copyArray(object, state);
  const tag = apply(objectToString, object, []) as string;
  if (tag === '[object Object]') return copyObject(object, state);
  if (TYPED_ARRAY_TAGS[tag] === true && typedArrayLength) return copyTypedArray(object, state);
  if (tag === '[object Promise]') fail(state, 'is a Promise; the function must return its value directly (is it async?)');
  fail(state, `is ${describeKind(object)}, not plain data (numbers, arrays, plain objects)`);
}

/** The element at `index`, read only when it is the array's own (a hole must not read Array.prototype). */
function ownElement(array: unknown[], index: number): unknown {
  return hasOwn(array, index) ? array[index] : undefined;
}

function copyArray(array: unknown[], state: CopyState): Plain {
  const length = array.length;
  if (typeof length !== 'number' || !(length >= 0)) fail(state, 'has an impossible length');
  if (state.count + length > MAX_VALUES) fail(state, `holds more than ${MAX_VALUES} values; data this large cannot be copied out`, true);
  // Arrays of numbers, the usual case, go into a Float64Array: typed-array writes never consult a prototype.
  const numbers = new Float64ArrayConstructor(length);
  let i = 0;
  for (; i < length; i++) {
    const element = ownElement(array, i);
    if (typeof element !== 'number') break;
    numbers[i] = element;
  }
  if (i === length) {
    state.count += length;
    return numbers;
  }
  const depth = state.depth;
  state.ancestors[depth] = array;
  state.depth = depth + 1;
  // Array.from defines each element (CreateDataProperty): no inherited setter can intercept the copy.
  const copy = apply(arrayFrom, ArrayConstructor, [{ __proto__: null, length }, (_: unknown, index: number) => {
    state.keys[depth] = index;
    return copyValue(ownElement(array, index), state);
  }]) as unknown[];
  state.depth = depth;
  state.ancestors[depth] = undefined;
  return copy;
}

function copyObject(object: object, state: CopyState): Plain {
  const copy: Record<string, unknown> = { __proto__: null } as unknown as Record<string, unknown>;
  const keys = ownKeys(object);
  const count = keys.length;
  const depth = state.depth;
  state.ancestors[depth] = object;
  state.depth = depth + 1;
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    if (typeof key !== 'string' || !apply(propertyIsEnumerable, object, [key])) continue;
    state.keys[depth] = key;
    // Safe on a null-prototype object: there is no inherited __proto__ setter or any other setter to hit.
    copy[key] = copyValue((object as Record<string, unknown>)[key], state);
  }
  state.depth = depth;
  state.ancestors[depth] = undefined;
  return copy;
}

function copyTypedArray(view: object, state: CopyState): Plain {
  const length = apply(typedArrayLength!, view, []) as number;
  if (state.count + length > MAX_VALUES) fail(state, `holds more than ${MAX_VALUES} values; data this large cannot be copied out`, true);
  state.count += length;
  const numbers = new Float64ArrayConstructor(length);
  for (let i = 0; i < length; i++) {
    const element = (view as Record<number, unknown>)[i];
    if (typeof element !== 'number') fail(state, 'holds values that are not numbers');
    numbers[i] = element;
  }
  return numbers;
}

/** Copies `value` out, or returns the reason it cannot be (also when reading it runs student code that throws). */
function copyOut(value: unknown, root: string): { ok: true; value: Plain } | { ok: false; message: string } {
  const state = { __proto__: null, count: 0, failure: '', root, keys: { __proto__: null }, ancestors: { __proto__: null }, depth: 0 } as unknown as CopyState;
  try {
    return { __proto__: null, ok: true, value: copyValue(value, state) } as { ok: true; value: Plain };
  } catch (thrown) {
    if (thrown === STOP) return { __proto__: null, ok: false, message: state.failure } as { ok: false; message: string };
    const { name, message } = describeThrown(thrown);
    return { __proto__: null, ok: false, message: `reading ${pathOf(state, state.depth)} threw ${name}: ${message}` } as { ok: false; message: string };
  }
}

function noop(): void {}

/** Everything a student may print goes nowhere: nothing crosses to the host, nothing is kept. */
function silentConsole(): Console {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group',
    'groupCollapsed', 'groupEnd', 'time', 'timeEnd', 'timeLog', 'timeStamp', 'count', 'countReset', 'assert',
    'clear', 'profile', 'profileEnd'];
  const console: Record<string, () => void> = {};
  for (let i = 0; i < methods.length; i++) console[methods[i]!] = noop;
  return console as unknown as Console;
}

const MISSING: object = Object.freeze({ __proto__: null });

export function installHarness(): { load(bundle: unknown): HarnessLoadResult; call(name: string, args: unknown[]): HarnessCallResult } {
  const global = globalThis as unknown as Record<string, unknown>;
  // Shared memory would let a call block the thread in Atomics.wait; WebAssembly memory is another way to it.
  delete global.SharedArrayBuffer;
  delete global.Atomics;
  delete global.WebAssembly;
  defineProperty(global, 'console', { __proto__: null, value: silentConsole(), writable: true, configurable: true, enumerable: false } as PropertyDescriptor);

  let exportsObject: unknown = MISSING;

  function readExport(name: string): unknown {
    const target = exportsObject;
    if ((typeof target !== 'object' || target === null) && typeof target !== 'function') return MISSING;
    const descriptor = getOwnPropertyDescriptor(target as object, name);
    if (descriptor === undefined) return MISSING;
    if (hasOwn(descriptor, 'value')) return descriptor.value;
    // esbuild's CommonJS exports are getters over the module's live bindings.
    return descriptor.get ? apply(descriptor.get, target, []) : undefined;
  }

  function load(bundle: unknown): HarnessLoadResult {
    const module = { __proto__: null, exports: {} } as unknown as { exports: unknown };
    try {
      apply(bundle as (...args: unknown[]) => unknown, undefined, [module, module.exports]);
    } catch (thrown) {
      const { name, message } = describeThrown(thrown);
      return { __proto__: null, kind: 'threw', name, message } as HarnessLoadResult;
    }
    exportsObject = module.exports;
    const exports: ExportInfo[] = [];
    const target = exportsObject;
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
            type = typeof readExport(key);
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

  function call(name: string, args: unknown[]): HarnessCallResult {
    let fn: unknown;
    try {
      fn = readExport(name);
    } catch (thrown) {
      const { name: errorName, message } = describeThrown(thrown);
      return { __proto__: null, kind: 'threw', name: errorName, message } as HarnessCallResult;
    }
    if (fn === MISSING) return { __proto__: null, kind: 'missing-export', message: `does not export "${name}"` } as HarnessCallResult;
    if (typeof fn !== 'function') {
      return { __proto__: null, kind: 'missing-export', message: `exports "${name}" as ${describeKind(fn)}, not a function` } as HarnessCallResult;
    }
    let value: unknown;
    try {
      value = apply(fn as (...a: unknown[]) => unknown, undefined, args);
    } catch (thrown) {
      const { name: errorName, message } = describeThrown(thrown);
      return { __proto__: null, kind: 'threw', name: errorName, message } as HarnessCallResult;
    }
    const result = copyOut(value, 'the result');
    if (!result.ok) return { __proto__: null, kind: 'threw', name: 'NotPlainData', message: result.message } as HarnessCallResult;
    const argsAfter: unknown[] = [];
    const count = args.length;
    for (let i = 0; i < count; i++) {
      const after = copyOut(args[i], `argument ${i + 1} (after the call)`);
      if (!after.ok) {
        return { __proto__: null, kind: 'threw', name: 'NotPlainData', message: `the function left unreadable data in its arguments: ${after.message}` } as HarnessCallResult;
      }
      append(argsAfter, after.value);
    }
    return { __proto__: null, kind: 'ok', value: result.value, argsAfter } as HarnessCallResult;
  }

  return { __proto__: null, load, call } as unknown as ReturnType<typeof installHarness>;
}

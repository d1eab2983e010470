// Student code is hostile: it must not reach the host, fake its results or break the harness.
import { types } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, LSTM_CELL, LSTM_GATES, tempSubmission, type TempSubmission } from './__test-helpers__/submission.js';
import { createSandbox } from './create-sandbox.js';
import type { Sandbox } from './types.js';

const GRU_GATES = { id: '04-gru-gates', entry: 'src/gru-gates.ts' };

/** 01: a probe that looks for pollution leaking across contexts. */
const probe = `
export function probe() {
  return {
    polluted: typeof ({} as any).polluted,
    reflectApply: String(Reflect.apply).includes('[native code]'),
    arrayZero: Object.getOwnPropertyDescriptor(Array.prototype, '0') === undefined,
  };
}
`;

/** 02: escape attempts and results that are not plain data. */
const escapes = `
const g = globalThis as any;
const AMBIENT = ['process', 'require', 'module', 'exports', 'global', 'fetch', 'XMLHttpRequest', 'WebSocket',
  'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'Buffer', 'ivm', '_ivm', 'SharedArrayBuffer',
  'Atomics', 'WebAssembly', 'Deno', 'Bun', '__dirname', '__filename', 'importScripts', 'postMessage'];
export function ambient() {
  const found: Record<string, string> = {};
  for (const name of AMBIENT) found[name] = typeof g[name];
  return found;
}
export function globalNames() { return Object.getOwnPropertyNames(globalThis); }
export function functionConstructor() {
  const F = (function () {}).constructor as FunctionConstructor;
  return {
    process: F('return typeof process')(),
    require: (() => 1).constructor('return typeof require')(),
    sameGlobal: F('return this')() === globalThis,
    evalProcess: (0, eval)('typeof process'),
  };
}
export function processViaConstructor() { return g.constructor.constructor('return process')().env; }
// Every value student code is handed must be of its own realm: the harness lives in another context of the same
// isolate, and a value of that context would lead to its Function constructor.
declare const module: any;
const own = (value: any) => value.constructor.constructor('return globalThis')() === globalThis;
export function realmOfValues(rows: number[][], p: { W: number[][]; b: number[] }, labels: string[]) {
  return {
    rows: own(rows) && own(rows[0]) && rows instanceof Array && rows[0] instanceof Array,
    object: own(p) && Object.getPrototypeOf(p) === Object.prototype && own(p.W) && own(p.b),
    strings: own(labels) && labels instanceof Array,
    arguments: own(arguments) && own([].slice.call(arguments)),
    module: Object.getPrototypeOf(module) === null && own(module.exports) && Object.getPrototypeOf(module.exports) === Object.prototype,
    sameFunction: (function () {}).constructor === Function && rows.constructor.constructor === Function,
  };
}
export function finalizers() { return typeof g.FinalizationRegistry + ' ' + typeof g.WeakRef; }
export function readEnv() { return (process as any).env.HOME; }
export function callFetch() { return (fetch as any)('http://127.0.0.1:9/'); }
export function atomicsWait() { Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0); return 'waited'; }
export function wasmMemory() { return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer; }
export function harnessFrames() {
  const E = Error as any;
  const previous = E.prepareStackTrace;
  E.prepareStackTrace = (_e: unknown, frames: any[]) => frames.map((f) => typeof f.getFunction() + ':' + typeof f.getThis());
  const stack = (new Error('x') as any).stack;
  E.prepareStackTrace = previous;
  return stack;
}
export function callerOf() {
  try { return typeof (callerOf as any).caller; } catch (e) { return 'refused: ' + (e as Error).constructor.name; }
}
export function thisValue(this: unknown) { return typeof this; }
export function noisy() {
  const line = 'x'.repeat(1 << 20);
  for (let i = 0; i < 100; i++) { console.log(line); console.error(line, { line }); console.table([line]); }
  return 1;
}
export const getterResult = () => ({ get h() { return [1]; } });
export const getterInArray = () => { const a = [1, 2]; Object.defineProperty(a, 1, { get: () => 2, enumerable: true }); return a; };
export const endlessGetter = () => ({ get h(): number { for (;;) {} } });
export const proxyResult = () => new Proxy([1, 2], {});
export const proxyObject = () => new Proxy({}, {
  ownKeys: () => ['x'],
  getOwnPropertyDescriptor: () => ({ value: 7, enumerable: true, configurable: true }),
  get: (_target, key) => (key === 'x' ? 7 : undefined),
});
export const throwingProxy = () => new Proxy({}, { ownKeys() { throw new Error('trap'); } });
export const functionResult = () => ({ h: [() => 1] });
export const cyclic = () => { const o: any = { a: [1] }; o.a.push(o); return o; };
export const shared = () => { const v = [1, 2]; return { h: v, c: v }; };
export const mapResult = () => new Map([[1, 2]]);
export async function asyncResult() { return [1]; }
export const symbolResult = () => [Symbol('s')];
export const bigintResult = () => 10n;
export const hugeResult = () => new Array(2_000_000).fill(0);
export const hugeString = () => 'x'.repeat(100_000);
export const deep = () => { let v: unknown = 1; for (let i = 0; i < 100; i++) v = [v]; return v; };
export const classInstance = () => new (class State { h = [1]; c = [2]; get both() { return 3; } })();
export const nullPrototype = () => Object.assign(Object.create(null), { h: [1] });
export function throwsProxy() { throw new Proxy({}, { get() { throw new Error('no'); } }); }
export function throwsString() { throw 'plain string'; }
export function recurse(): number { return recurse() + 1; }
export function leavesFunctionInArgs(p: { W: unknown }) { p.W = () => 1; return 1; }
`;

/** 03: tampering with built-ins the harness relies on, then a correct function. */
const tampering = `
export function pollute() {
  const define = Object.defineProperty;
  // Null-prototype descriptors: once Object.prototype has \`value\` and \`get\`, ordinary ones are invalid.
  define(Object.prototype, 'value', { __proto__: null, get() { return 'forged'; }, set() {}, configurable: true } as PropertyDescriptor);
  define(Object.prototype, 'kind', { __proto__: null, get() { return 'ok'; }, configurable: true } as PropertyDescriptor);
  define(Object.prototype, 'get', { __proto__: null, get() { return () => 'forged'; }, configurable: true } as PropertyDescriptor);
  define(Array.prototype, '0', { __proto__: null, get() { return 'forged'; }, set() {}, configurable: true } as PropertyDescriptor);
  (Object.prototype as any).polluted = true;
  Reflect.apply = () => 'forged';
  Reflect.getOwnPropertyDescriptor = () => undefined;
  Reflect.ownKeys = () => [];
  Reflect.defineProperty = () => true;
  Object.hasOwn = () => false;
  Array.isArray = () => false;
  Object.prototype.toString = () => '[object Object]';
  JSON.stringify = () => 'forged';
  Function.prototype.call = function () { return 'forged'; } as any;
  Function.prototype.apply = function () { return 'forged'; } as any;
  Array.prototype.push = function () { return 0; };
  (globalThis as any).String = () => 'forged';
  return 'polluted';
}
export function double(v: number[], m: { a: number[] }) { return { v: v.map((x) => 2 * x), m: [m.a[1], m.a[0]] }; }
export function forgePurity(v: number[]) {
  // Mutates v but tries to make the copy read the old value through Array.prototype.
  const old = v[1];
  delete (v as any)[1];
  Object.defineProperty(Array.prototype, '1', { __proto__: null, value: old, configurable: true, writable: true } as PropertyDescriptor);
  return 1;
}
`;

/** 04: endless loops. */
const loops = `
let runs = 0;
export function spin(): number { runs++; for (;;) {} }
export function runsSoFar(): number { return runs; }
export function microtaskSpin(): number { Promise.resolve().then(function again() { for (;;) {} }); return 1; }
export function regexBacktracking(): boolean { return /^(a+)+$/.test('a'.repeat(40) + 'b'); }
export const add = (a: number, b: number) => a + b;
`;

const STANDARD_GLOBALS = new Set(('Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean String Symbol ' +
  'Date Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError globalThis JSON ' +
  'Math Intl ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array Float64Array ' +
  'Uint8ClampedArray BigUint64Array BigInt64Array DataView Map BigInt Set WeakMap WeakSet Proxy Reflect FinalizationRegistry ' +
  'WeakRef decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape eval isFinite isNaN console Iterator').split(' '));

describe('a sandbox running hostile code', () => {
  let submission: TempSubmission;
  let sandbox: Sandbox;
  const call = (exercise: string, fn: string, args: unknown[] = []) => sandbox.call(exercise, fn, args);
  const notPlain = (message: string) => ({ kind: 'threw', name: 'NotPlainData', message });

  beforeAll(async () => {
    submission = tempSubmission({
      '01-activations/src/activations.ts': probe,
      '02-lstm-gates/src/lstm-gates.ts': escapes,
      '03-lstm-cell/src/lstm-cell.ts': tampering,
      '04-gru-gates/src/gru-gates.ts': loops,
    });
    sandbox = await createSandbox(submission.dir, [ACTIVATIONS, LSTM_GATES, LSTM_CELL, GRU_GATES], { timeoutMs: 1000 });
  });
  afterAll(() => {
    sandbox?.dispose();
    submission?.remove();
  });

  it('should load every exercise', () => {
    expect([...sandbox.builds.values()].map((b) => b.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
  });

  it('should offer no process, require, module system, network, timers or shared memory', () => {
    const outcome = call('02-lstm-gates', 'ambient');
    expect(outcome.kind).toBe('ok');
    const found = (outcome as { value: Record<string, string> }).value;
    expect(Object.entries(found).filter(([, type]) => type !== 'undefined')).toEqual([]);
    const names = (call('02-lstm-gates', 'globalNames') as { value: string[] }).value;
    expect(names.filter((n) => !STANDARD_GLOBALS.has(n))).toEqual([]);
  });

  it('should keep Function-constructor and eval tricks inside the isolate', () => {
    expect(call('02-lstm-gates', 'functionConstructor')).toMatchObject({
      kind: 'ok', value: { process: 'undefined', require: 'undefined', sameGlobal: true, evalProcess: 'undefined' },
    });
    expect(call('02-lstm-gates', 'processViaConstructor')).toEqual({ kind: 'threw', name: 'ReferenceError', message: 'process is not defined' });
    expect(call('02-lstm-gates', 'realmOfValues', [[[1, 2], [3]], { W: [[1]], b: [2] }, ['a', 'b']])).toEqual({
      kind: 'ok', value: { rows: true, object: true, strings: true, arguments: true, module: true, sameFunction: true },
      argsAfter: expect.anything(), durationMs: expect.any(Number),
    });
    // A finalization callback runs whenever the collector decides, perhaps in a later student's call.
    expect(call('02-lstm-gates', 'finalizers')).toMatchObject({ kind: 'ok', value: 'undefined function' });
    expect(call('02-lstm-gates', 'readEnv')).toEqual({ kind: 'threw', name: 'ReferenceError', message: 'process is not defined' });
    expect(call('02-lstm-gates', 'callFetch')).toEqual({ kind: 'threw', name: 'ReferenceError', message: 'fetch is not defined' });
    expect(call('02-lstm-gates', 'atomicsWait')).toEqual({ kind: 'threw', name: 'ReferenceError', message: 'Atomics is not defined' });
    expect(call('02-lstm-gates', 'wasmMemory')).toEqual({ kind: 'threw', name: 'ReferenceError', message: 'WebAssembly is not defined' });
  });

  it('should not expose the harness through stack-trace hooks or `caller`', () => {
    const frames = call('02-lstm-gates', 'harnessFrames');
    expect(frames.kind).toBe('ok');
    expect((frames as { value: string[] }).value.length).toBeGreaterThan(0);
    expect((frames as { value: string[] }).value.filter((f) => f !== 'undefined:undefined')).toEqual([]);
    expect(call('02-lstm-gates', 'callerOf')).toMatchObject({ kind: 'ok', value: 'refused: TypeError' });
    expect(call('02-lstm-gates', 'thisValue')).toMatchObject({ kind: 'ok', value: 'undefined' });
  });

  it('should discard console output, however large', () => {
    expect(call('02-lstm-gates', 'noisy')).toMatchObject({ kind: 'ok', value: 1 });
  });

  it('should refuse functions, cycles, Maps, Promises, symbols, BigInts and oversized data, saying where', () => {
    expect(call('02-lstm-gates', 'functionResult')).toEqual(notPlain('the result.h[0] is a function; return plain data (numbers, arrays, plain objects)'));
    expect(call('02-lstm-gates', 'cyclic')).toEqual(notPlain('the result.a[1] refers back to the result (a cycle); return plain data'));
    expect(call('02-lstm-gates', 'mapResult')).toEqual(notPlain('the result is a Map, not plain data (numbers, arrays, plain objects)'));
    expect(call('02-lstm-gates', 'asyncResult')).toEqual(notPlain('the result is a Promise; the function must return its value directly (is it async?)'));
    expect(call('02-lstm-gates', 'symbolResult')).toEqual(notPlain('the result[0] is a Symbol'));
    expect(call('02-lstm-gates', 'bigintResult')).toEqual(notPlain('the result is a BigInt, not a number'));
    expect(call('02-lstm-gates', 'hugeResult')).toEqual(notPlain('the result holds more than 1000000 values; data this large cannot be copied out'));
    expect(call('02-lstm-gates', 'hugeString')).toEqual(notPlain('the result is a string of 100000 characters (at most 10000 are copied out)'));
    expect(call('02-lstm-gates', 'deep')).toMatchObject({ kind: 'threw', name: 'NotPlainData', message: expect.stringMatching(/^the result(\[0\]){64} is nested more than 64 levels deep$/) });
    expect(call('02-lstm-gates', 'throwingProxy')).toEqual(notPlain('reading the result threw Error: trap'));
    expect(call('02-lstm-gates', 'leavesFunctionInArgs', [{ W: [[1]] }])).toEqual(
      notPlain('the function left unreadable data in its arguments: argument 1 (after the call).W is a function; return plain data (numbers, arrays, plain objects)'),
    );
  });

  it('should copy getters, proxies, class instances and shared sub-objects out as plain, unshared data', () => {
    // A getter is read once, inside the time limit; what comes out is its value in a plain field.
    const getter = call('02-lstm-gates', 'getterResult') as { value: object };
    expect(getter).toMatchObject({ kind: 'ok', value: { h: [1] } });
    expect(Object.getOwnPropertyDescriptor(getter.value, 'h')).toMatchObject({ value: [1], writable: true });
    expect(call('02-lstm-gates', 'getterInArray')).toMatchObject({ kind: 'ok', value: [1, 2] });
    expect(call('02-lstm-gates', 'endlessGetter')).toEqual({ kind: 'timeout', limitMs: 1000 });
    const proxy = call('02-lstm-gates', 'proxyResult');
    expect(proxy).toMatchObject({ kind: 'ok', value: [1, 2] });
    expect(types.isProxy((proxy as { value: unknown }).value)).toBe(false);
    expect(call('02-lstm-gates', 'proxyObject')).toMatchObject({ kind: 'ok', value: { x: 7 } });
    // Only own data fields: the prototype's getter `both` stays behind.
    const instance = call('02-lstm-gates', 'classInstance') as { value: object };
    expect(instance.value).toEqual({ h: [1], c: [2] });
    expect(Object.getPrototypeOf(instance.value)).toBe(Object.prototype);
    expect(call('02-lstm-gates', 'nullPrototype')).toMatchObject({ kind: 'ok', value: { h: [1] } });
    const shared = call('02-lstm-gates', 'shared') as { value: { h: number[]; c: number[] } };
    expect(shared.value).toEqual({ h: [1, 2], c: [1, 2] });
    expect(shared.value.h).not.toBe(shared.value.c);
  });

  it('should report odd throws without being fooled by them', () => {
    expect(call('02-lstm-gates', 'throwsProxy')).toEqual({ kind: 'threw', name: 'Error', message: 'an exception whose details could not be read' });
    expect(call('02-lstm-gates', 'throwsString')).toEqual({ kind: 'threw', name: 'string', message: 'plain string' });
    expect(call('02-lstm-gates', 'recurse')).toEqual({ kind: 'threw', name: 'RangeError', message: 'Maximum call stack size exceeded' });
  });

  it('should keep the harness working after student code replaces the built-ins it uses', () => {
    expect(call('03-lstm-cell', 'pollute')).toMatchObject({ kind: 'ok', value: 'polluted' });
    expect(call('03-lstm-cell', 'double', [[1, 2], { a: [3, 4] }])).toEqual({
      kind: 'ok', value: { v: [2, 4], m: [4, 3] }, argsAfter: [[1, 2], { a: [3, 4] }], durationMs: expect.any(Number),
    });
    // Deleting an element and planting the old value on Array.prototype does not hide the mutation.
    expect(call('03-lstm-cell', 'forgePurity', [[1, 2, 3]])).toMatchObject({ kind: 'ok', argsAfter: [[1, undefined, 3]] });
    expect(call('03-lstm-cell', 'missing')).toMatchObject({ kind: 'missing-export' });
    // Other exercises run in their own contexts: the pollution does not reach them.
    expect(call('01-activations', 'probe')).toMatchObject({ kind: 'ok', value: { polluted: 'undefined', reflectApply: true, arrayZero: true } });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('should time out an endless loop once, then answer timeout at once without running it again', () => {
    expect(call('04-gru-gates', 'spin')).toEqual({ kind: 'timeout', limitMs: 1000 });
    expect(call('04-gru-gates', 'spin')).toEqual({ kind: 'timeout', limitMs: 1000 });
    expect(call('04-gru-gates', 'runsSoFar')).toMatchObject({ kind: 'ok', value: 1 });
    expect(call('04-gru-gates', 'microtaskSpin')).toEqual({ kind: 'timeout', limitMs: 1000 });
    expect(call('04-gru-gates', 'regexBacktracking')).toEqual({ kind: 'timeout', limitMs: 1000 });
    expect(call('04-gru-gates', 'add', [2, 3])).toMatchObject({ kind: 'ok', value: 5 });
  });
});

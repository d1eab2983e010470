// Runs first in each exercise's context, BEFORE any student code: it takes out what would let student code
// block the thread or outlive its calls, silences the console, and hands the harness (harness.ts, which lives
// in a context of its own) the few built-ins of this context it needs to build the student's values here. It
// is compiled on its own (see compile-runtime.ts) into one strict-mode script whose completion value is
// `setUpRealm()`'s record; nothing of it is reachable from the context's global object, and the record goes
// only to the harness and the child process.
import type { RealmSetup } from './harness.js';

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

/**
 * Every entry into the isolate that may run student code goes through here, so that this context, not the
 * harness's, is the one isolated-vm enters: V8 allows `eval` and `new Function` only when the entered context
 * may access the code's own context, and the harness's context is one student code must not reach. Strict, like
 * the harness, so `caller` and stack-trace hooks do not expose it.
 */
function enter(run: (...args: unknown[]) => unknown, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown): unknown {
  return run(a, b, c, d, e);
}

export function setUpRealm(): RealmSetup {
  const global = globalThis as unknown as Record<string, unknown>;
  // Shared memory would let a call block the thread in Atomics.wait; WebAssembly memory is another way to it.
  delete global.SharedArrayBuffer;
  delete global.Atomics;
  delete global.WebAssembly;
  // The isolate is kept for the next submissions: nothing may run after this context's calls are over (a
  // finalization callback runs whenever the garbage collector decides, perhaps in another student's call).
  delete global.FinalizationRegistry;
  Object.defineProperty(global, 'console', { value: silentConsole(), writable: true, configurable: true, enumerable: false });
  const module = { __proto__: null, exports: {} } as unknown as { exports: unknown };
  // Captured now: student code may replace the global `Array` later. Two functions, two allocation sites (see
  // Realm.numbers in harness.ts): arrays of numbers and arrays of arrays must not share what V8 learns.
  const PristineArray = Array;
  const numbers = (n: number): unknown[] => new PristineArray(n);
  const values = (n: number): unknown[] => new PristineArray(n);
  return {
    __proto__: null, Array, numbers, values, ArrayPrototype: Array.prototype, Object, ObjectPrototype: Object.prototype, module, enter,
  } as unknown as RealmSetup;
}

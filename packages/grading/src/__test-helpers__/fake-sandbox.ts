// A Sandbox whose exercises are plain functions in this process, for runner tests that need outcomes a real
// file cannot easily produce on demand (timeouts, memory, missing exports, unavailable isolates).
import { encodedOutcome, encodePlain } from '@gatecheck/sandbox';
import type { CallOutcome, ExerciseBuild, Sandbox } from '../sandbox-types.js';

export type FakeFunction = (...args: any[]) => unknown;
export type FakeExercise = Record<string, FakeFunction | CallOutcome>;

/**
 * With `encoded`, results come back as the real sandbox's do: in the wire format, decoded when read, and
 * `decoded` counts those reads.
 */
export function fakeSandbox(exercises: Record<string, FakeExercise | ExerciseBuild>, options: { encoded?: boolean } = {}):
  Sandbox & { calls: number; decoded: number } {
  const builds = new Map<string, ExerciseBuild>();
  for (const [id, ex] of Object.entries(exercises)) {
    if ('status' in ex && typeof ex.status === 'string') builds.set(id, ex as ExerciseBuild);
    else builds.set(id, { status: 'loaded', exerciseId: id, entry: 'src/x.ts', exports: Object.keys(ex), functions: { scale: { startLine: 2, endLine: 4 } }, bundleBytes: 1 });
  }
  const sandbox = {
    calls: 0,
    decoded: 0,
    builds,
    timings: { bundleMs: 3, startMs: 4, isolateKept: false },
    call(exerciseId: string, fn: string, args: unknown[]): CallOutcome {
      sandbox.calls++;
      const f = (exercises[exerciseId] as FakeExercise | undefined)?.[fn];
      if (f === undefined) return { kind: 'missing-export', message: `${exerciseId} does not export ${fn}` };
      if (typeof f !== 'function') return f;
      const copy = structuredClone(args);
      try {
        const result = f(...copy);
        if (!options.encoded) return { kind: 'ok', value: structuredClone(result), argsAfter: copy, durationMs: 0 };
        const outcome = encodedOutcome({ words: encodePlain(result), at: 0 }, 0, copy);
        const read = Object.getOwnPropertyDescriptor(outcome, 'value')!.get!;
        Object.defineProperty(outcome, 'value', { get: () => { sandbox.decoded++; return read.call(outcome); }, enumerable: true });
        return outcome;
      } catch (error) {
        const message = (error as Error).message;
        if (message.startsWith('not implemented')) return { kind: 'not-implemented', message };
        return { kind: 'threw', name: (error as Error).name, message };
      }
    },
    dispose() {},
  };
  return sandbox;
}

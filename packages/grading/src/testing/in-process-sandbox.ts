// A stand-in for the real sandbox in tests: it imports the submission's entry files into this process.
// TRUSTED CODE ONLY (reference solutions, known-mistake files): nothing is isolated and there is no time limit.
// It keeps the real sandbox's observable contract — arguments and results are copied, the stub's error is
// reported as not-implemented, thrown errors are outcomes — so graders can be proved before the isolate exists.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CallOutcome, ExerciseBuild, ExerciseEntry, Sandbox } from '../sandbox-types.js';

/** True for the stubs' `new Error('not implemented: <name> (<exercise>)')`. */
export const isNotImplementedMessage = (message: string): boolean => /^not implemented\b/i.test(message);

export async function createInProcessSandbox(dir: string, exercises: readonly ExerciseEntry[]): Promise<Sandbox> {
  const started = performance.now();
  const builds = new Map<string, ExerciseBuild>();
  const modules = new Map<string, Record<string, unknown>>();
  for (const ex of exercises) {
    const file = resolve(dir, ex.id, ex.entry);
    if (!existsSync(file)) {
      builds.set(ex.id, { status: 'not-submitted', exerciseId: ex.id, entry: ex.entry });
      continue;
    }
    try {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      modules.set(ex.id, mod);
      builds.set(ex.id, { status: 'loaded', exerciseId: ex.id, entry: ex.entry,
        exports: Object.keys(mod).filter((k) => typeof mod[k] === 'function'), functions: {}, bundleBytes: 0 });
    } catch (error) {
      builds.set(ex.id, { status: 'build-error', exerciseId: ex.id, entry: ex.entry,
        message: `${join(ex.id, ex.entry)}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const startMs = Math.round(performance.now() - started);
  return {
    builds,
    timings: { bundleMs: 0, startMs, isolateKept: false },
    call(exerciseId: string, fn: string, args: unknown[]): CallOutcome {
      const mod = modules.get(exerciseId);
      if (!mod) return { kind: 'unavailable', message: `${exerciseId} is not loaded` };
      const f = mod[fn];
      if (typeof f !== 'function') return { kind: 'missing-export', message: `${exerciseId} does not export a function named ${fn}` };
      const copy = structuredClone(args);
      const t0 = performance.now();
      try {
        const value = structuredClone((f as (...a: unknown[]) => unknown)(...copy));
        return { kind: 'ok', value, argsAfter: structuredClone(copy), durationMs: performance.now() - t0 };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isNotImplementedMessage(message)) return { kind: 'not-implemented', message };
        return { kind: 'threw', name: error instanceof Error ? error.name : 'Error', message };
      }
    },
    dispose() { modules.clear(); },
  };
}

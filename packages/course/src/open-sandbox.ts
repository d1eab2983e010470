// Where the course gets its sandbox: @gatecheck/sandbox's isolate.
import type { ExerciseEntry, Sandbox, SandboxLimits } from '@gatecheck/grading';

type CreateSandbox = (options: { dir: string; exercises: ExerciseEntry[]; limits: SandboxLimits }) => Sandbox | Promise<Sandbox>;

/** Creates a sandbox holding `exercises` of the submission at `dir`. */
export type SandboxOpener = (dir: string, exercises: ExerciseEntry[], limits: SandboxLimits) => Promise<Sandbox>;

/** Bundles and loads `exercises` of the submission at `dir` into a fresh sandbox. */
export async function openSandbox(dir: string, exercises: ExerciseEntry[], limits: SandboxLimits): Promise<Sandbox> {
  // A variable specifier: the sandbox package's entry point lands separately, and until it does this file must
  // still typecheck; at run time a missing createSandbox is a clear error, never a silent in-process run.
  const specifier = '@gatecheck/sandbox';
  const mod = (await import(specifier).catch(() => ({}))) as { createSandbox?: CreateSandbox };
  if (typeof mod.createSandbox !== 'function') throw new Error('@gatecheck/sandbox exports no createSandbox');
  return await mod.createSandbox({ dir, exercises, limits });
}

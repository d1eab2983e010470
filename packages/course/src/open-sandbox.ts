// Where the course gets its sandbox: @gatecheck/sandbox's isolate (a seam, so tests can pass a stand-in).
import type { ExerciseEntry, Sandbox, SandboxLimits } from '@gatecheck/grading';
import { closeSandboxes, createSandbox } from '@gatecheck/sandbox';

/** Creates a sandbox holding `exercises` of the submission at `dir`. */
export type SandboxOpener = (dir: string, exercises: ExerciseEntry[], limits: SandboxLimits) => Promise<Sandbox>;

/** Bundles `exercises` of the submission at `dir` and loads them into a fresh isolate. */
export const openSandbox: SandboxOpener = (dir, exercises, limits) => createSandbox(dir, exercises, limits);

/** Ends the sandbox processes this process keeps for its next grading and waits for them (call before exiting). */
export const closeSandboxProcesses = (): Promise<void> => closeSandboxes();

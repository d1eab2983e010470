// The child process, the supervisor worker and the in-isolate harness are written in TypeScript like the
// rest of the package, which has no build step; they are bundled into plain JavaScript here, once per
// process, when the first sandbox starts.
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

export interface RuntimeSources {
  /** CommonJS program of the child process (child-main.ts). */
  child: string;
  /** CommonJS program of the supervisor worker thread (supervisor-worker.ts). */
  supervisor: string;
  /** A strict-mode script whose completion value is the harness API, leaving nothing on the global object. */
  harness: string;
}

let compiled: Promise<RuntimeSources> | undefined;

export function runtimeSources(): Promise<RuntimeSources> {
  compiled ??= compileAll().catch((error: unknown) => {
    compiled = undefined;
    throw error;
  });
  return compiled;
}

async function compile(file: string, options: BuildOptions): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true, write: false, logLevel: 'silent', legalComments: 'none', ...options,
  });
  return result.outputFiles![0]!.text;
}

async function compileAll(): Promise<RuntimeSources> {
  const [child, supervisor, harness] = await Promise.all([
    compile('./child-main.ts', { platform: 'node', format: 'cjs', target: 'node20' }),
    compile('./supervisor-worker.ts', { platform: 'node', format: 'cjs', target: 'node20' }),
    compile('./harness.ts', { platform: 'neutral', format: 'iife', globalName: 'gatecheckHarness', target: 'es2022' }),
  ]);
  // Strict mode also hides the harness's functions from V8 stack-trace hooks (CallSite.getFunction) and
  // from `fn.caller`; the wrapper keeps esbuild's `var gatecheckHarness` local.
  return { child, supervisor, harness: `(function () {\n'use strict';\n${harness}\nreturn gatecheckHarness.installHarness();\n})()` };
}

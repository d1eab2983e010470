// The child process, the supervisor worker and the in-isolate harness are written in TypeScript like the
// rest of the package, which has no build step; they are bundled into plain JavaScript here, once per
// process, when the first sandbox starts.
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { HarnessScripts } from './protocol.js';

export interface RuntimeSources {
  /** CommonJS program of the child process (child-main.ts). */
  child: string;
  /** CommonJS program of the supervisor worker thread (supervisor-worker.ts). */
  supervisor: string;
  /** The two scripts run in the isolate (see HarnessScripts). */
  harness: HarnessScripts;
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
  const script = { platform: 'neutral', format: 'iife', globalName: 'gatecheckRuntime', target: 'es2022' } as const;
  const [child, supervisor, harness, realm] = await Promise.all([
    compile('./child-main.ts', { platform: 'node', format: 'cjs', target: 'node20' }),
    compile('./supervisor-worker.ts', { platform: 'node', format: 'cjs', target: 'node20' }),
    compile('./harness.ts', script),
    compile('./realm-setup.ts', script),
  ]);
  // Strict mode also hides these functions from V8 stack-trace hooks (CallSite.getFunction) and from
  // `fn.caller`; the wrapper keeps esbuild's `var gatecheckRuntime` local.
  const strict = (code: string, call: string) => `(function () {\n'use strict';\n${code}\nreturn gatecheckRuntime.${call}();\n})()`;
  return { child, supervisor, harness: { harness: strict(harness, 'installHarness'), realm: strict(realm, 'setUpRealm') } };
}

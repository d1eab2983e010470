// Bundles one exercise's entry file and the submission files it imports into a single CommonJS script for
// the isolate. Types are stripped, never checked: students are graded on behaviour. Every problem becomes
// one line `path/in/submission.ts:line:col: message`.
import { build, type Message, type Plugin } from 'esbuild';
import { resolve } from 'node:path';
import { DYNAMIC_IMPORT_REFUSED, REQUIRE_REFUSED, decideImport, submissionPath } from './import-rules.js';

export type BundleResult = { ok: true; code: string; bytes: number } | { ok: false; message: string };

/** A bundle larger than this is refused (the isolate would spend its memory on source text). */
const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;
/** At most this many problems are listed. */
const MAX_MESSAGES = 20;

// esbuild's own diagnostics for what cannot be bundled, turned into errors with the sandbox's wording.
const REFUSED_BY_ID: Record<string, string> = {
  'unsupported-dynamic-import': DYNAMIC_IMPORT_REFUSED,
  'unsupported-require-call': REQUIRE_REFUSED,
  'indirect-require': REQUIRE_REFUSED,
};

function importRules(root: string): Plugin {
  return {
    name: 'gatecheck-import-rules',
    setup(bundler) {
      bundler.onResolve({ filter: /.*/ }, (args) => {
        // The entry point was located and checked by the caller; every other import goes through the rules.
        if (args.kind === 'entry-point') return { path: args.path };
        const decision = decideImport(args.path, args.kind, args.importer, root);
        return 'path' in decision ? { path: decision.path } : { errors: [{ text: decision.error }] };
      });
    },
  };
}

/** esbuild columns count UTF-8 bytes from 0; people count characters from 1. */
function characterColumn(lineText: string, byteColumn: number): number {
  return Buffer.from(lineText, 'utf8').subarray(0, byteColumn).toString('utf8').length + 1;
}

function formatMessage(message: Message, root: string, fallbackFile: string): string {
  const text = REFUSED_BY_ID[message.id] ?? message.text;
  const location = message.location;
  if (!location) return `${fallbackFile}: ${text}`;
  const file = submissionPath(root, resolve(root, location.file));
  return `${file}:${location.line}:${characterColumn(location.lineText, location.column)}: ${text}`;
}

function isBuildFailure(error: unknown): error is { errors: Message[]; warnings: Message[] } {
  return typeof error === 'object' && error !== null && Array.isArray((error as { errors?: unknown }).errors);
}

/** `root` and `entry` are real paths (symbolic links resolved), `entry` inside `root`. */
export async function bundleExercise(root: string, entry: string): Promise<BundleResult> {
  const entryShown = submissionPath(root, entry);
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      logOverride: Object.fromEntries(Object.keys(REFUSED_BY_ID).map((id) => [id, 'error'])),
      // A fixed configuration: the submission's own tsconfig.json must not change how its code compiles.
      // verbatimModuleSyntax keeps unused value imports, so `import fs from 'node:fs'` is refused even unused.
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true, experimentalDecorators: false } },
      plugins: [importRules(root)],
    });
    const code = result.outputFiles[0]?.text ?? '';
    const bytes = Buffer.byteLength(code);
    if (bytes > MAX_BUNDLE_BYTES) {
      return { ok: false, message: `${entryShown}: the bundle is ${bytes} bytes; at most ${MAX_BUNDLE_BYTES} are accepted` };
    }
    return { ok: true, code, bytes };
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    const lines = [...new Set(error.errors.map((m) => formatMessage(m, root, entryShown)))];
    const shown = lines.slice(0, MAX_MESSAGES);
    if (lines.length > shown.length) shown.push(`... and ${lines.length - shown.length} more`);
    return { ok: false, message: shown.join('\n') };
  }
}

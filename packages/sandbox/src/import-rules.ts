// What a submission may import: only its own `.ts` files, by a relative path written with a `.js` suffix
// (`../../01-activations/src/activations.js`), that stay inside the submission folder once symbolic links
// are followed. Everything else (Node built-ins, packages, absolute paths, URLs, require, dynamic import)
// is refused with a message for the student; esbuild prefixes it with file:line:col.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** How the import appears in the source (esbuild's `ImportKind`, narrowed to what TypeScript can contain). */
export type ImportKind = 'entry-point' | 'import-statement' | 'require-call' | 'require-resolve' | 'dynamic-import' | string;

export type ImportDecision = { path: string } | { error: string };

export const ONLY_OWN_FILES = 'a submission may import only its own files by relative path';
export const DYNAMIC_IMPORT_REFUSED = 'dynamic import() is not allowed: a submission may import only its own files, with a static import';
export const REQUIRE_REFUSED = 'require is not allowed: a submission may import only its own files, with a static import';

/** Path of `path` relative to the submission root, with forward slashes (how messages name files). */
export function submissionPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** True when `path` is `root` itself or inside it (both absolute and already normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Decides one import of `specifier` found in `importer` (a real path inside `root`, which is a real path too).
 * Returns the real path of the `.ts` file to bundle, or the reason it is refused.
 */
export function decideImport(specifier: string, kind: ImportKind, importer: string, root: string): ImportDecision {
  if (kind === 'dynamic-import') return { error: DYNAMIC_IMPORT_REFUSED };
  if (kind === 'require-call' || kind === 'require-resolve') return { error: REQUIRE_REFUSED };
  const refuse = (reason: string): ImportDecision => ({ error: `importing "${specifier}" is not allowed: ${reason}` });

  if (isBuiltin(specifier)) return refuse(ONLY_OWN_FILES);
  if (isAbsolute(specifier) || /^[A-Za-z]:[\\/]/.test(specifier) || specifier.startsWith('\\')) {
    return refuse(`it is an absolute path; ${ONLY_OWN_FILES}`);
  }
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return refuse(ONLY_OWN_FILES);
  if (specifier.endsWith('.ts') && !specifier.endsWith('.d.ts')) {
    return refuse(`write it with a .js suffix ("${specifier.slice(0, -3)}.js"), which names the .ts file`);
  }
  if (!specifier.endsWith('.js')) {
    return refuse('a submission may import only its own .ts files, written with a .js suffix (e.g. "./helpers.js")');
  }

  const base = resolve(dirname(importer), specifier.slice(0, -3));
  let candidate = `${base}.ts`;
  if (!isInside(root, candidate)) return refuse('it resolves outside the submission folder');
  // A declaration file alone (types only) stands in for the module: it bundles to nothing.
  if (!existsSync(candidate) && existsSync(`${base}.d.ts`)) candidate = `${base}.d.ts`;
  const shown = submissionPath(root, candidate);
  let real: string;
  try {
    if (!statSync(candidate).isFile()) return { error: `cannot import "${specifier}": ${shown} is not a file` };
    real = realpathSync(candidate);
  } catch {
    return { error: `cannot import "${specifier}": ${shown} does not exist` };
  }
  if (!isInside(root, real)) return refuse(`${shown} is a symbolic link to a file outside the submission folder`);
  if (!real.endsWith('.ts')) return refuse(`${shown} is a symbolic link to a file that is not a .ts file`);
  return { path: real };
}

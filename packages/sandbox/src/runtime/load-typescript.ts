// Loads the TypeScript compiler for the function spans. Compiling its ~9 MB of JavaScript costs about 0.3 s
// of CPU on every sandbox start; V8's code cache, kept in the package's node_modules/.cache, cuts most of it.
// Any trouble with the cache (unwritable folder, stale or rejected data) falls back to a plain load.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type TypeScript from 'typescript';

export interface LoadedTypeScript {
  ts: typeof TypeScript;
  /** Writes the code cache (after use, so that lazily compiled functions are in it); a no-op when not needed. */
  saveCache(): void;
}

export function loadTypeScript(path: string, cacheDir: string | undefined): LoadedTypeScript {
  const plain = (): LoadedTypeScript => ({ ts: createRequire(path)(path) as typeof TypeScript, saveCache() {} });
  if (cacheDir === undefined) return plain();
  try {
    const source = readFileSync(path, 'utf8');
    const version = /"version":\s*"([^"]+)"/.exec(readFileSync(join(dirname(path), '..', 'package.json'), 'utf8'))?.[1] ?? 'unknown';
    const cacheFile = join(cacheDir, `typescript-${version}-node-${process.version}-${arch()}.v8cache`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: path, cachedData });
    const module = { exports: {} as unknown };
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(path), module, path, dirname(path));
    const ts = module.exports as typeof TypeScript;
    if (typeof ts.createSourceFile !== 'function') return plain();
    // Written once per process at most: a supervisor reused across sandboxes asks after every parse.
    let fresh = cachedData === undefined || script.cachedDataRejected === true;
    return {
      ts,
      saveCache() {
        if (!fresh) return;
        fresh = false;
        try {
          mkdirSync(cacheDir, { recursive: true });
          const temporary = `${cacheFile}.${process.pid}.tmp`;
          writeFileSync(temporary, script.createCachedData());
          renameSync(temporary, cacheFile);
        } catch {
          // No cache this time; the next start compiles again.
        }
      },
    };
  } catch {
    return plain();
  }
}

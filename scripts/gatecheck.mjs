// `pnpm gatecheck`: starts the CLI from one pre-built bundle of its TypeScript sources.
//
// Loading the CLI's ~190 modules one by one through the TypeScript loader hooks (register-ts.mjs) cost about
// 0.3-0.4 s before any command ran (`grade --help`: 0.55 s, against 0.25-0.3 s from the bundle). It is built
// with esbuild on first use and kept in node_modules/.cache/gatecheck-cli; it is used only while every source
// file it was built from is byte-for-byte unchanged (checked on each start, ~15 ms), so an edit is picked up
// by the next run. Commands load lazily (one chunk each), and each module keeps its own `import.meta.url`,
// so files found relative to the sources (configuration, fixtures, the sandbox's runtime, batch workers) are
// found exactly as when the sources run directly.
//
// GATECHECK_DEBUG=1 (stack traces) or GATECHECK_NO_BUNDLE=1 runs the sources directly instead, as does any
// failure to build or to write the cache (a read-only checkout, say): the bundle is only ever a speed-up.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin, register } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'apps/cli/src/main.ts';
/** Builds kept besides the newest, whatever their age (another process may still be importing an older one). */
const KEEP = 3;

const sha1 = (data) => createHash('sha1').update(data).digest('hex');

/**
 * What makes a build reusable besides its inputs: esbuild's version, this file (the build options live here) and
 * the checkout's location (each module's import.meta.url is written into the bundle as an absolute path).
 * @param {string} esbuildVersion
 * @param {string} root
 */
export function buildKey(esbuildVersion, root = ROOT) {
  return sha1(`${esbuildVersion}\0${root}\0${readFileSync(fileURLToPath(import.meta.url))}`);
}

/** One manifest per key, so checkouts sharing a cache folder (or esbuild versions) do not displace each other. */
const manifestPath = (cacheDir, key) => join(cacheDir, `manifest-${key.slice(0, 16)}.json`);

/**
 * The bundle's main module if the cached build matches the sources, else undefined.
 * @param {string} root repository root
 * @param {string} cacheDir
 * @param {string} key from buildKey
 */
export function cachedBundle(root, cacheDir, key) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(cacheDir, key), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest?.key !== key || typeof manifest.dir !== 'string' || !Array.isArray(manifest.inputs)) return undefined;
  for (const [file, hash] of manifest.inputs) {
    try {
      if (sha1(readFileSync(join(root, file))) !== hash) return undefined;
    } catch {
      return undefined; // deleted or unreadable: build again, which reports it properly
    }
  }
  const main = join(cacheDir, manifest.dir, 'main.mjs');
  return existsSync(main) ? main : undefined;
}

/**
 * Bundles `entry` (relative to `root`) into a fresh folder of `cacheDir` and records it in the manifest.
 * Workspace packages (`@gatecheck/*`) and the repository's own files are bundled; every other package stays
 * external, imported by its resolved path, since pnpm's node_modules layout is not visible from the cache folder.
 * Writes go to a private folder renamed into place, and the manifest is replaced whole, so concurrent runs
 * never see half a build. Returns the main module's path.
 * @param {string} root
 * @param {string} cacheDir
 * @param {string} key
 * @param {string} entry
 */
export async function buildBundle(root, cacheDir, key, entry = ENTRY) {
  const esbuild = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(cacheDir, `tmp-${process.pid}-`));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { main: entry },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      metafile: true,
      logLevel: 'silent',
      // No tsconfig, as for the loader's per-file transform (register-ts.mjs): the same semantics either way.
      tsconfigRaw: {},
      plugins: [{
        name: 'gatecheck-sources',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (isBuiltin(args.path)) return { external: true };
            if (args.path.startsWith('@gatecheck/') || args.pluginData === 'resolving') return undefined;
            const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
            if (found.errors.length > 0) return { errors: found.errors };
            return { path: pathToFileURL(found.path).href, external: true };
          });
          // Each module's import.meta.url stays its source file's, as when the sources run directly.
          build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
            loader: 'ts',
            contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
          }));
        },
      }],
    });
    const inputs = Object.keys(result.metafile.inputs)
      .map((file) => relative(root, resolve(root, file)))
      .filter((file) => !file.startsWith('..'))
      .map((file) => [file, sha1(readFileSync(join(root, file)))]);
    const dir = `build-${sha1(`${key}\0${JSON.stringify(inputs)}`).slice(0, 16)}`;
    const target = join(cacheDir, dir);
    // Build folders are named by their key and inputs, so one that is already there (another run built it at the
    // same time) holds the same files and may be in use: it is kept, never replaced.
    if (!existsSync(join(target, 'main.mjs'))) {
      try {
        renameSync(staging, target);
      } catch (error) {
        if (!existsSync(join(target, 'main.mjs'))) throw error;
      }
    }
    const manifest = `${manifestPath(cacheDir, key)}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(manifest, JSON.stringify({ key, dir, inputs }));
    renameSync(manifest, manifestPath(cacheDir, key));
    prune(cacheDir, dir);
    return join(target, 'main.mjs');
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Removes builds besides `current` beyond the newest KEEP, once they are a day old (a long-running command, such
 * as `serve`, may still load chunks from the build it started with).
 */
function prune(cacheDir, current) {
  try {
    const builds = readdirSync(cacheDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name.startsWith('build-') && e.name !== current)
      .map((e) => ({ name: e.name, mtime: statMtime(join(cacheDir, e.name)) }))
      .sort((a, b) => b.mtime - a.mtime);
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    for (const old of builds.slice(KEEP)) if (old.mtime < dayAgo) rmSync(join(cacheDir, old.name), { recursive: true, force: true });
  } catch {
    // Pruning is housekeeping only.
  }
}

function statMtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

async function runSources() {
  register('./ts-loader.mjs', import.meta.url);
  await import(pathToFileURL(join(ROOT, ENTRY)).href);
}

async function main() {
  if (process.env.GATECHECK_DEBUG || process.env.GATECHECK_NO_BUNDLE) return runSources();
  let bundle;
  try {
    const cacheDir = join(ROOT, 'node_modules', '.cache', 'gatecheck-cli');
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8'));
    const key = buildKey(version);
    bundle = cachedBundle(ROOT, cacheDir, key) ?? await buildBundle(ROOT, cacheDir, key);
  } catch {
    // Could not build (a syntax error, which the sources then report properly) or could not write the cache.
    return runSources();
  }
  await import(pathToFileURL(bundle).href);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

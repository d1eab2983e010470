// Module hooks: resolve `./x.js` to `./x.ts` when only the TypeScript source exists, and strip types with esbuild.
// Transpiled modules are cached on disk by content hash (node_modules/.cache/gatecheck-ts), so a command's start
// costs file reads, not one esbuild round trip per module.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transform, version as esbuildVersion } from 'esbuild';

const cacheDir = fileURLToPath(new URL('../node_modules/.cache/gatecheck-ts/', import.meta.url));

export async function resolve(specifier, context, nextResolve) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('file:')) && context.parentURL?.startsWith('file:')) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(url))) {
      const ts = new URL(url.href.replace(/\.js$/, '.ts'));
      if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true, format: 'module' };
    }
  }
  return nextResolve(specifier, context);
}

async function transpile(path, source) {
  const key = createHash('sha256').update(esbuildVersion).update('\0').update(path).update('\0').update(source).digest('hex');
  const cached = `${cacheDir}${key}.js`;
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not cached yet.
  }
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: path });
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, cached);
  } catch {
    // A read-only checkout still runs; it just transpiles every time.
  }
  return code;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts') && !url.endsWith('.d.ts')) {
    const path = fileURLToPath(url);
    return { format: 'module', source: await transpile(path, readFileSync(path, 'utf8')), shortCircuit: true };
  }
  return nextLoad(url, context);
}

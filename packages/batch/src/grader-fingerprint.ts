// The "grader version" part of a cache key. A version string alone would let an edited-but-unreleased grader
// reuse stale grades, so the fingerprint hashes the grading code itself: every workspace package the grader
// module reaches (its `src/` files and package.json), plus the course configuration.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

async function packageRoot(file: string): Promise<string | null> {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return null;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '__test-helpers__' && !entry.name.startsWith('.')) await walk(full);
      } else if (!/\.test\.[cm]?[jt]s$/.test(entry.name)) out.push(full);
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * A short hex digest of the grading code reachable from `graderModule` (a path or file URL) and of
 * `configFiles` (e.g. gatecheck.config.json, which sets points and limits). Follows the `@gatecheck/*`
 * dependencies of each package found, through the workspace's node_modules links.
 */
export async function graderFingerprint(graderModule: string, configFiles: string[] = []): Promise<string> {
  const modulePath = graderModule.startsWith('file:') ? fileURLToPath(graderModule) : graderModule;
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const queue: string[] = [];
  hash.update(await readFile(modulePath));
  const start = await packageRoot(modulePath);
  if (start) queue.push(start);
  while (queue.length > 0) {
    const root = await realpath(queue.shift()!);
    if (seen.has(root)) continue;
    seen.add(root);
    const manifestText = await readFile(join(root, 'package.json'), 'utf8');
    hash.update(`pkg:${manifestText}\0`);
    for (const file of await sourceFiles(join(root, 'src'))) {
      hash.update(`${relative(root, file)}\0`);
      hash.update(await readFile(file));
    }
    const manifest = JSON.parse(manifestText) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
      if (!name.startsWith('@gatecheck/')) continue;
      const linked = join(root, 'node_modules', name);
      if (existsSync(join(linked, 'package.json'))) queue.push(linked);
    }
  }
  for (const file of configFiles) {
    hash.update(`config:${file}\0`);
    hash.update(existsSync(file) ? await readFile(file) : 'absent');
  }
  return hash.digest('hex').slice(0, 16);
}

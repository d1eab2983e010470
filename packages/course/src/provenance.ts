// Which grader produced a report: the course package's version and, when this installation is a git checkout,
// its commit. Looked up once per process.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let cached: { graderVersion: string; graderCommit: string | null } | null = null;

export function provenance(): { graderVersion: string; graderCommit: string | null } {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  let commit: string | null = null;
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    commit = /^[0-9a-f]{40}$/.test(out) ? out : null;
  } catch {
    commit = null;
  }
  cached = { graderVersion: pkg.version, graderCommit: commit };
  return cached;
}

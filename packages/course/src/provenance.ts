// Which grader produced a report: the course package's version and, when this installation is a git checkout,
// its commit. Looked up once per process, asynchronously: `git rev-parse` takes 20-60 ms, which a grading started
// at the same time hides.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface Provenance { graderVersion: string; graderCommit: string | null }

let cached: Promise<Provenance> | null = null;

export function provenance(): Promise<Provenance> {
  cached ??= new Promise((resolve) => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    execFile('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', timeout: 5000 }, (error, stdout) => {
      const out = error ? '' : stdout.trim();
      resolve({ graderVersion: pkg.version, graderCommit: /^[0-9a-f]{40}$/.test(out) ? out : null });
    });
  });
  return cached;
}

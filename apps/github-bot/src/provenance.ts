// Which graders produced a grade: the course package's version and the installation's git commit, shown in
// every comment so a grade can be traced to the exact code that computed it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALLATION_ROOT } from './grader.js';

export interface Provenance {
  graderVersion: string | null;
  graderCommit: string | null;
}

/** Reads the version of packages/course and `git rev-parse HEAD` of the installation (`GATECHECK_COMMIT` overrides it). */
export function installationProvenance(root = INSTALLATION_ROOT, commitOverride?: string): Provenance {
  let graderVersion: string | null = null;
  try {
    graderVersion = (JSON.parse(readFileSync(join(root, 'packages/course/package.json'), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    graderVersion = null;
  }
  let graderCommit: string | null = commitOverride ?? null;
  if (graderCommit === null) {
    try {
      graderCommit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
    } catch {
      graderCommit = null;
    }
  }
  return { graderVersion, graderCommit };
}

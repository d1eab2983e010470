// Every temporary file of a test run goes into one folder of its own, removed when the run ends. Test files run
// in worker processes that vitest ends without an 'exit' event, so the 'exit' hooks that remove temporary
// submissions and sandbox folders in normal use never ran there: each run of the suite left hundreds of folders
// in the system's temporary directory. Workers start after this runs and inherit its environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;

export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'gatecheck-vitest-'));
  const before = VARIABLES.map((name) => process.env[name]);
  for (const name of VARIABLES) process.env[name] = dir;
  return () => {
    VARIABLES.forEach((name, k) => {
      if (before[k] === undefined) delete process.env[name];
      else process.env[name] = before[k];
    });
    rmSync(dir, { recursive: true, force: true });
  };
}

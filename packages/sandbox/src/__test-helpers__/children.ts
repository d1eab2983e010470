// The sandbox processes this test process has (found with ps), for tests of restarts and reuse.
import { execFileSync } from 'node:child_process';

/** Pids of this process's sandbox children (the processes that hold the isolates). */
export function sandboxChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('child.cjs')).map((line) => Number.parseInt(line.trim(), 10));
}

// The machine and moment a benchmark ran on, as every BENCHMARKS.md section states them.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

export interface Machine {
  /** "model name" from /proc/cpuinfo (os.cpus() elsewhere). */
  cpu: string;
  /** Logical CPUs the OS reports. */
  cores: number;
  node: string;
  /** UTC date, YYYY-MM-DD. */
  date: string;
  /** 1-minute load average when the run started: other work on the machine makes numbers noisier. */
  load1: number;
}

function cpuModel(): string {
  try {
    const lines = readFileSync('/proc/cpuinfo', 'utf8').split('\n');
    const field = (name: string) => {
      const line = lines.find((l) => l.split(':')[0]!.trim() === name);
      return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).trim();
    };
    const model = field('model name');
    // Virtual machines often report a bare "AMD EPYC": family, model and clock say which generation it is.
    const detail = [field('cpu family') && `family ${field('cpu family')}`, field('model') && `model ${field('model')}`, field('cpu MHz') && `${Math.round(Number(field('cpu MHz')))} MHz`].filter(Boolean).join(', ');
    if (model) return detail ? `${model} (${detail})` : model;
  } catch {
    // Not Linux: fall through to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function machine(now = new Date()): Machine {
  return { cpu: cpuModel(), cores: cpus().length, node: process.version, date: now.toISOString().slice(0, 10), load1: loadavg()[0] ?? 0 };
}

export const machineLine = (m: Machine): string =>
  `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date} (load average ${m.load1.toFixed(2)} at start)`;

/**
 * Milliseconds a fixed, single-threaded integer loop takes in a fresh Node process (lower is faster). This
 * virtual machine's speed drifts by half or more over the day (the same loop has taken 380–860 ms here), so a
 * section records the speed it ran at, at its start and end, beside its times.
 */
export function speedCheck(): number {
  const script = 'let x = 0; const t = performance.now(); for (let i = 0; i < 3e8; i++) x += i % 7; process.stdout.write(String(performance.now() - t + (x < 0 ? 1 : 0)));';
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return Math.round(Number(r.stdout));
}

export const speedLine = (start: number, end: number): string =>
  `Machine speed check (a fixed 3·10⁸-step integer loop in a fresh process; lower is faster; 380–860 ms seen on this machine): ${start} ms at the start, ${end} ms at the end.`;

// Wall-clock sampling for benchmarks: warm up, then take several samples of one or more calls each and report the
// median and the range, per call. A sample batches enough calls to last a few milliseconds, so timer resolution
// and one-off pauses do not dominate microsecond-sized calls.

/** Per-call times of one measured operation, in milliseconds. */
export interface Timing {
  /** Median over samples of (sample time / calls per sample). */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Number of samples the median is taken over. */
  samples: number;
  /** Calls timed together in each sample. */
  callsPerSample: number;
  /**
   * Median process CPU time (user + system, every thread) per call. On a busy machine wall time stretches with
   * time slicing while this does not, so a single-threaded engine's CPU time is its undisturbed cost; an engine
   * with worker threads spends CPU time on all of them.
   */
  cpuMedianMs: number;
}

/** How long to spend measuring one operation. */
export interface MeasureOptions {
  /** Total time to spend on samples (warm-up not included), ms. */
  budgetMs: number;
  /** At least this many samples, even past the budget. */
  minSamples: number;
  /** At most this many samples. */
  maxSamples: number;
  /** Each sample lasts at least about this long, ms. */
  minSampleMs: number;
  /** Warm up for about this long (at least one call), ms. */
  warmupMs: number;
  /**
   * A first call at least this slow counts as a sample instead of warm-up: compiling and first-touch costs are lost
   * in a call that long, and repeating a multi-second call costs minutes.
   */
  slowCallMs: number;
}

export const defaultMeasure: MeasureOptions = { budgetMs: 1500, minSamples: 3, maxSamples: 25, minSampleMs: 20, warmupMs: 300, slowCallMs: 1000 };

type Call = () => unknown;

/** Receives the (awaited) value of the first call, before anything is timed further; may throw to stop. */
export type FirstCall = (value: unknown) => void;

const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown })?.then === 'function';

/** Runs `calls` calls and returns their total time in ms; awaits only calls that return promises. */
async function timeCalls(fn: Call, calls: number): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const r = fn();
    if (isPromise(r)) await r;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** One timed call that also returns its value. */
async function timeOne(fn: Call): Promise<{ ms: number; cpuMs: number; value: unknown }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let value = fn();
  if (isPromise(value)) value = await value;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Times `fn`. The first call is warm-up (or, if slower than `slowCallMs`, the first sample); its value goes to
 * `first` before anything else runs, so a caller can check the result and throw to skip the timing.
 */
export async function measure(fn: Call, options: Partial<MeasureOptions> = {}, first?: FirstCall): Promise<Timing> {
  const o = { ...defaultMeasure, ...options };
  const initial = await timeOne(fn);
  first?.(initial.value);
  let one = initial.ms;
  const perCall: number[] = [];
  const perCallCpu: number[] = [];
  if (one >= o.slowCallMs) {
    perCall.push(one);
    perCallCpu.push(initial.cpuMs);
  }
  let warm = one;
  while (perCall.length === 0 && warm < o.warmupMs) {
    one = (await timeCalls(fn, 1)).ms;
    warm += one;
  }
  const callsPerSample = Math.max(1, Math.ceil(o.minSampleMs / Math.max(one, 1e-3)));
  const samples = Math.min(o.maxSamples, Math.max(o.minSamples, Math.floor(o.budgetMs / (one * callsPerSample))));
  while (perCall.length < samples) {
    const t = await timeCalls(fn, callsPerSample);
    perCall.push(t.ms / callsPerSample);
    perCallCpu.push(t.cpuMs / callsPerSample);
  }
  return { medianMs: median(perCall), minMs: Math.min(...perCall), maxMs: Math.max(...perCall), samples, callsPerSample, cpuMedianMs: median(perCallCpu) };
}

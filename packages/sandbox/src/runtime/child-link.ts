// The host's side of the child process: two named pipes, read and written with blocking I/O so that
// `Sandbox.call` can be synchronous (an event-loop round trip through IPC costs several times more per call).
// When the child dies (its V8 aborted, or the watchdog killed it), the next read sees end-of-file; the link
// then reports which of the two it was, and starts a fresh child before the next request.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { encodeFrame, FrameReader, writeFrame } from './frame-io.js';
import {
  F64_DEADLINE, SLOT_BUSY, SLOT_EXITED, SLOT_GENERATION, SLOT_KILLED, type CallManyReply, type ChildLimits,
  type ChildRequest, type HarnessScripts, type InitReply, type LoadReply, type SupervisorRequest,
} from './protocol.js';

/** Starting a child (Node, isolated-vm, a first isolate) should take well under a second; this is the limit. */
const START_TIMEOUT_MS = 20_000;
/** Slack past the isolate's own limit before the watchdog kills the whole child. */
const GRACE_MS = 2_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export interface ChildLinkOptions {
  /** Private temporary folder of this sandbox (pipes, the child's program, its stderr). */
  dir: string;
  childFile: string;
  isolatedVmPath: string;
  harness: HarnessScripts;
  limits: ChildLimits;
  supervisor: Worker;
  control: SharedArrayBuffer;
}

/** A reply, or why there is none: the watchdog killed the child (`killed`) or it died by itself (`crashed`). */
export type Exchange<T> = { ok: true; reply: T } | { ok: false; reason: 'killed' | 'crashed' };

export class SandboxStartError extends Error {
  override name = 'SandboxStartError';
}

/** The request could not be serialized (the grader passed a function or the like); nothing was sent. */
export class NotSerializableError extends Error {
  override name = 'NotSerializableError';
}

export class ChildLink {
  private readonly slots: Int32Array;
  private readonly deadlines: Float64Array;
  private requestsPath = '';
  private responsesPath = '';
  private readonly stderrPath: string;
  private requests = -1;
  private responses = -1;
  private reader: FrameReader | undefined;
  private generation = 0;
  private pendingGeneration = 0;
  /** Bundles to load again (lazily) into a fresh child. */
  private readonly bundles = new Map<string, { code: string; filename: string }>();

  constructor(private readonly options: ChildLinkOptions) {
    this.slots = new Int32Array(options.control);
    this.deadlines = new Float64Array(options.control);
    this.stderrPath = join(options.dir, 'child-stderr.log');
  }

  /**
   * Whether the newest child this link started has exited and been reaped (the supervisor reports the exit
   * only after Node has waited for the process, which is when its CPU time is added to this process's children).
   */
  get childExited(): boolean {
    const newest = Math.max(this.generation, this.pendingGeneration);
    return newest === 0 || Atomics.load(this.slots, SLOT_EXITED) >= newest;
  }

  get connected(): boolean {
    return this.requests >= 0;
  }

  /** Asks the supervisor to start a child process; returns at once (`connect` waits for it). */
  spawn(): void {
    this.closePipes();
    this.pendingGeneration = Atomics.load(this.slots, SLOT_GENERATION) + 1;
    // Fresh pipes for every child: a dying predecessor that still holds the old ones can never swallow a request.
    for (const path of [this.requestsPath, this.responsesPath]) if (path) rmSync(path, { force: true });
    this.requestsPath = join(this.options.dir, `requests-${this.pendingGeneration}`);
    this.responsesPath = join(this.options.dir, `responses-${this.pendingGeneration}`);
    try {
      execFileSync('mkfifo', ['-m', '600', this.requestsPath, this.responsesPath], { stdio: 'ignore' });
    } catch (error) {
      throw new SandboxStartError(
        `the sandbox needs POSIX named pipes (mkfifo), available on Linux and macOS (on Windows, run gatecheck inside WSL): ${(error as Error).message}`,
      );
    }
    const request: SupervisorRequest = {
      op: 'spawn', childFile: this.options.childFile, cwd: this.options.dir, stderrFile: this.stderrPath,
      args: [this.requestsPath, this.responsesPath, this.options.isolatedVmPath],
    };
    this.options.supervisor.postMessage(request);
  }

  /**
   * Resolves once the child started by `spawn` is up (or has died, or `limitMs` passed; `connect` then says
   * which), polling without blocking, so the caller's other asynchronous work runs while the child boots.
   */
  async whenStarted(limitMs = START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      if (Atomics.load(this.slots, SLOT_EXITED) === this.pendingGeneration) return;
      if (Atomics.load(this.slots, SLOT_GENERATION) >= this.pendingGeneration && this.tryOpenRequests()) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** Opens the requests pipe without blocking: true once the child has it open for reading. */
  private tryOpenRequests(): boolean {
    if (this.requests >= 0) return true;
    try {
      this.requests = openSync(this.requestsPath, constants.O_WRONLY | constants.O_NONBLOCK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
      return false;
    }
  }

  /** Waits for the child started by `spawn`, opens the pipes and initialises it. Throws SandboxStartError. */
  connect(): void {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const current = Atomics.load(this.slots, SLOT_GENERATION);
      if (current >= this.pendingGeneration) break;
      if (Date.now() > deadline) throw new SandboxStartError('the sandbox supervisor did not start the sandbox process');
      Atomics.wait(this.slots, SLOT_GENERATION, current, 50);
    }
    const generation = this.pendingGeneration;
    for (;;) {
      if (Atomics.load(this.slots, SLOT_EXITED) === generation) {
        throw new SandboxStartError(`the sandbox process exited while starting${this.stderrTail()}`);
      }
      // Non-blocking: succeeds only once the child has the pipe open for reading, so this never hangs.
      if (this.tryOpenRequests()) break;
      if (Date.now() > deadline) throw new SandboxStartError(`the sandbox process did not start within ${START_TIMEOUT_MS} ms${this.stderrTail()}`);
      sleepSync(2);
    }
    // The child has the requests pipe open, so a blocking open returns at once. Blocking writes let the kernel
    // wake this thread as soon as the child drains a full pipe, instead of polling with sleeps (a batch of
    // calls is often larger than the pipe's 64 KiB). A child that dies mid-write makes the write fail (EPIPE).
    const blocking = openSync(this.requestsPath, 'w');
    closeSync(this.requests);
    this.requests = blocking;
    // The child opened the responses pipe before the requests pipe, so a writer exists and this returns at once.
    this.responses = openSync(this.responsesPath, 'r');
    this.reader = new FrameReader(this.responses);
    this.generation = generation;
    const init = this.exchange<InitReply>({ op: 'init', harness: this.options.harness, limits: this.options.limits }, START_TIMEOUT_MS);
    if (!init.ok || init.reply.kind !== 'ready') {
      const detail = init.ok && init.reply.kind === 'failed' ? `: ${init.reply.message}` : this.stderrTail();
      this.closePipes();
      throw new SandboxStartError(`the sandbox process failed to start${detail}`);
    }
    this.isolateKept = false;
    for (const [exerciseId, bundle] of this.bundles) {
      const registered = this.exchange<LoadReply>({ op: 'load', exerciseId, ...bundle, eager: false }, START_TIMEOUT_MS);
      if (!registered.ok) throw new SandboxStartError(`the sandbox process failed while restarting${this.stderrTail()}`);
    }
  }

  /**
   * Whether the last `init` kept the child's isolate, with its compiled harness, from the previous submission
   * (see `init` in child-main.ts); false for a new child.
   */
  isolateKept = false;

  /**
   * Readies a running child for another submission: new limits, no bundles, fresh contexts (the child drops the
   * old ones on `init`, and the isolate too unless it can keep it). False when the child is gone or does not
   * answer; the caller then starts another.
   */
  reuse(limits: ChildLimits): boolean {
    this.bundles.clear();
    this.options.limits = limits;
    if (!this.connected || Atomics.load(this.slots, SLOT_EXITED) === this.generation) return false;
    const init = this.exchange<InitReply>({ op: 'init', harness: this.options.harness, limits }, START_TIMEOUT_MS);
    if (init.ok && init.reply.kind === 'ready') {
      this.isolateKept = init.reply.isolate === 'kept';
      return true;
    }
    this.closePipes();
    return false;
  }

  /** Starts a fresh child when the last one died. Throws SandboxStartError. */
  ensureConnected(): void {
    if (this.connected && Atomics.load(this.slots, SLOT_EXITED) !== this.generation) return;
    this.spawn();
    this.connect();
  }

  /** Evaluates an exercise's bundle now; kept for reloading into later children when it loaded. */
  load(exerciseId: string, code: string, filename: string): Exchange<LoadReply> {
    const result = this.exchange<LoadReply>({ op: 'load', exerciseId, code, filename, eager: true }, this.options.limits.loadTimeoutMs + GRACE_MS);
    if (result.ok && result.reply.kind === 'loaded') this.bundles.set(exerciseId, { code, filename });
    return result;
  }

  /**
   * Runs `fn` on every argument list of `batch` (codec.ts's `encodeBatch`) in one round trip (see `callMany` in
   * child-main.ts). `whileWaiting` runs here once, after the request is sent, while the child works on it (or
   * at once when sending failed); it must not throw.
   */
  callMany(exerciseId: string, fn: string, batch: Float64Array, budgetMs: number, whileWaiting?: () => void): Exchange<CallManyReply> {
    return this.exchange<CallManyReply>({ op: 'callMany', exerciseId, fn, batch, budgetMs },
      budgetMs + this.options.limits.timeoutMs + GRACE_MS, whileWaiting);
  }

  private exchange<T>(request: ChildRequest, limitMs: number, whileWaiting?: () => void): Exchange<T> {
    let frame: Buffer;
    try {
      frame = encodeFrame(request);
    } catch (error) {
      throw new NotSerializableError((error as Error).message);
    }
    const generation = this.generation;
    this.deadlines[F64_DEADLINE] = Date.now() + limitMs;
    Atomics.store(this.slots, SLOT_BUSY, generation);
    let reply: unknown;
    let waited = false;
    try {
      writeFrame(this.requests, frame, () => sleepSync(1));
      waited = true;
      whileWaiting?.();
      reply = this.reader!.read();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPIPE' && code !== 'ECONNRESET' && code !== 'EBADF') throw error;
      reply = undefined;
    } finally {
      Atomics.store(this.slots, SLOT_BUSY, 0);
      // Not sent (the child was gone): the caller's work still has to happen.
      if (!waited) whileWaiting?.();
    }
    const killed = Atomics.load(this.slots, SLOT_KILLED) === generation;
    if (reply === undefined) {
      this.closePipes();
      return { ok: false, reason: killed ? 'killed' : 'crashed' };
    }
    // The watchdog may have fired just after the reply was written: keep the reply, restart next time.
    if (killed) this.closePipes();
    return { ok: true, reply: reply as T };
  }

  /** The end of the child's stderr, for start-up failures (student output never goes there). */
  private stderrTail(): string {
    try {
      const text = readFileSync(this.stderrPath, 'utf8').trim();
      return text ? `: ${text.slice(-600)}` : '';
    } catch {
      return '';
    }
  }

  closePipes(): void {
    for (const fd of [this.requests, this.responses]) {
      if (fd >= 0) {
        try {
          closeSync(fd);
        } catch {
          // Already closed.
        }
      }
    }
    this.requests = -1;
    this.responses = -1;
  }
}

// Length-prefixed V8-serialized frames over blocking file descriptors (named pipes). V8 serialization keeps
// NaN, Infinity, -0 and undefined, which JSON would lose.
import { readSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';

const HEADER_BYTES = 4;

/** Serializes `value` into one frame (throws a DataCloneError for functions, symbols and the like). */
export function encodeFrame(value: unknown): Buffer {
  const body = serialize(value);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32LE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

/**
 * Writes a whole frame. `onWouldBlock` is called when a non-blocking descriptor is full (EAGAIN); it should
 * wait a little. Throws EPIPE when nobody reads any more.
 */
export function writeFrame(fd: number, frame: Buffer, onWouldBlock?: () => void): void {
  let offset = 0;
  while (offset < frame.length) {
    try {
      offset += writeSync(fd, frame, offset, frame.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && onWouldBlock) onWouldBlock();
      else throw error;
    }
  }
}

/**
 * Reads frames from a blocking descriptor. One read usually brings a whole frame (header and body), so a
 * reply costs one system call instead of two.
 */
export class FrameReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private start = 0;
  private end = 0;

  constructor(private readonly fd: number) {}

  /** The next frame's value; `undefined` when the writer closed the pipe (also in the middle of a frame). */
  read(): unknown {
    if (!this.fill(HEADER_BYTES)) return undefined;
    const length = this.buffer.readUInt32LE(this.start);
    if (!this.fill(HEADER_BYTES + length)) return undefined;
    const body = this.buffer.subarray(this.start + HEADER_BYTES, this.start + HEADER_BYTES + length);
    this.start += HEADER_BYTES + length;
    if (this.start === this.end) this.start = this.end = 0;
    return deserialize(body);
  }

  /** Makes at least `count` unread bytes available; false at end of file. */
  private fill(count: number): boolean {
    if (this.end - this.start >= count) return true;
    if (this.buffer.length - this.start < count) {
      const grown = Buffer.allocUnsafe(Math.max(count, this.buffer.length));
      this.buffer.copy(grown, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      this.buffer = grown;
    }
    while (this.end - this.start < count) {
      let n: number;
      try {
        n = readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EINTR') continue;
        if (code === 'EOF' || code === 'EBADF') return false;
        throw error;
      }
      if (n === 0) return false;
      this.end += n;
    }
    return true;
  }
}

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

/** Reads one frame; `undefined` when the writer closed the pipe (also in the middle of a frame). */
export function readFrame(fd: number): unknown {
  const header = readExactly(fd, HEADER_BYTES);
  if (!header) return undefined;
  const body = readExactly(fd, header.readUInt32LE(0));
  return body ? deserialize(body) : undefined;
}

function readExactly(fd: number, length: number): Buffer | undefined {
  const buffer = Buffer.allocUnsafe(length);
  let offset = 0;
  while (offset < length) {
    let n: number;
    try {
      n = readSync(fd, buffer, offset, length - offset, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EINTR') continue;
      if (code === 'EOF' || code === 'EBADF') return undefined;
      throw error;
    }
    if (n === 0) return undefined;
    offset += n;
  }
  return buffer;
}

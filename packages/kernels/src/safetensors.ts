// The safetensors format (https://github.com/huggingface/safetensors, "Format"), implemented from the published
// layout: 8 bytes little-endian u64 N, then N bytes of UTF-8 JSON header
//   { "<name>": { "dtype": "F64", "shape": [d0, ...], "data_offsets": [begin, end] }, ..., "__metadata__": {str: str} }
// (optionally padded with spaces), then the byte buffer; offsets are relative to the buffer's start, every tensor
// is little-endian row-major, and the tensors cover the buffer exactly (no holes, no overlap).
import { float64Tensor, shapeText, sizeOf, type Float64Tensor } from './torch/tensor.js';

/** A file that does not follow the format: what is wrong, in one line. */
export class SafetensorsFormatError extends Error {
  override name = 'SafetensorsFormatError';
}

/** Element types this reader understands (all convert to float64). */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U64' | 'U32' | 'U16' | 'U8' | 'BOOL';

const ITEM_SIZE: Record<SafetensorsDtype, number> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1,
};

/** What a safetensors file holds. */
export interface SafetensorsContents {
  /** Every tensor, converted to float64, in the order of their data in the file. */
  tensors: Record<string, Float64Tensor>;
  /** Each tensor's dtype as stored. */
  dtypes: Record<string, SafetensorsDtype>;
  /** The free-form `__metadata__` strings, or null when the file has none. */
  metadata: Record<string, string> | null;
}

/** How `writeSafetensors` stores tensors. */
export interface SafetensorsWriteOptions {
  /** Element type of every tensor. Default 'F64' (exact); 'F32' rounds to single precision. */
  dtype?: 'F64' | 'F32';
  /** Strings stored under `__metadata__`. */
  metadata?: Record<string, string>;
}

/** Largest header accepted, as in the reference implementation (guards against absurd lengths). */
const MAX_HEADER = 100_000_000;

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function decode(view: DataView, at: number, dtype: SafetensorsDtype): number {
  switch (dtype) {
    case 'F64': return view.getFloat64(at, true);
    case 'F32': return view.getFloat32(at, true);
    case 'F16': return halfToFloat(view.getUint16(at, true));
    case 'BF16': {
      // bfloat16 is the top half of a float32.
      const scratch = new DataView(new ArrayBuffer(4));
      scratch.setUint32(0, view.getUint16(at, true) << 16, true);
      return scratch.getFloat32(0, true);
    }
    case 'I64': return Number(view.getBigInt64(at, true));
    case 'U64': return Number(view.getBigUint64(at, true));
    case 'I32': return view.getInt32(at, true);
    case 'U32': return view.getUint32(at, true);
    case 'I16': return view.getInt16(at, true);
    case 'U16': return view.getUint16(at, true);
    case 'I8': return view.getInt8(at);
    case 'U8': return view.getUint8(at);
    case 'BOOL': return view.getUint8(at) === 0 ? 0 : 1;
  }
}

/** obj[key] = value even for a key like "__proto__", which a tensor may legally be called. */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Reads a safetensors file; throws SafetensorsFormatError naming the first thing wrong. */
export function readSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (bytes.length < 8) throw new SafetensorsFormatError(`not a safetensors file: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) {
    throw new SafetensorsFormatError(`header length ${headerLength} does not fit in the file (${bytes.length - 8} bytes after the length)`);
  }
  const n = Number(headerLength);
  let headerText: string;
  try {
    headerText = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new SafetensorsFormatError('header is not valid UTF-8');
  }
  if (!headerText.startsWith('{')) throw new SafetensorsFormatError('header must be a JSON object starting with "{"');
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch (error) {
    throw new SafetensorsFormatError(`header is not valid JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (!isObject(header)) throw new SafetensorsFormatError('header must be a JSON object');
  const bufferStart = 8 + n;
  const bufferLength = bytes.length - bufferStart;

  let metadata: Record<string, string> | null = null;
  const entries: { name: string; dtype: SafetensorsDtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!isObject(info) || !Object.values(info).every((v) => typeof v === 'string')) throw new SafetensorsFormatError('__metadata__ must map strings to strings');
      metadata = info as Record<string, string>;
      continue;
    }
    if (!isObject(info)) throw new SafetensorsFormatError(`tensor "${name}": expected { dtype, shape, data_offsets }`);
    const { dtype, shape, data_offsets: offsets } = info;
    if (typeof dtype !== 'string' || !(dtype in ITEM_SIZE)) throw new SafetensorsFormatError(`tensor "${name}": unsupported dtype ${JSON.stringify(dtype)} (supported: ${Object.keys(ITEM_SIZE).join(', ')})`);
    if (!Array.isArray(shape) || !shape.every(isIndex)) throw new SafetensorsFormatError(`tensor "${name}": shape must be a list of whole numbers >= 0`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex) || offsets[0]! > offsets[1]!) {
      throw new SafetensorsFormatError(`tensor "${name}": data_offsets must be [begin, end] with 0 <= begin <= end`);
    }
    const [begin, end] = offsets as [number, number];
    const expected = sizeOf(shape) * ITEM_SIZE[dtype as SafetensorsDtype];
    if (end - begin !== expected) throw new SafetensorsFormatError(`tensor "${name}": ${dtype} ${shapeText(shape)} needs ${expected} bytes, data_offsets span ${end - begin}`);
    if (end > bufferLength) throw new SafetensorsFormatError(`tensor "${name}": data_offsets end ${end} is past the data (${bufferLength} bytes)`);
    entries.push({ name, dtype: dtype as SafetensorsDtype, shape, begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of entries) {
    if (e.begin !== covered) {
      throw new SafetensorsFormatError(e.begin > covered
        ? `bytes ${covered}..${e.begin} of the data belong to no tensor (before "${e.name}")`
        : `tensor "${e.name}" overlaps the tensor before it at byte ${e.begin}`);
    }
    covered = e.end;
  }
  if (covered !== bufferLength) throw new SafetensorsFormatError(`the data has ${bufferLength - covered} bytes after the last tensor that belong to no tensor`);

  const tensors: Record<string, Float64Tensor> = {};
  const dtypes: Record<string, SafetensorsDtype> = {};
  for (const e of entries) {
    const t = float64Tensor(e.shape);
    const size = ITEM_SIZE[e.dtype];
    for (let k = 0; k < t.data.length; k++) t.data[k] = decode(view, bufferStart + e.begin + k * size, e.dtype);
    setOwn(tensors, e.name, t);
    setOwn(dtypes, e.name, e.dtype);
  }
  return { tensors, dtypes, metadata };
}

/** Writes tensors (in the given order) as a safetensors file; the header is space-padded to a multiple of 8 bytes. */
export function writeSafetensors(tensors: Record<string, Float64Tensor>, options: SafetensorsWriteOptions = {}): Uint8Array {
  const dtype = options.dtype ?? 'F64';
  const size = ITEM_SIZE[dtype];
  const header: Record<string, unknown> = {};
  if (options.metadata) {
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.metadata)) setOwn(metadata, k, v);
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (name === '__metadata__') throw new SafetensorsFormatError('"__metadata__" is reserved and cannot name a tensor');
    if (t.data.length !== sizeOf(t.shape)) throw new SafetensorsFormatError(`tensor "${name}": shape ${shapeText(t.shape)} does not match its ${t.data.length} values`);
    const bytes = t.data.length * size;
    setOwn(header, name, { dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes] });
    offset += bytes;
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(headerBytes.length / 8) * 8;
  if (padded !== headerBytes.length) {
    const withSpaces = new Uint8Array(padded).fill(0x20);
    withSpaces.set(headerBytes);
    headerBytes = withSpaces;
  }
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of Object.values(tensors)) {
    for (const v of t.data) {
      if (dtype === 'F64') view.setFloat64(at, v, true);
      else view.setFloat32(at, v, true);
      at += size;
    }
  }
  return out;
}

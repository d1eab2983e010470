import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSafetensors, SafetensorsFormatError, writeSafetensors } from './safetensors.js';
import type { Float64Tensor } from './torch/tensor.js';

/** Builds a file by hand from the published layout: u64 LE header length, header bytes, data bytes. */
function handMade(header: string, data: number[]): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  let n = h.length;
  for (let k = 0; k < 8; k++) {
    out[k] = n & 0xff;
    n = Math.floor(n / 256);
  }
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

const tensorArb: fc.Arbitrary<Float64Tensor> = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }).chain((shape) =>
  fc.array(fc.double(), { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) })
    .map((data) => ({ shape, data: Float64Array.from(data) })));

describe('readSafetensors', () => {
  it('should read a file written byte by byte per the published format (F32, F16, BF16, I64, F64, metadata)', () => {
    const header = JSON.stringify({
      __metadata__: { format: 'pt' },
      w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      half: { dtype: 'F16', shape: [1, 1], data_offsets: [8, 10] },
      brain: { dtype: 'BF16', shape: [], data_offsets: [10, 12] },
      count: { dtype: 'I64', shape: [1], data_offsets: [12, 20] },
      tenth: { dtype: 'F64', shape: [1], data_offsets: [20, 28] },
    });
    const file = handMade(`${header}  `, [
      0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0xc0, // F32 1.5, -2
      0x00, 0x3c, // F16 1.0
      0x80, 0xbf, // BF16 -1.0
      0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // I64 -3
      0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f, // F64 0.1
    ]);
    const { tensors, dtypes, metadata } = readSafetensors(file);
    expect(metadata).toEqual({ format: 'pt' });
    expect(dtypes).toEqual({ w: 'F32', half: 'F16', brain: 'BF16', count: 'I64', tenth: 'F64' });
    expect(tensors.w).toEqual({ shape: [2], data: Float64Array.from([1.5, -2]) });
    expect(tensors.half).toEqual({ shape: [1, 1], data: Float64Array.from([1]) });
    expect(tensors.brain).toEqual({ shape: [], data: Float64Array.from([-1]) });
    expect(tensors.count!.data[0]).toBe(-3);
    expect(tensors.tenth!.data[0]).toBe(0.1);
  });

  it('should decode F16 subnormals and infinities', () => {
    const header = JSON.stringify({ h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] } });
    const { tensors } = readSafetensors(handMade(header, [0x01, 0x00, 0x00, 0x7c, 0x00, 0xfc]));
    expect(Array.from(tensors.h!.data)).toEqual([2 ** -24, Infinity, -Infinity]);
  });

  const bad: [string, Uint8Array, RegExp][] = [
    ['a file shorter than 8 bytes', new Uint8Array(5), /shorter than the 8-byte header length/],
    ['a header length past the end', handMade('{}', []).map((b, k) => (k === 0 ? 200 : b)), /does not fit in the file/],
    ['a header that is not JSON', handMade('{"a": ', []), /not valid JSON/],
    ['a header that is not an object', handMade('[1]', []), /starting with "\{"/],
    ['an unknown dtype', handMade('{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}', new Array(16).fill(0)), /unsupported dtype "F128"/],
    ['offsets that disagree with the shape', handMade('{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}}', new Array(8).fill(0)), /needs 16 bytes, data_offsets span 8/],
    ['a hole in the data', handMade('{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}', [0, 0]), /bytes 0\.\.1 of the data belong to no tensor/],
    ['overlapping tensors', handMade('{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}', [0, 0]), /overlaps/],
    ['bytes after the last tensor', handMade('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', [0, 0]), /1 bytes after the last tensor/],
    ['offsets past the data', handMade('{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}', [0]), /past the data/],
    ['metadata that is not strings', handMade('{"__metadata__":{"epoch":3}}', []), /__metadata__ must map strings to strings/],
    ['a negative shape', handMade('{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,0]}}', []), /shape must be a list of whole numbers/],
  ];
  for (const [what, file, message] of bad) {
    it(`should reject ${what} with a clear error`, () => {
      expect(() => readSafetensors(file)).toThrow(SafetensorsFormatError);
      expect(() => readSafetensors(file)).toThrow(message);
    });
  }
});

describe('writeSafetensors', () => {
  it('should round-trip any float64 tensors exactly, names, order and metadata included', () => {
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.string({ minLength: 1 }), fc.constant('__proto__')).filter((s) => s !== '__metadata__'), tensorArb, { maxKeys: 5 }),
      fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }), (tensors, metadata) => {
        const back = readSafetensors(writeSafetensors(tensors, metadata ? { metadata } : {}));
        expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(tensors).sort());
        for (const [name, t] of Object.entries(tensors)) {
          expect(back.tensors[name]!.shape).toEqual(t.shape);
          expect(Array.from(back.tensors[name]!.data)).toEqual(Array.from(t.data));
        }
        expect(back.metadata).toEqual(metadata ?? null);
      }), { numRuns: 50 });
  });

  it('should lay the file out as the format says: u64 LE length, 8-aligned space-padded header, LE data', () => {
    const bytes = writeSafetensors({ a: { shape: [1], data: Float64Array.from([0.1]) } }, { dtype: 'F32' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(JSON.parse(header)).toEqual({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } });
    expect(header.trimEnd().length).toBeLessThanOrEqual(n);
    expect(new DataView(bytes.buffer).getFloat32(8 + n, true)).toBe(Math.fround(0.1));
    expect(bytes.length).toBe(8 + n + 4);
  });

  it('should refuse a tensor named __metadata__ and a shape that does not match the data', () => {
    expect(() => writeSafetensors({ __metadata__: { shape: [0], data: new Float64Array(0) } })).toThrow(/reserved/);
    expect(() => writeSafetensors({ a: { shape: [3], data: new Float64Array(2) } })).toThrow(/does not match/);
  });
});

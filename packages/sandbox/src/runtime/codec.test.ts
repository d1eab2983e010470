import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeResults, Decoder, decodeValue, Encoder, encodeBatch, encodePlain, RESULT, skipValue, TAG } from './codec.js';
import { plainEqual } from './plain-equal.js';

const plain = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' },
    fc.double(), fc.constantFrom(-0, NaN, Infinity, -Infinity), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(fc.double()), fc.array(tie('value')), fc.dictionary(fc.string(), tie('value'), { noNullPrototype: true })),
})).value;

const roundTrip = (value: unknown): unknown => {
  const e = new Encoder();
  e.value(value);
  return new Decoder(e.take()).value();
};

describe('the wire format', () => {
  it('should give back any plain data exactly (NaN, -0, infinities, undefined, strings, nesting)', () => {
    fc.assert(fc.property(plain, (value) => plainEqual(roundTrip(value), value)));
  });

  it('should write an array of numbers as one run, and keep an own "__proto__" key a key', () => {
    const e = new Encoder();
    e.value([1.5, -0]);
    expect([...e.take()]).toEqual([TAG.NUMBERS, 2, 1.5, -0]);
    const back = roundTrip(JSON.parse('{"__proto__": [1]}')) as Record<string, unknown>;
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('should refuse what is not plain data, naming it', () => {
    expect(() => roundTrip([() => 1])).toThrow(/function is not plain data/);
    expect(() => roundTrip({ m: new Map() })).toThrow(/\[object Map\] is not plain data/);
  });

  it('should frame a batch by call and decode the harness\'s result records', () => {
    const batch = encodeBatch([[1], [{ a: [2] }]]);
    expect(batch[0]).toBe(2);
    const d = new Decoder(batch);
    d.position = 1;
    const first = d.word();
    expect(d.value()).toEqual([1]);
    expect(d.position).toBe(2 + first);
    const e = new Encoder();
    e.word(RESULT.OK); e.word(3); e.value([0.5]); e.word(0);
    e.word(RESULT.OK); e.word(0); e.value(1); e.word(1); e.value([[42]]);
    e.word(RESULT.THREW); e.string('RangeError'); e.string('bad');
    e.word(RESULT.MISSING_EXPORT); e.string('does not export "f"');
    e.word(RESULT.TIMEOUT);
    // Values stay encoded (checked, not decoded) until read.
    const results = decodeResults(e.take()).map((r) => (r.kind === 'ok' ? { ...r, encoded: decodeValue(r.encoded) } : r));
    expect(results).toEqual([
      { kind: 'ok', durationMs: 3, encoded: [0.5], argsAfter: 'unchanged' },
      { kind: 'ok', durationMs: 0, encoded: 1, argsAfter: [[42]] },
      { kind: 'threw', name: 'RangeError', message: 'bad' },
      { kind: 'missing-export', message: 'does not export "f"' },
      { kind: 'timeout' },
    ]);
    expect(() => decodeResults(new Float64Array([RESULT.OK, 0, TAG.NUMBERS, 5]))).toThrow(/ended early/);
    expect(() => decodeResults(new Float64Array([RESULT.OK, 0, TAG.OBJECT, 1, TAG.NUMBER, 1, TAG.NULL, 0]))).toThrow(/key is not a string/);
    expect(() => decodeResults(new Float64Array([RESULT.OK, 0, 99, 0]))).toThrow(/unknown tag 99/);
  });

  it('should find where an encoded value ends without decoding it, and refuse every cut-short encoding', () => {
    fc.assert(fc.property(plain, fc.nat(), (value, cut) => {
      const words = encodePlain(value);
      expect(skipValue(words, 0)).toBe(words.length);
      // Behind other words, as in a batch's results.
      const framed = new Float64Array([7, ...words, 7]);
      expect(skipValue(framed, 1)).toBe(words.length + 1);
      const short = words.subarray(0, cut % words.length);
      expect(() => skipValue(short, 0)).toThrow(RangeError);
    }));
  });

  it('should encode a frozen argument list once, and an unfrozen one afresh each time', () => {
    const deepFrozen = (v: unknown): unknown => {
      if (typeof v === 'object' && v !== null) {
        for (const x of Object.values(v)) deepFrozen(x);
        Object.freeze(v);
      }
      return v;
    };
    fc.assert(fc.property(fc.array(fc.array(plain, { maxLength: 4 }), { maxLength: 5 }), (argsList) => {
      const plainBatch = encodeBatch(argsList);
      const frozen = argsList.map((args) => deepFrozen(structuredClone(args)) as unknown[]);
      // Mixed: frozen lists (their words from the cache the second time) between unfrozen ones, same words.
      const mixed = argsList.map((args, k) => (k % 2 === 0 ? frozen[k]! : args));
      expect([...encodeBatch(frozen)]).toEqual([...plainBatch]);
      expect([...encodeBatch(mixed)]).toEqual([...plainBatch]);
      expect([...encodeBatch(frozen)]).toEqual([...plainBatch]);
    }));
    // An unfrozen list that changed between two batches is sent as it is now.
    const args: unknown[] = [[1, 2]];
    encodeBatch([args]);
    (args[0] as number[])[1] = 3;
    expect([...encodeBatch([args])]).toEqual([1, 6, TAG.ARRAY, 1, TAG.NUMBERS, 2, 1, 3]);
  });

  it('should decode repeated short keys to the same strings, and tell apart keys that hash alike', () => {
    // "Aa" and "BB" have the same multiply-by-31 hash; a long key skips the lookup.
    const long = 'k'.repeat(40);
    const value = { Aa: 1, BB: 2, output: [3], [long]: 4, __proto__: null };
    for (let i = 0; i < 3; i++) {
      const back = roundTrip(JSON.parse(JSON.stringify({ ...value, BB: i, Aa: -(i + 1) }))) as Record<string, unknown>;
      expect(back).toEqual({ BB: i, Aa: -(i + 1), output: [3], [long]: 4 });
      expect(Object.keys(back)).toEqual(['Aa', 'BB', 'output', long]);
    }
  });
});

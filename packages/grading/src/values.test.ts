import { describe, expect, it } from 'vitest';
import { digitsToDistinguish, formatNumber, formatValue, reportableResult, toJsonSafe } from './values.js';
import { deriveSeed } from './seed.js';
import { replayCommand } from './replay.js';

describe('showing values', () => {
  it('should round to a few significant digits and spell out non-finite numbers', () => {
    expect(formatNumber(0.62245933120185)).toBe('0.6225');
    expect(formatNumber(-3)).toBe('-3');
    expect(formatNumber(1.234e-9)).toBe('1.234e-9');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatValue({ W: [[0.5, -1]], b: [0], out: [Infinity] })).toBe('{ W: [[0.5, -1]], b: [0], out: [Infinity] }');
  });

  it('should use enough digits to tell close numbers apart', () => {
    const d = digitsToDistinguish(0.5, 0.500001);
    expect(formatNumber(0.5, d)).not.toBe(formatNumber(0.500001, d));
  });

  it('should summarise long arrays and refuse to store huge results', () => {
    expect(formatValue(Array.from({ length: 25 }, (_, k) => k))).toMatch(/, 19, … 5 more\]$/);
    expect(reportableResult(new Array(6000).fill(1))).toMatch(/more than 5000 values/);
    expect(reportableResult([[1, NaN]])).toEqual([[1, 'NaN']]);
  });

  it('should store non-finite numbers as strings in JSON', () => {
    expect(JSON.stringify(toJsonSafe({ a: [NaN, -Infinity, 1], b: undefined }))).toBe('{"a":["NaN","-Infinity",1],"b":null}');
  });
});

describe('deriveSeed and replayCommand', () => {
  it('should give each check its own stable seed', () => {
    expect(deriveSeed(1, 'a/b/correctness')).toBe(deriveSeed(1, 'a/b/correctness'));
    expect(deriveSeed(1, 'a/b/correctness')).not.toBe(deriveSeed(1, 'a/b/robustness'));
    expect(deriveSeed(1, 'a/b/correctness')).not.toBe(deriveSeed(2, 'a/b/correctness'));
    expect(Number.isInteger(deriveSeed(0, ''))).toBe(true);
  });

  it('should quote only what the shell needs quoted', () => {
    expect(replayCommand({ submission: "my work/it's", exerciseId: '02-lstm-gates', seed: 5, checkId: '02-lstm-gates/forgetGate/correctness', path: '3:0' }))
      .toBe("pnpm gatecheck grade --submission 'my work/it'\\''s' --exercise 02-lstm-gates --seed 5 --check 02-lstm-gates/forgetGate/correctness --path 3:0");
  });
});

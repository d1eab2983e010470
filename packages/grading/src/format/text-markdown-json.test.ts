import { describe, expect, it } from 'vitest';
import { gradeWithSandbox } from '../grade.js';
import { toyDefinition } from '../__test-helpers__/toy-exercise.js';
import { fakeSandbox } from '../__test-helpers__/fake-sandbox.js';
import { formatReport, reportFormats } from './index.js';

const scale = (v: number[], k: number) => v.map((x) => x * k);
const report = gradeWithSandbox([toyDefinition], fakeSandbox({ '01-toy': {
  scale: (v: number[], k: number) => v.map((x) => x + k),
  scaleTwice: (v: number[], k: number) => scale(scale(v, k), k),
  sumAll: { kind: 'not-implemented', message: 'not implemented: sumAll (01-toy)' },
} }), { seed: 9, submission: 'samples/submission' });

describe('text, markdown and json formats', () => {
  it('should list text, json and markdown among the formats', () => {
    expect(reportFormats()).toEqual(expect.arrayContaining(['text', 'json', 'markdown']));
    expect(() => formatReport(report, 'pdf')).toThrow(/unknown format "pdf"/);
  });

  it('should print a summary table, then each failing check with its feedback, then what is not implemented', () => {
    const text = formatReport(report, 'text');
    const lines = text.split('\n');
    expect(lines[0]).toBe('gatecheck: samples/submission — score 4/7 (seed 9)');
    expect(text).toMatch(/^01-toy +4\/7$/m);
    expect(text).toMatch(/^ {2}scale +2\/4 +failed correctness \(adds-instead\)$/m);
    expect(text).toMatch(/^ {2}scaleTwice +2\/2 +passed$/m);
    expect(text).toMatch(/^ {2}sumAll +0\/1 +not implemented$/m);
    expect(text).toMatch(/^total +4\/7$/m);
    expect(text).toContain('✗ 01-toy/scale/correctness (0/2) — adds-instead\n    scale multiplies every entry by k: failed.');
    expect(text).toContain('    Replay: pnpm gatecheck grade --submission samples/submission');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Not implemented yet: sumAll.');
  });

  it('should render markdown tables and fold each failing check', () => {
    const md = formatReport(report, 'markdown');
    expect(md).toContain('## gatecheck: 4/7');
    expect(md).toContain('| `scale` | 2/4 | failed correctness (adds-instead) |');
    expect(md).toMatch(/<details><summary><code>01-toy\/scale\/correctness<\/code> 0\/2 — adds-instead<\/summary>\n\n```\nscale multiplies/);
  });

  it('should print exactly the report model as JSON', () => {
    const parsed = JSON.parse(formatReport(report, 'json'));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['schemaVersion', 'submission', 'seed', 'score', 'maxScore', 'exercises']));
    const check = parsed.exercises[0].checks[0];
    expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'function', 'status', 'score', 'maxScore', 'feedback', 'diagnosis', 'counterexample']));
  });
});

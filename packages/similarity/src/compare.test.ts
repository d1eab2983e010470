import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSimilarPairs } from './compare.js';
import { loadSubmission, loadSubmissions, type Submission } from './load.js';
import { tokenize } from './tokenize.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
let students: Submission[];
let template: Submission;

beforeAll(async () => {
  students = await loadSubmissions(`${fixtures}class`);
  template = await loadSubmission('template', `${fixtures}template`);
});

const source = (id: string, files: Record<string, string>): Submission => ({
  id, files: Object.entries(files).map(([path, text]) => ({ path, text, tokens: tokenize(text) })),
});

describe('findSimilarPairs', () => {
  it('should flag the renamed, reformatted and reordered copy and the partial copy, and no independent pair', () => {
    const pairs = findSimilarPairs(students, template);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([['alice', 'bob'], ['carol', 'gina']]);
    expect(pairs[0]!.score).toBeGreaterThan(0.9);
    expect(pairs[1]!.score).toBeGreaterThan(0.6);
  });

  it('should keep every independent pair well below the threshold', () => {
    const all = findSimilarPairs(students, template, { threshold: 0 });
    const flagged = new Set(['alice|bob', 'carol|gina']);
    for (const p of all.filter((q) => !flagged.has(`${q.a}|${q.b}`))) expect(p.score).toBeLessThan(0.25);
  });

  it('should show shared regions with file:line ranges and the code on both sides', () => {
    const [pair] = findSimilarPairs(students, template);
    const gates = pair!.regions.filter((r) => r.a.file === '02-lstm-gates/src/lstm-gates.ts');
    expect(gates.length).toBeGreaterThan(0);
    const helper = gates.find((r) => r.a.code.includes('acc += row[c] * hPrev[c]'))!;
    expect(helper.b.file).toBe('02-lstm-gates/src/lstm-gates.ts');
    expect(helper.b.code).toContain('sum += w[j] * prevHidden[j]');
    expect(helper.a.startLine).toBeLessThanOrEqual(helper.a.endLine);
    const aLines = helper.a.code.split('\n').length;
    expect(helper.a.endLine - helper.a.startLine + 1).toBe(aLines);
    // Bob moved hiddenState to the top: the matching regions come from different places in each file.
    const hidden = gates.find((r) => r.a.code.includes('h.push(o[k] * tanh(c[k]))'))!;
    expect(hidden.a.startLine).toBeGreaterThan(60);
    expect(hidden.b.startLine).toBeLessThan(15);
  });

  it('should not count the stub template: students who only kept the stubs are not similar', () => {
    const stubbed = [template, { ...template, id: 'copy-of-stub' }].map((t, i) => ({ ...t, id: `s${i}` }));
    expect(findSimilarPairs(stubbed, template, { threshold: 0 })).toEqual([]);
    // Without the template, the identical stubs are of course flagged.
    expect(findSimilarPairs(stubbed, null)).toHaveLength(1);
  });

  it('should ignore code that most of the class shares', () => {
    const idiom = 'export function sigmoid(x: number): number {\n  if (x >= 0) return 1 / (1 + Math.exp(-x));\n  const e = Math.exp(x);\n  return e / (1 + e);\n}\n';
    const own = (i: number) => Array.from({ length: 6 }, (_, k) => `export const v${k} = (a: number[]) => a.map((q) => q * ${i + k}).filter((q) => q > ${k}).reduce((s, q) => s + q, ${i});`).slice(0, (i % 3) + 1).join('\n');
    const cls = Array.from({ length: 12 }, (_, i) => source(`s${i}`, { 'a.ts': `${idiom}${i % 2 ? `while (true) { break }\n` : ''}` , 'b.ts': own(i) }));
    const regions = (commonShare: number) => findSimilarPairs(cls, null, { threshold: 0, minTokens: 1, commonShare }).flatMap((p) => p.regions);
    // Counted when class-wide code is not filtered out, ignored when it is.
    expect(regions(1).some((r) => r.a.code.includes('Math.exp'))).toBe(true);
    expect(regions(0.2).some((r) => r.a.code.includes('Math.exp'))).toBe(false);
  });

  it('should be symmetric in score and never exceed 1', () => {
    fc.assert(fc.property(fc.shuffledSubarray(['alice', 'bob', 'carol', 'dave', 'erin', 'gina'], { minLength: 2 }), (ids) => {
      const chosen = ids.map((id) => students.find((s) => s.id === id)!);
      const forward = findSimilarPairs(chosen, template, { threshold: 0 });
      const backward = findSimilarPairs([...chosen].reverse(), template, { threshold: 0 });
      const key = (p: { a: string; b: string }) => [p.a, p.b].sort().join('|');
      const scores = new Map(forward.map((p) => [key(p), p.score]));
      for (const p of backward) expect(p.score).toBeCloseTo(scores.get(key(p)) ?? -1, 9);
      for (const p of forward) expect(p.score).toBeLessThanOrEqual(1);
    }), { numRuns: 20 });
  });
});

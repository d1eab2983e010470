import { describe, expect, it } from 'vitest';
import type { SimilarPair } from './compare.js';
import { formatJson, formatText } from './format.js';

const pair: SimilarPair = {
  a: 'alice', b: 'bob', score: 0.912, tokens: { a: 400, b: 410, shared: 369 },
  regions: [{
    tokens: 120,
    a: { file: '02-lstm-gates/src/lstm-gates.ts', startLine: 9, endLine: 11, code: 'const out = [];\nfor (const v of a) out.push(v);\nreturn out;' },
    b: { file: '02-lstm-gates/src/lstm-gates.ts', startLine: 30, endLine: 31, code: 'let res = []\nfor (let q of z) res.push(q); return res' },
  }],
};

describe('similarity output', () => {
  it('should show each region with its file:line ranges and both sides next to each other', () => {
    const text = formatText({ submissions: 12, threshold: 0.5, template: 'exercises', pairs: [pair] });
    expect(text).toContain('1 pair at or above 0.5 among 12 submissions (code from the template exercises excluded)');
    expect(text).toContain('#1  alice ↔ bob  score 0.91  (369 shared tokens of 400 and 410)');
    expect(text).toContain('alice/02-lstm-gates/src/lstm-gates.ts:9-11  ↔  bob/02-lstm-gates/src/lstm-gates.ts:30-31');
    const rows = text.split('\n').filter((l) => l.includes('│'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^\s+9 const out = \[\];\s+│ 30 let res = \[\]$/);
    expect(rows[2]).toMatch(/11 return out;\s+│$/);
  });

  it('should say so when nothing is similar', () => {
    expect(formatText({ submissions: 3, threshold: 0.5, template: null, pairs: [] })).toBe('0 pairs at or above 0.5 among 3 submissions (no template given: stub code counts)\n');
  });

  it('should write versioned JSON with the full regions', () => {
    const parsed = JSON.parse(formatJson({ submissions: 2, threshold: 0.5, template: null, pairs: [pair] }));
    expect(parsed).toEqual({ schemaVersion: 1, submissions: 2, threshold: 0.5, template: null, pairs: [pair] });
  });
});

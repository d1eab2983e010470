import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

const kinds = (src: string) => tokenize(src).map((t) => t.kind).join(' ');

describe('tokenize', () => {
  it('should abstract names and literals and drop comments and layout', () => {
    const a = kinds('export function forgetGate(p: Gate, h: number[]): number[] { // the gate\n  return p.W.map((r) => 1 / (1 + Math.exp(-r[0]!)));\n}');
    const b = kinds('/* renamed */ export function   f ( q : G , hh : number [ ] ) : number[]{return q.M.map((row)=>2/(3+Z.e(-row[9]!)))}');
    expect(a).toBe(b);
    expect(a).toContain('export function ID ( ID : ID , ID : number [ ] ) : number [ ] {');
    expect(a).toContain('LIT / ( LIT + ID . ID ( - ID [ LIT ] ! ) )');
  });

  it('should treat let, const and var alike and ignore semicolons and trailing commas', () => {
    expect(kinds('const a = [1, 2,];\nlet b = f(a,);')).toBe(kinds('var x = [7, 8]\nconst y = g(x)'));
  });

  it('should read template literals with nested substitutions as literals around the code inside', () => {
    expect(kinds('const s = `a${x + `b${y}c`}d`;')).toBe('DECL ID = LIT ID + LIT ID LIT LIT');
    expect(kinds('const s = `a${ {k: 1}.k }b`')).toBe('DECL ID = LIT { ID : LIT } . ID LIT');
  });

  it('should tell a regular expression from a division', () => {
    expect(kinds('const r = /a+b/g.test(s)')).toBe('DECL ID = LIT . ID ( ID )');
    expect(kinds('const q = a / b / c')).toBe('DECL ID = ID / ID / ID');
  });

  it('should give each token its lines', () => {
    const tokens = tokenize('const a =\n  `x\ny`;\n\nfoo()');
    expect(tokens.map((t) => [t.kind, t.line, t.endLine])).toEqual([
      ['DECL', 1, 1], ['ID', 1, 1], ['=', 1, 1], ['LIT', 2, 3], ['ID', 5, 5], ['(', 5, 5], [')', 5, 5],
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleReport } from './__test-helpers__/sample-report.js';
import { csvField, formatScore, renderGradesCsv, safeText } from './grades-csv.js';
import type { StudentResult } from './types.js';

/** RFC 4180 reader, written independently of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

const result = (student: string, fraction: number, status: StudentResult['status'] = 'graded', message: string | null = null): StudentResult => ({
  student, status, message, report: sampleReport(student, { fraction }), durationMs: 10, cached: false,
});

describe('grades.csv', () => {
  it('should round-trip any text field through quoting', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (fields) => {
      const line = `${fields.map(csvField).join(',')}\r\n`;
      expect(parseCsv(line)).toEqual([fields]);
    }));
  });

  it('should defuse spreadsheet formulas in text cells', () => {
    expect(safeText('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(safeText('+1')).toBe("'+1");
    expect(safeText('@sum')).toBe("'@sum");
    expect(safeText('alice')).toBe('alice');
  });

  it('should print scores without floating-point noise', () => {
    expect(formatScore(0.1 + 0.2)).toBe('0.3');
    expect(formatScore(41.5)).toBe('41.5');
    expect(formatScore(Number.NaN)).toBe('0');
  });

  it('should give every student a row, with zeros and a reason for those who could not be graded', () => {
    const csv = renderGradesCsv([
      result('alice', 1),
      result('o"brien, jr', 0.5),
      result('=cmd', 0, 'crashed', 'grading process died (SIGKILL)\nFATAL: heap'),
    ], ['01-activations', '02-lstm-gates']);
    const rows = parseCsv(csv);
    expect(rows).toEqual([
      ['student', '01-activations', '02-lstm-gates', 'total', 'max', 'status'],
      ['alice', '4', '12', '16', '16', 'graded'],
      ['o"brien, jr', '4', '4', '8', '16', 'graded'],
      ["'=cmd", '0', '0', '0', '16', 'crashed: grading process died (SIGKILL) FATAL: heap'],
    ]);
  });
});

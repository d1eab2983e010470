import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckReport, GradingReport } from '../report.js';
import { formatJunit } from './junit.js';

interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

/**
 * A strict reader for the XML subset JUnit files use (declaration, elements, attributes, text, the five entities
 * and numeric references): anything else, and any mismatch, throws. Written here so the test does not trust the
 * writer's own escaping.
 */
function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => { throw new Error(`${why} at ${i}: ${JSON.stringify(source.slice(i, i + 40))}`); };
  const decode = (raw: string): string => raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|[^;]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) fail(`bad reference ${m}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref in named) return named[ref]!;
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return fail(`unknown entity ${m}`);
  });
  const invalid = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
  if (invalid.test(source)) fail('character not allowed in XML 1.0');
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (!/^<\?xml version="1\.0" encoding="UTF-8"\?>$/.test(source.slice(0, end + 2))) fail('bad declaration');
    i = end + 2;
  }
  const skipSpace = () => { while (/\s/.test(source[i] ?? '')) i++; };
  const name = (): string => {
    const m = /^[A-Za-z_][\w.-]*/.exec(source.slice(i));
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', i)) { i += 2; return el; }
      if (source[i] === '>') { i++; break; }
      const attr = name();
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      if (source[i] !== '=' || source[i + 1] !== '"') fail('expected ="');
      const end = source.indexOf('"', i + 2);
      const raw = source.slice(i + 2, end);
      if (raw.includes('<')) fail('< in attribute');
      el.attrs[attr] = decode(raw);
      i = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', i);
      if (next < 0) fail('unclosed element');
      const raw = source.slice(i, next);
      if (raw.includes('>') && raw.includes(']]>')) fail(']]> in text');
      el.text += decode(raw);
      i = next;
      if (source.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched end tag for ${el.name}`);
        skipSpace();
        if (source[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      el.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** The Ant/Jenkins JUnit schema's required structure (JUnit.xsd), checked on a parsed document. */
function checkJunitSchema(root: XmlElement): void {
  const need = (el: XmlElement, attrs: string[]) => {
    for (const a of attrs) expect(el.attrs, `${el.name} needs ${a}`).toHaveProperty(a);
  };
  const int = (v: string | undefined) => expect(v).toMatch(/^\d+$/);
  const decimal = (v: string | undefined) => expect(v).toMatch(/^\d+(\.\d+)?$/);
  expect(root.name).toBe('testsuites');
  for (const suite of root.children) {
    expect(suite.name).toBe('testsuite');
    need(suite, ['name', 'tests', 'failures', 'errors', 'time', 'timestamp', 'hostname', 'id', 'package']);
    for (const a of ['tests', 'failures', 'errors', 'id']) int(suite.attrs[a]);
    decimal(suite.attrs.time);
    expect(suite.attrs.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(suite.attrs.name!.length).toBeGreaterThan(0);
    const names = suite.children.map((c) => c.name);
    // Sequence: properties, testcase*, system-out, system-err.
    expect(names[0]).toBe('properties');
    expect(names.slice(-2)).toEqual(['system-out', 'system-err']);
    for (const n of names.slice(1, -2)) expect(n).toBe('testcase');
    for (const p of suite.children[0]!.children) {
      expect(p.name).toBe('property');
      need(p, ['name', 'value']);
    }
    const cases = suite.children.filter((c) => c.name === 'testcase');
    expect(Number(suite.attrs.tests)).toBe(cases.length);
    let failures = 0, errors = 0, skipped = 0;
    for (const tc of cases) {
      need(tc, ['name', 'classname', 'time']);
      decimal(tc.attrs.time);
      expect(tc.children.length).toBeLessThanOrEqual(1);
      for (const child of tc.children) {
        expect(['failure', 'error', 'skipped']).toContain(child.name);
        if (child.name !== 'skipped') need(child, ['type', 'message']);
        if (child.name === 'failure') failures++;
        if (child.name === 'error') errors++;
        if (child.name === 'skipped') skipped++;
      }
    }
    expect(Number(suite.attrs.failures)).toBe(failures);
    expect(Number(suite.attrs.errors)).toBe(errors);
    expect(Number(suite.attrs.skipped ?? 0)).toBe(skipped);
  }
  const sum = (a: string) => root.children.reduce((n, s) => n + Number(s.attrs[a]), 0);
  expect(Number(root.attrs.tests)).toBe(sum('tests'));
  expect(Number(root.attrs.failures)).toBe(sum('failures'));
  expect(Number(root.attrs.errors)).toBe(sum('errors'));
}

const check = (id: string, status: CheckReport['status'], feedback: string, diagnosis: string | null = null): CheckReport => {
  const [, fn, kind] = id.split('/');
  return { id, function: fn!, kind: kind!, status, score: status === 'passed' ? 2 : 0, maxScore: 2, feedback, diagnosis, counterexample: null, durationMs: 12.5 };
};

const report: GradingReport = {
  schemaVersion: 1, submission: 'exercises', seed: 42, score: 4, maxScore: 14, gradedAt: '2026-11-25T10:00:00.000Z',
  exercises: [
    { id: '01-activations', status: 'graded', message: null, score: 2, maxScore: 4, entry: '01-activations/src/activations.ts', checks: [
      check('01-activations/sigmoid/correctness', 'passed', 'ok'),
      check('01-activations/tanh/robustness', 'failed', 'tanh(800) returned NaN where 1 was expected.\nAn exp overflowed.', 'naive-exp-overflow'),
    ] },
    { id: '02-lstm-gates', status: 'graded', message: null, score: 2, maxScore: 6, checks: [
      check('02-lstm-gates/forgetGate/correctness', 'passed', 'ok'),
      check('02-lstm-gates/inputGate/correctness', 'timeout', 'inputGate ran past 500 ms on a 1×1 input.'),
      check('02-lstm-gates/hiddenState/correctness', 'not-implemented', 'hiddenState still throws the stub error.'),
    ] },
    { id: '03-lstm-cell', status: 'build-error', message: '03-lstm-cell/src/lstm-cell.ts:1:21: importing "node:fs" is not allowed', score: 0, maxScore: 2, checks: [
      check('03-lstm-cell/lstmCell/correctness', 'error', 'could not be built'),
    ] },
    { id: '04-gru-gates', status: 'not-submitted', message: null, score: 0, maxScore: 2, checks: [
      check('04-gru-gates/updateGate/correctness', 'not-implemented', '04-gru-gates was not submitted'),
    ] },
  ],
};

describe('formatJunit', () => {
  it('should write well-formed XML with every attribute the JUnit schema requires', () => {
    const root = parseXml(formatJunit(report));
    checkJunitSchema(root);
    expect(root.children.map((s) => s.attrs.name)).toEqual(['01-activations', '02-lstm-gates', '03-lstm-cell', '04-gru-gates']);
  });

  it('should give one testcase per check, with failures, errors and skips as the report says', () => {
    const root = parseXml(formatJunit(report));
    const cases = root.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    expect(cases.map((c) => [c.attrs.classname, c.attrs.name, c.children[0]?.name ?? 'pass'])).toEqual([
      ['01-activations.sigmoid', 'sigmoid/correctness', 'pass'],
      ['01-activations.tanh', 'tanh/robustness', 'failure'],
      ['02-lstm-gates.forgetGate', 'forgetGate/correctness', 'pass'],
      ['02-lstm-gates.inputGate', 'inputGate/correctness', 'error'],
      ['02-lstm-gates.hiddenState', 'hiddenState/correctness', 'failure'],
      ['03-lstm-cell.lstmCell', 'lstmCell/correctness', 'error'],
      ['04-gru-gates.updateGate', 'updateGate/correctness', 'skipped'],
    ]);
    const tanh = cases[1]!.children[0]!;
    expect(tanh.attrs).toMatchObject({ type: 'naive-exp-overflow', message: 'tanh(800) returned NaN where 1 was expected.' });
    expect(tanh.text).toContain('An exp overflowed.');
    expect(tanh.text).toContain('Likely misconception: naive-exp-overflow');
    expect(cases[5]!.children[0]!.attrs.type).toBe('build-error');
    expect(root.children[2]!.children.find((c) => c.name === 'system-out')!.text).toContain('node:fs');
  });

  it('should keep any feedback text intact (or replaced where XML cannot hold it) and the document valid', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 20 }), (feedback, fnName) => {
      const hostile: GradingReport = { ...report, submission: feedback, exercises: [{
        id: '01-activations', status: 'graded', message: null, score: 0, maxScore: 2,
        checks: [{ ...check('01-activations/sigmoid/correctness', 'failed', feedback, feedback), function: fnName }],
      }] };
      const root = parseXml(formatJunit(hostile));
      checkJunitSchema(root);
      const failure = root.children[0]!.children[1]!.children[0]!;
      const expected = feedback.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
      expect(failure.text.startsWith(expected)).toBe(true);
      expect(root.children[0]!.children[1]!.attrs.classname).toBe(`01-activations.${fnName.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')}`);
    }));
  });

  it('should write an empty but valid document for a report without exercises', () => {
    const root = parseXml(formatJunit({ ...report, exercises: [] }));
    expect(root.attrs.tests).toBe('0');
    checkJunitSchema(root);
  });
});

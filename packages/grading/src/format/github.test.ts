import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckReport, GradingReport } from '../report.js';
import { appendStepSummary, escapeData, escapeProperty, formatGithub, formatGithubCommands, githubAnnotations, repositoryPath } from './github.js';

const check = (id: string, status: CheckReport['status'], feedback: string, diagnosis: string | null = null): CheckReport => {
  const [, fn, kind] = id.split('/');
  return { id, function: fn!, kind: kind!, status, score: status === 'passed' ? 2 : 0, maxScore: 2, feedback, diagnosis, counterexample: null };
};

const entry = '02-lstm-gates/src/lstm-gates.ts';
const report: GradingReport = {
  schemaVersion: 1, submission: 'exercises', seed: 42, score: 4, maxScore: 10,
  exercises: [
    { id: '02-lstm-gates', status: 'graded', message: null, score: 4, maxScore: 8, entry,
      functions: {
        forgetGate: { file: entry, startLine: 5, endLine: 9 },
        inputGate: { file: entry, startLine: 11, endLine: 15 },
        outputGate: { file: entry, startLine: 17, endLine: 21 },
        hiddenState: { file: entry, startLine: 23, endLine: 25 },
      },
      checks: [
        check('02-lstm-gates/forgetGate/correctness', 'failed', 'forgetGate returned 0.73 where 0.5 was expected,\non input x=[1]: 100% off', 'concat-order'),
        check('02-lstm-gates/forgetGate/purity', 'passed', 'ok'),
        check('02-lstm-gates/inputGate/correctness', 'passed', 'ok'),
        check('02-lstm-gates/outputGate/correctness', 'timeout', 'outputGate ran past 500 ms'),
        check('02-lstm-gates/hiddenState/correctness', 'not-implemented', 'still the stub'),
      ] },
    { id: '03-lstm-cell', status: 'build-error', score: 0, maxScore: 2, entry: '03-lstm-cell/src/lstm-cell.ts',
      message: '03-lstm-cell/src/lstm-cell.ts:1:21: importing "node:fs" is not allowed\n03-lstm-cell/src/helpers.ts:4:2: importing "lodash" is not allowed',
      checks: [check('03-lstm-cell/lstmCell/correctness', 'error', 'could not be built')] },
  ],
};

/** Reads a workflow command back the way the runner does (@actions/toolkit's command parsing). */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    props[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command: m[1]!, props, message: unescape(m[3]!) };
}

describe('github format', () => {
  it('should escape messages and properties as the Actions runner expects', () => {
    expect(escapeData('50% off\r\nnext')).toBe('50%25 off%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (title, message) => {
      const line = `::error file=x.ts,title=${escapeProperty(title)}::${escapeData(message)}`;
      expect(line.split('\n')).toHaveLength(1);
      const parsed = parseCommand(line);
      expect(parsed.props.title).toBe(title);
      expect(parsed.message).toBe(message);
    }));
  });

  it('should annotate each failing function over its declaration with the repository path', () => {
    const errors = formatGithubCommands(report, 'tok').split('\n').filter((l) => l.startsWith('::error')).map(parseCommand);
    expect(errors.map((e) => e.props)).toEqual([
      { file: 'exercises/02-lstm-gates/src/lstm-gates.ts', line: '5', endLine: '9', title: 'forgetGate: 2/4 (concat-order)' },
      { file: 'exercises/02-lstm-gates/src/lstm-gates.ts', line: '17', endLine: '21', title: 'outputGate: 0/2' },
      { file: 'exercises/03-lstm-cell/src/lstm-cell.ts', line: '1', col: '21', title: '03-lstm-cell: build error' },
      { file: 'exercises/03-lstm-cell/src/helpers.ts', line: '4', col: '2', title: '03-lstm-cell: build error' },
    ]);
    expect(errors[0]!.message).toContain('forgetGate returned 0.73 where 0.5 was expected,\non input x=[1]: 100% off');
    expect(errors[2]!.message).toBe('importing "node:fs" is not allowed');
  });

  it('should fence the readable report so quoted student output cannot issue workflow commands', () => {
    const hostile: GradingReport = { ...report, exercises: [{ ...report.exercises[0]!, checks: [
      check('02-lstm-gates/forgetGate/correctness', 'failed', 'threw: \n::add-mask::x\n::error::fake'),
    ] }] };
    const lines = formatGithubCommands(hostile, 'f00d').split('\n');
    const start = lines.indexOf('::stop-commands::f00d');
    const end = lines.indexOf('::f00d::');
    expect(start).toBe(0);
    expect(end).toBeGreaterThan(start);
    const injected = lines.findIndex((l) => l.includes('::add-mask::'));
    expect(injected).toBeGreaterThan(start);
    expect(injected).toBeLessThan(end);
    for (const l of lines.slice(end + 1)) if (l) expect(['error', 'notice']).toContain(parseCommand(l).command);
  });

  it('should make an absolute submission path relative to the workspace', () => {
    expect(repositoryPath({ ...report, submission: '/home/runner/work/course/exercises' }, entry, '/home/runner/work/course')).toBe(`exercises/${entry}`);
    expect(repositoryPath({ ...report, submission: './exercises/' }, entry)).toBe(`exercises/${entry}`);
    expect(githubAnnotations({ ...report, exercises: [] })).toEqual([]);
  });

  describe('step summary', () => {
    let dir: string;
    beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'gatecheck-gh-')); });
    afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

    it('should append the Markdown report to $GITHUB_STEP_SUMMARY, and do nothing without it', async () => {
      const file = join(dir, 'summary.md');
      expect(appendStepSummary(report, {})).toBe(false);
      expect(appendStepSummary(report, { GITHUB_STEP_SUMMARY: file })).toBe(true);
      expect(appendStepSummary(report, { GITHUB_STEP_SUMMARY: file })).toBe(true);
      const text = await readFile(file, 'utf8');
      expect(text.match(/## gatecheck: 4\/10/g)).toHaveLength(2);
      expect(text).toContain('| `forgetGate` |');
    });

    it('should write the summary from the registered formatter when the runner sets the variable', async () => {
      const file = join(dir, 'step.md');
      const before = process.env.GITHUB_STEP_SUMMARY;
      process.env.GITHUB_STEP_SUMMARY = file;
      try {
        const out = formatGithub(report);
        expect(out).toContain('::notice title=gatecheck score::4/10');
        expect(await readFile(file, 'utf8')).toContain('## gatecheck: 4/10');
      } finally {
        if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
        else process.env.GITHUB_STEP_SUMMARY = before;
      }
    });
  });
});

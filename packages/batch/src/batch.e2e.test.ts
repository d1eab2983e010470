// The whole path with the real grader: a small class of real files (the graders' reference and known-mistake
// files, the handout's stubs, hostile code) graded by `runBatch` on worker processes running the course's
// `gradeSubmission`, then the class report opened in headless Chromium.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './__test-helpers__/browser.js';
import { runBatch, type BatchSummary } from './run-batch.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const outputDir = fileURLToPath(new URL('../test-output/', import.meta.url));
const EXERCISES = ['01-activations', '02-lstm-gates'];
const ENTRY: Record<string, string> = { '01-activations': 'src/activations.ts', '02-lstm-gates': 'src/lstm-gates.ts' };

let root: string;
let first: BatchSummary;
let second: BatchSummary;

async function student(name: string, files: Partial<Record<string, string>>): Promise<void> {
  for (const ex of EXERCISES) {
    await mkdir(join(root, 'class', name, ex, 'src'), { recursive: true });
    const text = files[ex] ?? (await readFile(join(repo, 'exercises', ex, ENTRY[ex]!), 'utf8'));
    await writeFile(join(root, 'class', name, ex, ENTRY[ex]!), text);
  }
}
const graderFile = (ex: string, kind: 'reference/src' | 'mistakes', file: string) => readFile(join(repo, 'graders', ex, kind, file), 'utf8');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gatecheck-batch-e2e-'));
  await student('ada', {
    '01-activations': await graderFile('01-activations', 'reference/src', 'activations.ts'),
    '02-lstm-gates': await graderFile('02-lstm-gates', 'reference/src', 'lstm-gates.ts'),
  });
  await student('bo', {
    '01-activations': await graderFile('01-activations', 'mistakes', 'naive-exp-overflow.ts'),
    '02-lstm-gates': await graderFile('02-lstm-gates', 'mistakes', 'concat-order.ts'),
  });
  await student('cy', {});
  await student('dee', {
    '01-activations': await graderFile('01-activations', 'reference/src', 'activations.ts'),
    '02-lstm-gates': 'export function forgetGate(p: unknown, h: number[], x: number[]): number[] { for (;;) {} }\n',
  });
  await student('eve', { '01-activations': 'import { readFileSync } from "node:fs";\nexport const sigmoid = (x: number) => readFileSync("/etc/hostname").length + x;\nexport const tanh = Math.tanh;\n' });
  await cp(join(root, 'class', 'ada'), join(root, 'class', 'ada-copy'), { recursive: true });
  // A fixed grader version: in a working tree where grading code is being edited, the computed fingerprint
  // would (rightly) change between the two runs; grader-fingerprint.test.ts covers the fingerprint itself.
  const options = { dir: join(root, 'class'), out: join(root, 'out'), workers: 2, numRuns: 20, seed: 5, exercises: EXERCISES, graderVersion: 'e2e' };
  first = await runBatch(options);
  second = await runBatch(options);
}, 240_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const report = (s: BatchSummary, id: string) => s.results.find((r) => r.student === id)!;

describe('batch with the real grader', () => {
  it('should grade every student, containing the hostile ones, with the course\'s reports', () => {
    expect(first.results.map((r) => [r.student, r.status])).toEqual([
      ['ada', 'graded'], ['ada-copy', 'graded'], ['bo', 'graded'], ['cy', 'graded'], ['dee', 'graded'], ['eve', 'graded'],
    ]);
    const ada = report(first, 'ada').report;
    expect(ada.submission).toBe(join(root, 'class', 'ada'));
    expect(ada.seed).toBe(5);
    expect(ada.exercises.map((e) => e.id)).toEqual(EXERCISES);
    expect(ada.score).toBe(ada.maxScore);
    expect(ada.maxScore).toBeGreaterThan(0);
    expect(report(first, 'ada-copy').report.score).toBe(ada.score);
  });

  it('should carry the diagnoses, not-implemented stubs, timeouts and build errors into the reports', () => {
    const bo = report(first, 'bo').report;
    expect(bo.score).toBeLessThan(bo.maxScore);
    const diagnoses = bo.exercises.flatMap((e) => e.checks.map((c) => c.diagnosis));
    expect(diagnoses).toContain('concat-order');
    expect(diagnoses).toContain('naive-exp-overflow');
    const cy = report(first, 'cy').report;
    expect(cy.score).toBe(0);
    expect(cy.exercises.flatMap((e) => e.checks).every((c) => c.status === 'not-implemented')).toBe(true);
    const dee = report(first, 'dee').report;
    expect(dee.exercises.find((e) => e.id === '02-lstm-gates')!.checks.some((c) => c.status === 'timeout')).toBe(true);
    expect(dee.exercises.find((e) => e.id === '01-activations')!.score).toBe(dee.exercises.find((e) => e.id === '01-activations')!.maxScore);
    const eve = report(first, 'eve').report.exercises.find((e) => e.id === '01-activations')!;
    expect(eve.status).toBe('build-error');
    expect(eve.message).toMatch(/node:fs/);
  });

  it('should write a CSV whose totals match the JSON reports', async () => {
    const csv = (await readFile(first.files.gradesCsv, 'utf8')).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(csv[0]).toEqual(['student', ...EXERCISES, 'total', 'max', 'status']);
    const json = JSON.parse(await readFile(first.files.resultsJson, 'utf8'));
    expect(json.schemaVersion).toBe(1);
    for (const row of csv.slice(1)) {
      const r = json.students[row[0]!];
      expect(Number(row[3])).toBeCloseTo(r.score, 3);
      expect(Number(row[4])).toBe(r.maxScore);
      expect(row[5]).toBe('graded');
    }
  });

  it('should take everything from the cache on an unchanged re-run, with the same reports', () => {
    expect(second.cached).toBe(6);
    expect(second.gradedNow).toBe(0);
    for (const r of second.results) expect(r.report).toEqual(report(first, r.student).report);
  });

  describe('the class report in Chromium', () => {
    let browser: Browser;
    afterAll(async () => { await browser?.close(); });

    it('should render the real class with no error or request and drill down to a student\'s diagnosis', async () => {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      const url = pathToFileURL(first.files.reportHtml).href;
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
      await page.goto(url);
      expect(await page.$$eval('#chart-distribution .bin', (bs) => bs.reduce((n, b) => n + Number(b.getAttribute('data-count')), 0))).toBe(6);
      const concat = await page.$$eval('.misconception[data-id="concat-order"]', (ms) => ms.map((m) => m.getAttribute('data-example')));
      expect(concat).toEqual(['bo']);
      await page.click('#students tbody tr[data-student="bo"]');
      expect(await page.textContent('#detail h3')).toBe('bo');
      expect(await page.$$eval('#detail .diag code', (cs) => cs.map((c) => c.textContent))).toContain('concat-order');
      await mkdir(outputDir, { recursive: true });
      await page.screenshot({ path: join(outputDir, 'class-report.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    });
  });
});

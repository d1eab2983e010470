// The class report in a real browser: it renders with no console error and no network request, its charts carry
// the class's numbers, and the drill-down shows a clicked student's feedback. Leaves a screenshot for people.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../__test-helpers__/browser.js';
import { sampleReport } from '../__test-helpers__/sample-report.js';
import type { StudentResult } from '../types.js';
import { classStats } from './class-stats.js';
import { renderReportHtml } from './render.js';

const outputDir = fileURLToPath(new URL('../../test-output/', import.meta.url));
const diagnoses = ['concat-order', 'activation-swap', 'missing-bias', 'hidden-missing-tanh'];
const HOSTILE = '<img src="http://127.0.0.1:9/x.png" onerror="window.pwned=1">';

function classOf(n: number): StudentResult[] {
  return Array.from({ length: n }, (_, i) => {
    const student = `student-${String(i + 1).padStart(3, '0')}`;
    const status: StudentResult['status'] = i === 7 ? 'crashed' : i === 19 ? 'timeout' : 'graded';
    const fraction = ((i * 7) % 12) / 11;
    const report = sampleReport(student, { fraction, diagnosis: diagnoses[i % diagnoses.length], note: i === 3 ? HOSTILE : undefined });
    return {
      student, status, message: status === 'graded' ? null : `${status}: grading process died (SIGKILL)`,
      report: status === 'graded' ? report : { ...report, score: 0, exercises: [] },
      durationMs: 200 + ((i * 131) % 900) + (i === 19 ? 30_000 : 0), cached: i % 5 === 0,
    };
  });
}

let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
const results = classOf(48);
let pageUrl: string;

beforeAll(async () => {
  await mkdir(outputDir, { recursive: true });
  const file = join(outputDir, 'report.html');
  await writeFile(file, renderReportHtml(results, { exerciseIds: ['01-activations', '02-lstm-gates'], title: 'Class report: LSTM homework', generatedAt: new Date('2026-11-25T09:30:00Z') }));
  pageUrl = pathToFileURL(file).href;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== pageUrl) requests.push(r.url()); });
  await page.goto(pageUrl, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

describe('report.html in Chromium', () => {
  it('should load with no console error and no network request', async () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('should draw the score distribution from the graded students', async () => {
    const bins = await page.$$eval('#chart-distribution .bin', (gs) => gs.map((g) => ({
      from: Number(g.getAttribute('data-from')), count: Number(g.getAttribute('data-count')),
      height: Number(g.querySelector('rect')!.getAttribute('height')),
    })));
    const expected = classStats(results).bins;
    expect(bins.map((b) => b.count)).toEqual(expected.map((b) => b.count));
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(46);
    // Taller bars for larger counts: the drawing follows the numbers, not just the attributes.
    for (const a of bins) for (const b of bins) if (a.count > b.count) expect(a.height).toBeGreaterThan(b.height);
  });

  it('should show each function\'s pass rate', async () => {
    const rates = await page.$$eval('#chart-pass-rate .pass-rate', (gs) => gs.map((g) => ({
      fn: g.getAttribute('data-function'), passed: Number(g.getAttribute('data-passed')), attempted: Number(g.getAttribute('data-attempted')),
      width: Number(g.querySelector('rect.fill')!.getAttribute('width')), label: g.querySelector('text.value')!.textContent,
    })));
    const expected = classStats(results).passRates;
    expect(rates.map((r) => [r.fn, r.passed, r.attempted])).toEqual(expected.map((r) => [r.function, r.passed, r.attempted]));
    const sigmoid = rates.find((r) => r.fn === 'sigmoid')!;
    expect(sigmoid.label).toContain(`(${sigmoid.passed}/${sigmoid.attempted})`);
    expect(sigmoid.width).toBeCloseTo((520 * sigmoid.passed) / sigmoid.attempted, 0);
  });

  it('should list the most frequent misconceptions per exercise with a count and an example student', async () => {
    const items = await page.$$eval('.misconception', (ls) => ls.map((l) => ({
      exercise: l.getAttribute('data-exercise'), id: l.getAttribute('data-id'), count: Number(l.getAttribute('data-count')),
      example: l.querySelector('a.student-link')!.textContent,
    })));
    const expected = classStats(results).misconceptions.flatMap((m) => m.items.slice(0, 5).map((i) => ({ exercise: m.exercise, id: i.id, count: i.count, example: i.example })));
    expect(items).toEqual(expected);
    expect(items.length).toBeGreaterThan(2);
  });

  it('should chart every student\'s grading time', async () => {
    const times = await page.$$eval('#chart-times rect.time', (rs) => rs.map((r) => [r.getAttribute('data-student'), Number(r.getAttribute('data-ms'))]));
    expect(times).toHaveLength(results.length);
    expect(times[0]).toEqual(['student-020', 30_000 + 200 + ((19 * 131) % 900)]);
  });

  it('should show a student\'s feedback when their row is clicked, and a misconception\'s example from its link', async () => {
    await page.click('#students tbody tr[data-student="student-004"]');
    expect(await page.textContent('#detail h3')).toBe('student-004');
    const checks = await page.$$eval('#detail .check[data-check]', (cs) => cs.map((c) => [c.getAttribute('data-check'), c.getAttribute('data-status')]));
    const report = results[3]!.report;
    expect(checks).toEqual(report.exercises.flatMap((e) => e.checks.map((c) => [c.id, c.status])));
    // Hostile text from a report is shown as text, never run as markup.
    expect(await page.textContent('#detail')).toContain(HOSTILE);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.getAttribute('#students tbody tr[data-student="student-004"]', 'class')).toBe('selected');

    await page.click('.misconception a.student-link');
    const example = await page.getAttribute('.misconception a.student-link', 'data-student');
    expect(await page.textContent('#detail h3')).toBe(example);

    await page.click('#students tbody tr[data-student="student-008"]');
    expect(await page.textContent('#detail')).toContain('grading process died');
    await page.click('#students tbody tr[data-student="student-002"]');
    await page.screenshot({ path: join(outputDir, 'report.png'), fullPage: true });
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('should filter and sort the student table', async () => {
    await page.fill('#student-filter', '-01');
    const visible = await page.$$eval('#students tbody tr', (rs) => rs.filter((r) => !(r as unknown as { hidden: boolean }).hidden).map((r) => r.getAttribute('data-student')));
    expect(visible).toEqual(results.map((r) => r.student).filter((s) => s.includes('-01')));
    await page.fill('#student-filter', '');
    await page.click('#students th[data-key="score"]');
    const scores = await page.$$eval('#students tbody tr', (rs) => rs.map((r) => Number(r.getAttribute('data-score'))));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});

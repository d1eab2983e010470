// JUnit XML for CI test-report viewers (GitLab, Jenkins, Azure): one <testsuite> per exercise, one <testcase> per
// check. Attributes the Ant/Jenkins JUnit schema requires are always present (testsuite: name, tests, failures,
// errors, time, timestamp, hostname, id, package; testcase: name, classname, time; failure/error: type).
import type { CheckReport, ExerciseReport, GradingReport } from '../report.js';
import { points } from './summary.js';

/** Drops characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

/** Text content: `&`, `<`, `>` escaped, CR kept as a character reference. */
export function xmlText(text: string): string {
  // A raw CR would be normalised to LF by every XML reader; as a reference it survives.
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute value (double-quoted): also quotes, and line breaks and tabs as character references so they survive. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

/** The schema wants a local ISO 8601 date-time without a zone. */
function timestamp(report: GradingReport): string {
  const when = report.gradedAt ? new Date(report.gradedAt) : new Date(0);
  return (Number.isNaN(when.getTime()) ? new Date(0) : when).toISOString().slice(0, 19);
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function testcase(exercise: ExerciseReport, check: CheckReport): string {
  const kind = check.kind ?? check.id.split('/').at(-1) ?? 'check';
  const open = `    <testcase name="${xmlAttr(`${check.function}/${kind}`)}" classname="${xmlAttr(`${exercise.id}.${check.function}`)}" time="${seconds(check.durationMs)}">`;
  const detail = `${check.feedback}${check.diagnosis ? `\n\nLikely misconception: ${check.diagnosis}` : ''}\nScore: ${points(check.score, check.maxScore)}`;
  switch (check.status) {
    case 'passed':
      return `${open}</testcase>`;
    case 'failed':
      return `${open}\n      <failure message="${xmlAttr(firstLine(check.feedback))}" type="${xmlAttr(check.diagnosis ?? 'wrong-result')}">${xmlText(detail)}</failure>\n    </testcase>`;
    case 'not-implemented':
      if (exercise.status === 'not-submitted') {
        return `${open}\n      <skipped message="${xmlAttr(`${exercise.id} was not submitted`)}"/>\n    </testcase>`;
      }
      // Not implemented yet still costs the points: a failure, so CI shows what is left to do.
      return `${open}\n      <failure message="${xmlAttr(`${check.function} is not implemented yet`)}" type="not-implemented">${xmlText(detail)}</failure>\n    </testcase>`;
    default:
      return `${open}\n      <error message="${xmlAttr(firstLine(check.feedback))}" type="${xmlAttr(exercise.status === 'build-error' ? 'build-error' : check.status)}">${xmlText(detail)}</error>\n    </testcase>`;
  }
}

function counts(exercise: ExerciseReport) {
  const c = { tests: exercise.checks.length, failures: 0, errors: 0, skipped: 0 };
  for (const check of exercise.checks) {
    if (check.status === 'failed') c.failures++;
    else if (check.status === 'not-implemented') exercise.status === 'not-submitted' ? c.skipped++ : c.failures++;
    else if (check.status !== 'passed') c.errors++;
  }
  return c;
}

export function formatJunit(report: GradingReport): string {
  const stamp = timestamp(report);
  const suites = report.exercises.map((exercise, index) => {
    const c = counts(exercise);
    const time = exercise.checks.reduce((t, ch) => t + (ch.durationMs ?? 0), 0);
    const properties = [
      ['score', String(exercise.score)], ['maxScore', String(exercise.maxScore)], ['status', exercise.status],
      ['seed', String(report.seed)], ...(exercise.entry ? [['entry', exercise.entry]] : []),
    ].map(([name, value]) => `      <property name="${xmlAttr(name!)}" value="${xmlAttr(value!)}"/>`).join('\n');
    const cases = exercise.checks.map((check) => testcase(exercise, check)).join('\n');
    return `  <testsuite name="${xmlAttr(exercise.id)}" package="${xmlAttr(`gatecheck.${exercise.id}`)}" id="${index}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(time)}" timestamp="${stamp}" hostname="localhost">\n` +
      `    <properties>\n${properties}\n    </properties>\n` +
      (cases ? `${cases}\n` : '') +
      `    <system-out>${xmlText(exercise.message ?? '')}</system-out>\n    <system-err></system-err>\n  </testsuite>`;
  });
  const all = report.exercises.map(counts).reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors, skipped: a.skipped + b.skipped }), { tests: 0, failures: 0, errors: 0, skipped: 0 });
  const total = report.timings?.totalMs ?? report.exercises.flatMap((e) => e.checks).reduce((t, ch) => t + (ch.durationMs ?? 0), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xmlAttr(`gatecheck ${report.submission}: ${points(report.score, report.maxScore)}`)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${seconds(total)}">\n` +
    `${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}

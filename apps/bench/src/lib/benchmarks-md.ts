// BENCHMARKS.md at the repository root: one `## Name` section per bench, each rewritten only by its own bench.
// Written through a temporary file and a rename, so a crash never leaves half a file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCHMARKS_FILE = fileURLToPath(new URL('../../../../BENCHMARKS.md', import.meta.url));

const HEADER = `# Benchmarks

Measured numbers only. Each \`## Section\` is written by one bench (\`pnpm bench <name>\`, see apps/bench/README.md),
which rewrites its own section and leaves the others alone. Conventions: every section names the machine it ran
on (CPU model from /proc/cpuinfo, logical cores, Node version), the date (UTC) and the load average at the start,
and the exact command; times are medians over repeated runs with the min–max range beside them.
`;

/** `text` with the section `## heading` replaced by `body` (or appended); the file header is added if missing. */
export function replaceSection(text: string, heading: string, body: string): string {
  const doc = text.trim() === '' ? HEADER : text;
  const lines = doc.split('\n');
  const title = `## ${heading}`;
  const start = lines.findIndex((l) => l.trim() === title);
  const section = [title, '', ...body.trimEnd().split('\n'), ''];
  if (start === -1) return `${doc.trimEnd()}\n\n${section.join('\n')}`;
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end === -1) end = lines.length;
  return [...lines.slice(0, start), ...section, ...lines.slice(end)].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

export function writeSection(heading: string, body: string, file = BENCHMARKS_FILE): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, replaceSection(before, heading, body));
  renameSync(tmp, file);
}

// `gatecheck conformance DIR`: the reference kernels against every PyTorch golden file in DIR (grading.md).
// The file format and the comparison live in @gatecheck/kernels (golden.ts); this command only finds, reads, prints.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkGoldenText, type GoldenCheck } from '@gatecheck/kernels';
import { parseCommandArgs, UsageError, type Command } from '../cli-kit.js';

const TOLERANCE = 1e-10;

const help = `usage: gatecheck conformance DIR

Runs the reference kernels on every PyTorch golden file (*.json) in DIR, forward and every recorded gradient
(format: packages/kernels/fixtures/pytorch/README.md; other files are skipped), and prints one line per file:

  <file> PASS|FAIL max_err=<x>

max_err is the largest |actual - expected| / max(1, |expected|) over the file's values; a file passes when it is at
most ${TOLERANCE}. A FAIL line ends with where the worst value is, or why the file could not be checked.

exit status: 0 all pass, 1 any FAIL, 2 DIR is not a folder or holds no golden file.

example: pnpm gatecheck conformance packages/kernels/fixtures/pytorch`;

const formatError = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : 'inf');

/** One line for one file: `<file> PASS|FAIL max_err=<x>`, with the reason after a FAIL. */
export function conformanceLine(file: string, result: GoldenCheck): string {
  const head = `${file} ${result.pass ? 'PASS' : 'FAIL'} max_err=${formatError(result.maxError)}`;
  if (result.pass) return head;
  if (result.reason !== null) return `${head}  ${result.reason}`;
  const w = result.worst;
  return w ? `${head}  worst at ${w.path}: PyTorch ${w.expected}, kernels ${w.actual}` : head;
}

function checkFile(path: string): GoldenCheck {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { name: '', module: '', pass: false, maxError: Infinity, worst: null, compared: 0, reason: `cannot read the file${code ? ` (${code})` : ''}` };
  }
  return checkGoldenText(text, { tolerance: TOLERANCE });
}

export const conformance: Command = {
  name: 'conformance',
  summary: 'check the reference kernels against PyTorch golden files',
  help,
  run(argv) {
    const { positionals } = parseCommandArgs(argv, {});
    if (positionals.length !== 1) throw new UsageError('conformance takes one folder: gatecheck conformance DIR');
    const dir = positionals[0]!;
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      throw new UsageError(`"${dir}" does not exist`);
    }
    if (!isDir) throw new UsageError(`"${dir}" is not a folder`);
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      throw new UsageError(`cannot list "${dir}" (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
    if (files.length === 0) throw new UsageError(`"${dir}" holds no golden file (*.json)`);
    let failed = 0;
    for (const file of files) {
      const result = checkFile(join(dir, file));
      if (!result.pass) failed++;
      console.log(conformanceLine(file, result));
    }
    console.error(`${files.length} golden file${files.length === 1 ? '' : 's'}: ${files.length - failed} passed, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  },
};

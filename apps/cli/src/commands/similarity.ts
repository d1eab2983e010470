// `gatecheck similarity DIR`: pairs of submissions whose normalised code is suspiciously alike, for review.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findSimilarPairs, formatJson, formatText, loadSubmission, loadSubmissions } from '@gatecheck/similarity';
import { intOption, parseCommandArgs, UsageError, type Command } from '../cli-kit.js';

const help = `usage: gatecheck similarity DIR [--threshold X] [--format text|json] [--template DIR|none] [--min-match N]

Compares every pair of sub-folders of DIR (one student each) and lists the pairs whose code is alike after
names and literals are abstracted and comments and layout removed, with a score (0..1, the share of both
submissions' code inside shared regions) and the shared regions side by side (file:line ranges and code).
Code that comes from the stub template, and code that most of the class shares, does not count.
A high score is a reason to read the code, not proof of copying.

options:
  --threshold X     report pairs scoring at least X, 0..1 (default 0.5)
  --format F        text (default) or json
  --template DIR    the stub handout whose code is excluded (default: ./exercises when it exists; none: no template)
  --min-match N     shortest run of tokens that counts as shared (default 16)
`;

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export const similarity: Command = {
  name: 'similarity',
  summary: 'pairs of submissions in DIR whose normalised code is suspiciously alike',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      threshold: { type: 'string' },
      format: { type: 'string' },
      template: { type: 'string' },
      'min-match': { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('similarity takes one folder of submissions: gatecheck similarity DIR');
    const dir = positionals[0]!;
    if (!isDir(dir)) throw new UsageError(`${dir} is not a folder`);
    const threshold = values.threshold === undefined ? 0.5 : Number(values.threshold);
    if (values.threshold !== undefined && (values.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1)) {
      throw new UsageError(`--threshold must be a number from 0 to 1, got "${values.threshold}"`);
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    const minMatch = intOption(values['min-match'], 'min-match', 16, 4);
    let templateDir: string | null;
    if (values.template === 'none') templateDir = null;
    else if (values.template !== undefined) {
      if (!isDir(values.template)) throw new UsageError(`--template ${values.template} is not a folder`);
      templateDir = values.template;
    } else templateDir = isDir('exercises') && resolve('exercises') !== resolve(dir) ? 'exercises' : null;

    const submissions = await loadSubmissions(dir);
    const template = templateDir ? await loadSubmission('template', templateDir) : null;
    const pairs = findSimilarPairs(submissions, template, { threshold, minMatch });
    const run = { submissions: submissions.length, threshold, template: templateDir, pairs };
    process.stdout.write(format === 'json' ? formatJson(run) : formatText(run));
    return 0;
  },
};

// `gatecheck gradebook export`: every student's latest grade from the bot's gradebook (shared/spec/bot.md #8).
import { exportGradebook } from '@gatecheck/github-bot';
import { parseCommandArgs, UsageError, type Command } from '../cli-kit.js';

const help = `usage: gatecheck gradebook export --format csv|json [--database FILE]

Prints every student's latest grade (one per author and repository: the grade of their most recent push)
from the gradebook the bot keeps.

options:
  --format csv|json   csv: repository,pr,student,head_sha,status,<exercise ids...>,total,max,seed,
                      grader_version,grader_commit,graded_at; json: { "schemaVersion": 1, "grades": [...] }
  --database FILE     the bot's SQLite file (default: DATABASE_PATH, else ./gatecheck.db)
`;

export const gradebook: Command = {
  name: 'gradebook',
  summary: 'export every student\'s latest grade from the bot\'s gradebook (csv or json)',
  help,
  run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string', short: 'f' },
      database: { type: 'string', short: 'd' },
    });
    if (positionals.length !== 1 || positionals[0] !== 'export') throw new UsageError('usage: gatecheck gradebook export --format csv|json [--database FILE]');
    const format = values.format;
    if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json${format === undefined ? '' : `, got "${format}"`}`);
    const database = values.database ?? process.env.DATABASE_PATH ?? './gatecheck.db';
    const result = exportGradebook(database, format);
    if (!result.ok) throw new UsageError(result.error);
    process.stdout.write(result.text);
    return 0;
  },
};

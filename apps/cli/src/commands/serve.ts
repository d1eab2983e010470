// `gatecheck serve`: the GitHub App server that grades pull requests (shared/spec/bot.md). Settings come from
// the environment only; a missing or wrong one stops it with one line and exit status 1.
import { SECRET_VARIABLES, createLogger, secretsOf, settingsFromEnv, startBot } from '@gatecheck/github-bot';
import { parseCommandArgs, type Command } from '../cli-kit.js';

const help = `usage: gatecheck serve

Runs the grading bot: answers GET /healthz and takes GitHub's deliveries at POST /api/github/webhooks.
Every pull request's head commit is graded (its exercises/ folder only, with this installation's graders)
and the grade is posted as a check run named gatecheck and one PR comment. apps/github-bot/README.md
("Run the bot") explains how to create the GitHub App and expose the server.

settings (environment):
  WEBHOOK_SECRET            required: the App's webhook secret
  GITHUB_APP_ID             app mode: the App ID, with
  GITHUB_PRIVATE_KEY        the App's private key (PEM text), or
  GITHUB_PRIVATE_KEY_PATH   the path of the .pem file GitHub gave you
  GITHUB_TOKEN              token mode instead: one token for every request (commit statuses, no check runs)
  GITHUB_API_URL            REST base URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3)
  DATABASE_PATH             gradebook and job store, SQLite (default ./gatecheck.db)
  GATECHECK_REPOS           optional allowlist: owner/repo,owner/repo
  PORT                      default 3000
  HOST                      interface to listen on (default 0.0.0.0)
  GATECHECK_WORKERS         submissions graded at once (default: cores - 1, at least 1)
  GATECHECK_NUM_RUNS        generated cases per check (default: gatecheck.config.json's numRuns)
`;

const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

export const serve: Command = {
  name: 'serve',
  summary: 'run the GitHub App that grades pull requests (settings from the environment)',
  help,
  async run(argv) {
    parseCommandArgs(argv, {}, false);
    const result = settingsFromEnv(process.env);
    if (!result.ok) {
      console.error(`gatecheck serve: ${result.error}`);
      return 1;
    }
    const settings = result.settings;
    const given = SECRET_VARIABLES.map((name) => process.env[name]).filter((v): v is string => v !== undefined && v !== '');
    // Read once, then gone: nothing started from here on (least of all grading) inherits a credential.
    for (const name of SECRET_VARIABLES) delete process.env[name];
    const logger = createLogger({ secrets: [...secretsOf(settings), ...given] });
    let bot;
    try {
      bot = await startBot(settings, { logger });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'EADDRINUSE' ? `port ${settings.port} is already in use`
        : code === 'EACCES' ? `no permission to listen on port ${settings.port}`
        : /database|sqlite|directory/i.test(oneLine(error)) ? `cannot open DATABASE_PATH "${settings.databasePath}": ${oneLine(error)}`
        : oneLine(error);
      console.error(`gatecheck serve: cannot start: ${reason}`);
      return 1;
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await bot.stop();
    return 0;
  },
};

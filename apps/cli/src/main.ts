#!/usr/bin/env node
// `gatecheck`: thin commands over the packages. Run from the repository root as `pnpm gatecheck <command>`.
import { UsageError } from './cli-kit.js';
import { commands } from './commands/index.js';

async function usage(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  return `usage: gatecheck <command> [options]\n\ncommands:\n${loaded.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}\n\n` +
    `Run "gatecheck <command> --help" for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) throw new UsageError(`unknown command "${name}" (try: gatecheck --help)`);
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help.trimEnd());
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`gatecheck: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    // A bug, not a user mistake: one line by default, the stack with GATECHECK_DEBUG=1.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`gatecheck: internal error: ${message.split('\n')[0]}${process.env.GATECHECK_DEBUG ? `\n${(error as Error).stack}` : ' (set GATECHECK_DEBUG=1 for details)'}`);
    process.exitCode = 1;
  },
);

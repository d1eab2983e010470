// Shared plumbing of the `gatecheck` commands: one-line errors for user mistakes (exit 2), never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called or in a path it was given: one line, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Returns the exit status. */
  run(argv: string[]): Promise<number> | number;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `util.parseArgs` with strict checking; unknown options and missing values become UsageErrors. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

/** Parses a whole number option, or throws a UsageError naming the option. */
export function intOption(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

// The one command that reproduces a failed check: same submission, same run seed, only that check, and
// fast-check's path to the shrunk counterexample so no search is repeated.
import { compactPath } from './replay-path.js';

const SAFE = /^[A-Za-z0-9_./:@%+=,-]+$/;

/** Quotes a shell word only when it needs it (POSIX single quotes). */
export function shellWord(word: string): string {
  return SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface ReplayTarget {
  /** The submission folder as the user gave it. */
  submission: string;
  exerciseId: string;
  /** The run's seed (not the check's derived seed): `--seed` takes the same value the report shows. */
  seed: number;
  checkId: string;
  /** fast-check's counterexample path, e.g. `7:0:1` (printed run-length encoded, `7:300x0:1`). */
  path?: string | undefined;
}

/** `pnpm gatecheck grade --submission <dir> --exercise <id> --seed <seed> --check <checkId> --path <compact path>` */
export function replayCommand(t: ReplayTarget): string {
  const words = ['pnpm', 'gatecheck', 'grade', '--submission', shellWord(t.submission), '--exercise', shellWord(t.exerciseId),
    '--seed', String(t.seed), '--check', shellWord(t.checkId)];
  if (t.path !== undefined && t.path !== '') words.push('--path', shellWord(compactPath(t.path)));
  return words.join(' ');
}

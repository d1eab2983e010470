// Writes throwaway submission folders for tests and removes them afterwards.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempSubmission {
  /** The submission folder (shaped like `exercises/`). */
  dir: string;
  /** Writes `text` at `path` (relative to the submission), creating folders. */
  write(path: string, text: string): void;
  /** Creates a symbolic link at `path` (relative to the submission) pointing to `target` (any path). */
  link(path: string, target: string): void;
  /** A folder next to the submission (outside it), for files a submission must not reach. */
  outside: string;
  remove(): void;
}

export function tempSubmission(files: Record<string, string> = {}): TempSubmission {
  const base = mkdtempSync(join(tmpdir(), 'gatecheck-sandbox-test-'));
  const dir = join(base, 'submission');
  const outside = join(base, 'outside');
  mkdirSync(dir);
  mkdirSync(outside);
  const submission: TempSubmission = {
    dir,
    outside,
    write(path, text) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    },
    link(path, target) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      symlinkSync(target, full);
    },
    remove() {
      rmSync(base, { recursive: true, force: true });
    },
  };
  for (const [path, text] of Object.entries(files)) submission.write(path, text);
  return submission;
}

/** The handout's first two exercises, as the sandbox is asked for them. */
export const ACTIVATIONS = { id: '01-activations', entry: 'src/activations.ts' };
export const LSTM_GATES = { id: '02-lstm-gates', entry: 'src/lstm-gates.ts' };
export const LSTM_CELL = { id: '03-lstm-cell', entry: 'src/lstm-cell.ts' };

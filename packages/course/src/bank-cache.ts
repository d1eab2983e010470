// Drawn inputs and reference values on disk, so a fresh process (a student grading again, the bot's grading
// process, a batch worker) does not draw and compute them again. They depend only on the graders' code, the seed,
// the number of runs, fast-check and the JavaScript engine, never on a submission, and the file's name is a hash of
// all of these (every source file the graders, the kernels and the grading runner are built from), so a change to
// any of them simply misses. A missing, unreadable or foreign file is ignored; files are written whole and renamed
// into place, so concurrent writers (batch workers) never leave half a file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepEqualExact, Drawn, drawInputs, planRounds, type ExerciseDefinition, type InputBank, type Reference } from '@gatecheck/grading';
import { decodePlain, encodePlain } from '@gatecheck/sandbox';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_DIR = join(ROOT, 'node_modules', '.cache', 'gatecheck-bank');
/** Where the graders' inputs and references come from (test files included: cheaper to hash than to tell apart). */
const SOURCES = ['graders', 'packages/kernels/src', 'packages/grading/src', 'packages/course/src', 'packages/sandbox/src'];
const FORMAT = 'gatecheck-bank-1';
/** Files kept (one per grader version, seed and number of runs; about 17 MB for the whole course at 100 runs). */
const KEEP_FILES = 6;

function tsFiles(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (name.endsWith('.ts') || name === 'package.json') out.push(path);
  }
}

let codeHash: string | undefined;

/** A hash of every input to drawing and to the references: sources, fast-check's version, Node's version and CPU. */
function hashOfCode(): string {
  if (codeHash !== undefined) return codeHash;
  const hash = createHash('sha256').update(`${FORMAT}\n${process.version}\n${process.arch}\n`);
  const fastCheck = createRequire(join(ROOT, 'packages', 'grading', 'package.json'))('fast-check/package.json') as { version: string };
  hash.update(`fast-check ${fastCheck.version}\n`);
  const files: string[] = [];
  for (const source of SOURCES) tsFiles(join(ROOT, source), files);
  for (const file of files) hash.update(`${relative(ROOT, file)}\n`).update(readFileSync(file)).update('\n');
  codeHash = hash.digest('hex');
  return codeHash;
}

/** One kept round of the file: a check key's inputs and, by check id, the reference's values on them. */
interface Entry {
  key: string;
  numRuns: number;
  args: unknown[][];
  expected: Record<string, unknown[]>;
}

/** Deletes all but the KEEP_FILES newest cache files (older grader versions, other seeds). */
function prune(dir: string): void {
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }));
    files.sort((a, b) => b.mtime - a.mtime);
    for (const old of files.slice(KEEP_FILES)) rmSync(old.path, { force: true });
  } catch {
    // Another process pruned first.
  }
}

export interface BankCache {
  /** Puts the file's rounds into `bank`; returns how many. */
  load(bank: InputBank): number;
  /** Writes `bank`'s rounds for this grading, when it holds more than the file did. */
  save(bank: InputBank): void;
}

/** The cache file for grading `definitions` with `seed` and `numRuns` (in `dir`, default node_modules/.cache). */
export function bankCache(definitions: readonly ExerciseDefinition[], seed: number, numRuns: number, dir = DEFAULT_DIR): BankCache {
  const file = join(dir, `${createHash('sha256').update(`${hashOfCode()}\n${seed}\n${numRuns}`).digest('hex').slice(0, 40)}.bin`);
  const planned = new Map(planRounds(definitions, { seed, numRuns }).map((p) => [`${p.key}\u0000${p.numRuns}`, p]));
  /** Rounds and reference arrays in the file when loaded (a save that would add nothing is skipped). */
  let known = -1;
  const count = (bank: InputBank): number => {
    let n = 0;
    for (const p of planned.values()) {
      const drawn = bank.peek(p.seed, p.key, p.numRuns);
      if (drawn === undefined) continue;
      n++;
      for (const { check } of p.checks) if (complete(drawn, check.expected as Reference)) n++;
    }
    return n;
  };
  const complete = (drawn: Drawn, reference: Reference): boolean => {
    const values = drawn.knownExpected().get(reference);
    if (values === undefined || values.length !== drawn.args.length) return false;
    for (let k = 0; k < values.length; k++) if (!(k in values)) return false;
    return true;
  };
  return {
    load(bank) {
      // A process grading many submissions (a batch worker) reads the file once: after that the bank has it all.
      if ([...planned.values()].every((p) => bank.peek(p.seed, p.key, p.numRuns) !== undefined)) {
        known = count(bank);
        return 0;
      }
      let entries: Entry[];
      try {
        const bytes = readFileSync(file);
        const words = new Float64Array(bytes.length / 8);
        new Uint8Array(words.buffer).set(bytes);
        const data = decodePlain(words) as { format: string; entries: Entry[] };
        if (data.format !== FORMAT || !Array.isArray(data.entries)) return 0;
        entries = data.entries;
      } catch {
        return 0;
      }
      let loaded = 0;
      for (const entry of entries) {
        const p = planned.get(`${entry.key}\u0000${entry.numRuns}`);
        if (p === undefined || bank.peek(p.seed, p.key, p.numRuns) !== undefined || !Array.isArray(entry.args) || entry.args.length !== p.numRuns) continue;
        const arbitrary = p.checks[0]!.check.arbitrary;
        // Only a failing check needs the fast-check Values (to shrink from); drawing them again must give these inputs
        // (checked the first time: the same seed draws the same inputs every time).
        let checked = false;
        const drawn = new Drawn(entry.args, () => {
          const again = drawInputs(arbitrary, p.seed, p.numRuns);
          if (!checked && !deepEqualExact(again.args, entry.args).equal) throw new Error(`the cached inputs of ${p.key} are not what fast-check draws (delete ${file})`);
          checked = true;
          return again.values;
        });
        for (const { id, check } of p.checks) {
          const values = entry.expected[id];
          if (Array.isArray(values) && values.length === entry.args.length) drawn.setExpected(check.expected as Reference, values);
        }
        bank.put(p.seed, p.key, p.numRuns, drawn);
        loaded++;
      }
      known = count(bank);
      return loaded;
    },
    save(bank) {
      if (count(bank) <= known) return;
      const entries: Entry[] = [];
      for (const p of planned.values()) {
        const drawn = bank.peek(p.seed, p.key, p.numRuns);
        if (drawn === undefined) continue;
        const expected: Record<string, unknown[]> = {};
        for (const { id, check } of p.checks) {
          const reference = check.expected as Reference;
          if (complete(drawn, reference)) expected[id] = drawn.knownExpected().get(reference)!;
        }
        entries.push({ key: p.key, numRuns: p.numRuns, args: drawn.args as unknown[][], expected });
      }
      const words = encodePlain({ format: FORMAT, entries });
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temporary, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
        renameSync(temporary, file);
        known = count(bank);
        prune(dir);
      } catch {
        // A cache that cannot be written (read-only checkout, full disk) only costs the next run its time.
        rmSync(temporary, { force: true });
      }
    },
  };
}

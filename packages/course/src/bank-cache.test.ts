import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gradeWithSandbox, InputBank, type ExerciseDefinition, type GradingReport } from '@gatecheck/grading';
import { assembleSubmission, createInProcessSandbox, mistakeFile, referenceFile } from '@gatecheck/grading/testing';
import { bankCache } from './bank-cache.js';
import { courseDefinitions } from './definitions.js';

const IDS = ['01-activations', '02-lstm-gates'];
const timeless = (r: GradingReport) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'timings' || k === 'durationMs' ? undefined : v)));

/** The course's definitions for IDS, with each reference counting its calls. */
function counted(): { definitions: ExerciseDefinition[]; calls: () => number } {
  let n = 0;
  const definitions = courseDefinitions.filter((d) => IDS.includes(d.id)).map((d) => ({
    ...d, functions: d.functions.map((f) => ({ ...f, checks: f.checks.map((c) => ({ ...c, expected: (...a: unknown[]) => { n++; return c.expected(...a); } })) })),
  }));
  return { definitions, calls: () => n };
}

const submission = (files: Record<string, string>) => assembleSubmission({ exercises: Object.fromEntries(IDS.map((id) => [id, {
  [`src/${id.replace(/^\d+-/, '')}.ts`]: files[id] ?? referenceFile(id) }])) });

async function grade(definitions: ExerciseDefinition[], dir: string, bank: InputBank): Promise<GradingReport> {
  const sandbox = await createInProcessSandbox(dir, definitions.map((d) => ({ id: d.id, entry: d.entry })));
  return gradeWithSandbox(definitions, sandbox, { seed: 77, numRuns: 100, bank });
}

describe('bankCache', () => {
  const dirs: string[] = [];
  const cacheDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatecheck-bank-test-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('should let a new process grade without drawing or computing references, to the same report', async () => {
    const dir = cacheDir();
    const correct = submission({});
    const first = counted();
    const bank = new InputBank();
    const before = await grade(first.definitions, correct, bank);
    expect(first.calls()).toBeGreaterThan(0);
    bankCache(first.definitions, 77, 100, dir).save(bank);
    expect(readdirSync(dir)).toHaveLength(1);

    const second = counted();
    const fresh = new InputBank();
    expect(bankCache(second.definitions, 77, 100, dir).load(fresh)).toBeGreaterThan(0);
    const after = await grade(second.definitions, correct, fresh);
    expect(second.calls()).toBe(0);
    expect(timeless(after)).toEqual(timeless(before));
  });

  it('should shrink a failure from loaded inputs exactly as from drawn ones', async () => {
    const dir = cacheDir();
    const first = counted();
    const bank = new InputBank();
    await grade(first.definitions, submission({}), bank);
    bankCache(first.definitions, 77, 100, dir).save(bank);
    const buggy = submission({ '02-lstm-gates': mistakeFile('02-lstm-gates', 'cell-gates-swapped') });
    const fromCache = new InputBank();
    bankCache(first.definitions, 77, 100, dir).load(fromCache);
    const cached = await grade(first.definitions, buggy, fromCache);
    const drawn = await grade(first.definitions, buggy, new InputBank());
    expect(cached.score).toBeLessThan(cached.maxScore);
    expect(timeless(cached)).toEqual(timeless(drawn));
  });

  it('should miss for another seed, ignore a damaged file, and not rewrite a file it adds nothing to', async () => {
    const dir = cacheDir();
    const { definitions } = counted();
    const bank = new InputBank();
    await grade(definitions, submission({}), bank);
    const cache = bankCache(definitions, 77, 100, dir);
    cache.save(bank);
    expect(bankCache(definitions, 78, 100, dir).load(new InputBank())).toBe(0);
    const file = join(dir, readdirSync(dir)[0]!);
    const loaded = new InputBank();
    const again = bankCache(definitions, 77, 100, dir);
    again.load(loaded);
    const written = statSync(file).mtimeMs;
    again.save(loaded);
    expect(statSync(file).mtimeMs).toBe(written);
    writeFileSync(file, 'not a bank');
    expect(bankCache(definitions, 77, 100, dir).load(new InputBank())).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});

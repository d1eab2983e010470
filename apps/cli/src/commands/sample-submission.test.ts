// The README's main job: the bundled sample submission gets the diagnoses samples/README.md promises.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Check { id: string; status: string; diagnosis: string | null; feedback: string }
interface Exercise { id: string; status: string; score: number; maxScore: number; checks: Check[] }

describe('the sample submission', () => {
  // A whole submission through the real sandbox: seconds on an idle machine, far longer on a loaded one.
  it('should be graded with the diagnoses its README lists', { timeout: 300_000 }, () => {
    const r = spawnSync(process.execPath,
      ['--no-warnings', '--import', './scripts/register-ts.mjs', 'apps/cli/src/main.ts', 'grade', '--submission', 'samples/submission', '--format', 'json', '--runs', '40'],
      { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { exercises: Exercise[] };
    const byId = new Map(report.exercises.map((e) => [e.id, e]));
    const diagnoses = (id: string) => new Set(byId.get(id)!.checks.filter((c) => c.status === 'failed').map((c) => c.diagnosis));
    const check = (id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id)!;

    expect(check('01-activations/tanh/robustness')).toMatchObject({ status: 'failed', diagnosis: 'naive-exp-overflow' });
    expect(check('01-activations/sigmoid/robustness').status).toBe('passed');
    expect(check('02-lstm-gates/cellState/correctness')).toMatchObject({ status: 'failed', diagnosis: 'cell-gates-swapped' });
    expect(check('03-lstm-cell/lstmCell/correctness').diagnosis).toBe('cell-gates-swapped');
    expect(check('03-lstm-cell/lstmCell/correctness').feedback).toMatch(/cellState/);
    expect(check('04-gru-gates/gruHidden/correctness')).toMatchObject({ status: 'failed', diagnosis: 'gru-pytorch-interpolation' });
    expect(check('05-gru-cell/gruCell/correctness').diagnosis).toBe('gru-pytorch-interpolation');
    expect(check('05-gru-cell/gruCell/correctness').feedback).toMatch(/gruHidden/);
    expect(diagnoses('06-torch-lstm')).toEqual(new Set(['reverse-not-realigned']));
    expect(byId.get('07-torch-gru')).toMatchObject({ status: 'graded' });
    expect(byId.get('07-torch-gru')!.score).toBe(byId.get('07-torch-gru')!.maxScore);
    const bptt = byId.get('08-bptt')!;
    expect(bptt.score).toBe(0);
    expect(bptt.checks.every((c) => c.status === 'not-implemented')).toBe(true);
  });
});

import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempSubmission, type TempSubmission } from './__test-helpers__/submission.js';
import { bundleExercise, type BundleResult } from './bundle-exercise.js';

const ENTRY = '02-lstm-gates/src/lstm-gates.ts';
const ACTIVATIONS = 'export function sigmoid(x: number): number {\n  return 1 / (1 + Math.exp(-x));\n}\n';

let submission: TempSubmission | undefined;
afterEach(() => submission?.remove());

/** Bundles `02-lstm-gates/src/lstm-gates.ts` holding `source`, next to a correct 01-activations. */
async function bundle(source: string, extra: Record<string, string> = {}): Promise<BundleResult> {
  submission = tempSubmission({ '01-activations/src/activations.ts': ACTIVATIONS, [ENTRY]: source, ...extra });
  const root = realpathSync(submission.dir);
  return bundleExercise(root, join(root, ENTRY));
}

async function errorOf(source: string, extra: Record<string, string> = {}): Promise<string> {
  const result = await bundle(source, extra);
  if (result.ok) throw new Error('expected a build error, the bundle succeeded');
  return result.message;
}

const ONLY_OWN = 'a submission may import only its own files by relative path';

describe('bundleExercise', () => {
  it('should bundle a file importing another exercise\'s entry file and its own helper', async () => {
    const result = await bundle(
      "import { sigmoid } from '../../01-activations/src/activations.js';\nimport { dot } from './helpers.js';\n" +
        'export const gate = (w: number[], x: number[]): number => sigmoid(dot(w, x));\n',
      { '02-lstm-gates/src/helpers.ts': 'export function dot(a: number[], b: number[]) { return a.reduce((s, v, i) => s + v * b[i]!, 0); }\n' },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code).toContain('function sigmoid');
    expect(result.code).toContain('function dot');
    expect(result.bytes).toBe(Buffer.byteLength(result.code));
  });

  it('should not treat type errors as build errors (types are stripped, behaviour is graded)', async () => {
    const result = await bundle("import type { Missing } from 'some-package';\nexport const f = (x: number): string => x as unknown as Missing;\nconst n: number = 'text';\n");
    expect(result).toMatchObject({ ok: true });
  });

  it('should refuse a Node built-in even when unused, naming file:line:col (the spec example)', async () => {
    expect(await errorOf("import * as fs from 'node:fs';\nexport const f = 1;\n"))
      .toBe(`${ENTRY}:1:21: importing "node:fs" is not allowed: ${ONLY_OWN}`);
    expect(await errorOf("export const f = 1;\nimport { readFileSync } from 'fs';\n"))
      .toBe(`${ENTRY}:2:30: importing "fs" is not allowed: ${ONLY_OWN}`);
  });

  it('should refuse packages, URLs and absolute paths', async () => {
    expect(await errorOf("import _ from 'lodash';\nexport const f = _;\n")).toBe(`${ENTRY}:1:15: importing "lodash" is not allowed: ${ONLY_OWN}`);
    expect(await errorOf("export { x } from 'file:///etc/passwd.js';\n")).toBe(`${ENTRY}:1:19: importing "file:///etc/passwd.js" is not allowed: ${ONLY_OWN}`);
    expect(await errorOf("import { x } from '/etc/x.js';\nexport const f = x;\n"))
      .toBe(`${ENTRY}:1:19: importing "/etc/x.js" is not allowed: it is an absolute path; ${ONLY_OWN}`);
  });

  it('should refuse paths that leave the submission folder, also through symbolic links', async () => {
    expect(await errorOf("import { s } from '../../../outside/secret.js';\nexport const f = s;\n"))
      .toBe(`${ENTRY}:1:19: importing "../../../outside/secret.js" is not allowed: it resolves outside the submission folder`);

    submission = tempSubmission({ [ENTRY]: "import { s } from './linked.js';\nexport const f = s;\n" });
    submission.write('../outside/secret.ts', 'export const s = 42;\n');
    submission.link('02-lstm-gates/src/linked.ts', join(submission.outside, 'secret.ts'));
    const root = realpathSync(submission.dir);
    expect(await bundleExercise(root, join(root, ENTRY))).toEqual({
      ok: false,
      message: `${ENTRY}:1:19: importing "./linked.js" is not allowed: 02-lstm-gates/src/linked.ts is a symbolic link to a file outside the submission folder`,
    });
  });

  it('should allow a symbolic link that stays inside the submission', async () => {
    submission = tempSubmission({ '01-activations/src/activations.ts': ACTIVATIONS, [ENTRY]: "import { sigmoid } from './act.js';\nexport const f = sigmoid;\n" });
    submission.link('02-lstm-gates/src/act.ts', join(submission.dir, '01-activations/src/activations.ts'));
    const root = realpathSync(submission.dir);
    expect(await bundleExercise(root, join(root, ENTRY))).toMatchObject({ ok: true });
  });

  it('should refuse dynamic import() and require in every form', async () => {
    const dynamic = 'dynamic import() is not allowed: a submission may import only its own files, with a static import';
    const required = 'require is not allowed: a submission may import only its own files, with a static import';
    expect(await errorOf("export async function f() {\n  return import('./helpers.js');\n}\n")).toBe(`${ENTRY}:2:17: ${dynamic}`);
    expect(await errorOf("const name = 'fs';\nexport async function f() {\n  return import(name);\n}\n")).toBe(`${ENTRY}:3:10: ${dynamic}`);
    expect(await errorOf("export function f() {\n  return require('node:fs');\n}\n")).toBe(`${ENTRY}:2:18: ${required}`);
    expect(await errorOf("const name = 'fs';\nexport function f() {\n  return require(name);\n}\n")).toBe(`${ENTRY}:3:10: ${required}`);
    expect(await errorOf('export function f() {\n  const r = require;\n  return r;\n}\n')).toBe(`${ENTRY}:2:13: ${required}`);
    expect(await errorOf("import fs = require('fs');\nexport const f = fs;\n")).toBe(`${ENTRY}:1:21: ${required}`);
  });

  it('should explain the .js suffix rule for relative imports', async () => {
    expect(await errorOf("import { sigmoid } from '../../01-activations/src/activations.ts';\nexport const f = sigmoid;\n")).toBe(
      `${ENTRY}:1:25: importing "../../01-activations/src/activations.ts" is not allowed: write it with a .js suffix ("../../01-activations/src/activations.js"), which names the .ts file`,
    );
    expect(await errorOf("import { sigmoid } from '../../01-activations/src/activations';\nexport const f = sigmoid;\n")).toBe(
      `${ENTRY}:1:25: importing "../../01-activations/src/activations" is not allowed: a submission may import only its own .ts files, written with a .js suffix (e.g. "./helpers.js")`,
    );
    expect(await errorOf("import { x } from './missing.js';\nexport const f = x;\n"))
      .toBe(`${ENTRY}:1:19: cannot import "./missing.js": 02-lstm-gates/src/missing.ts does not exist`);
  });

  it('should report problems in an imported file at that file, and each problem on its own line', async () => {
    const message = await errorOf("import { h } from './helpers.js';\nimport os from 'os';\nexport const f = h;\n", {
      '02-lstm-gates/src/helpers.ts': "export const h = 1;\nimport * as net from 'node:net';\n",
    });
    expect(message.split('\n').sort()).toEqual([
      `${ENTRY}:2:16: importing "os" is not allowed: ${ONLY_OWN}`,
      `02-lstm-gates/src/helpers.ts:2:22: importing "node:net" is not allowed: ${ONLY_OWN}`,
    ].sort());
  });

  it('should report syntax errors with file:line:col, counting columns in characters', async () => {
    expect(await errorOf('export function f(x: number) {\n  return x +;\n}\n')).toBe(`${ENTRY}:2:13: Unexpected ";"`);
    expect(await errorOf("// é\nconst é = 'ééé'; import os from 'os';\nexport const f = os;\n"))
      .toBe(`${ENTRY}:2:33: importing "os" is not allowed: ${ONLY_OWN}`);
  });

  it('should accept a declaration file standing alone for imported types', async () => {
    const result = await bundle("import { Vector } from './types.js';\nexport const f = (v: Vector): Vector => v;\n", {
      '02-lstm-gates/src/types.d.ts': 'export type Vector = number[];\n',
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('should ignore the submission\'s own tsconfig.json', async () => {
    const result = await bundle("import { sigmoid } from 'act';\nexport const f = sigmoid;\n", {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { act: ['01-activations/src/activations.ts'] } } }),
    });
    expect(result).toEqual({ ok: false, message: `${ENTRY}:1:25: importing "act" is not allowed: ${ONLY_OWN}` });
  });
});

// The PyTorch golden files bundled in packages/kernels/fixtures/pytorch (made by PyTorch 1.13.1 in float64, see
// that folder's README for the script's conventions). Tests name the file next to every value they take from it.
import { readdirSync, readFileSync } from 'node:fs';
import type { Float64Tensor } from '../torch/tensor.js';

export const FIXTURES_DIR = new URL('../../fixtures/pytorch/', import.meta.url);
/** More files in the same format from scripts/make-golden.py (PyTorch 1.13.1, see that folder's README). */
export const EXTRA_FIXTURES_DIR = new URL('../../fixtures/pytorch-extra/', import.meta.url);

export type GoldenJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const goldenFileNames = (dir: URL = FIXTURES_DIR): string[] => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

export const readGolden = (file: string, dir: URL = FIXTURES_DIR): GoldenJson => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as GoldenJson;

/** A golden tensor `{ shape, data }` as a Float64Tensor (null stays null). */
export const goldenTensor = (t: { shape: number[]; data: number[] } | null | undefined): Float64Tensor | null =>
  t ? { shape: [...t.shape], data: Float64Array.from(t.data) } : null;

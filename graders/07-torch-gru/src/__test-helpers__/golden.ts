// Reads the PyTorch golden files the repo keeps in packages/kernels/fixtures/pytorch (format: that folder's
// README.md) and turns their flat tensors into the nested arrays exercise 06/07 take.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Nested = number | Nested[];
interface Encoded { shape: number[]; data: number[] }

export interface GoldenCase {
  file: string;
  config: Record<string, unknown>;
  params: Record<string, number[][] | number[]>;
  inputs: Record<string, Nested | undefined>;
  outputs: Record<string, Nested | undefined>;
}

const fixtures = fileURLToPath(new URL('../../../../packages/kernels/fixtures/pytorch/', import.meta.url));

/** Row-major flat data of `shape` as nested arrays. */
export function unflatten({ shape, data }: Encoded): Nested {
  const build = (axis: number, offset: number): Nested => {
    if (axis === shape.length) return data[offset]!;
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[axis]! }, (_, k) => build(axis + 1, offset + k * stride));
  };
  return build(0, 0);
}

const decode = (record: Record<string, Encoded | null>): Record<string, Nested | undefined> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null ? undefined : unflatten(v)]));

/** Every golden file of `module` (`LSTM` or `GRU`). */
export function goldenCases(module: 'LSTM' | 'GRU'): GoldenCase[] {
  return readdirSync(fixtures).filter((f) => f.endsWith('.json')).flatMap((file) => {
    const raw = JSON.parse(readFileSync(fixtures + file, 'utf8'));
    if (raw.module !== module) return [];
    return [{
      file, config: raw.config,
      params: decode(raw.params) as GoldenCase['params'],
      inputs: decode(raw.inputs), outputs: decode(raw.outputs),
    }];
  });
}

/** Largest |a - b| over two equally nested values; Infinity when shapes differ. */
export function maxAbsDiff(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return Infinity;
  return a.reduce((m: number, v, k) => Math.max(m, maxAbsDiff(v, b[k])), 0);
}

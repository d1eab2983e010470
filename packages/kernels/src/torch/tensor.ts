// Tensors of the Float64 API (a shape plus a row-major Float64Array) and the contract's nested arrays.
import { KernelArgumentError } from './errors.js';

/** Nested arrays, row-major, PyTorch's shapes (shared/spec/exercises.md). */
export type Tensor = number | Tensor[];

/** A dense float64 tensor: `data[i0*stride0 + i1*stride1 + ...]`, C order. */
export interface Float64Tensor {
  shape: number[];
  data: Float64Array;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A tensor of zeros, or one over `data` (checked against the shape). */
export function float64Tensor(shape: readonly number[], data?: Float64Array | readonly number[]): Float64Tensor {
  const size = sizeOf(shape);
  if (data === undefined) return { shape: [...shape], data: new Float64Array(size) };
  if (data.length !== size) throw new KernelArgumentError(`shape [${shape.join(', ')}] is invalid for input of size ${data.length}`);
  return { shape: [...shape], data: data instanceof Float64Array ? data : Float64Array.from(data) };
}

/** PyTorch's way of printing a shape in messages: [2, 3]. */
export const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Reads a rectangular nested array of numbers; `what` names it in errors ("input", "h0"). */
export function fromNested(value: Tensor, what: string): Float64Tensor {
  const shape: number[] = [];
  let probe: Tensor = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0]!;
  }
  const data = new Float64Array(sizeOf(shape));
  let n = 0;
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new KernelArgumentError(`${what}${path} must be a number, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
      data[n++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new KernelArgumentError(`${what}${path} must be an array of length ${shape[depth]} (a rectangular tensor of shape ${shapeText(shape)}), got ${Array.isArray(v) ? `length ${v.length}` : typeof v}`);
    }
    v.forEach((e, k) => walk(e, depth + 1, `${path}[${k}]`));
  };
  walk(value, 0, '');
  return { shape, data };
}

/** The nested-array form of a tensor (a plain number for a 0-d tensor). */
export function toNested(t: Float64Tensor): Tensor {
  let n = 0;
  const build = (depth: number): Tensor => {
    if (depth === t.shape.length) return t.data[n++]!;
    const out: Tensor[] = [];
    for (let k = 0; k < t.shape[depth]!; k++) out.push(build(depth + 1));
    return out;
  };
  return build(0);
}

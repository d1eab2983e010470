// Moving rows between a strided SequenceView (layer-seam.ts) and the dense (s*N + n)-row matrices the GEMMs want,
// where s is the processing step: row s*N + n holds time step t(s) of batch entry n. Plain loops, no subarrays,
// so nothing here allocates.
import type { SequenceView } from '../torch/layer-seam.js';

/** Where a dense row-major matrix lives. */
export interface DenseRows {
  data: Float64Array;
  offset: number;
}

const timeAt = (seqLen: number, reverse: boolean, s: number): number => (reverse ? seqLen - 1 - s : s);

/**
 * The sequence as an (L*N x width) matrix in processing order: the view itself when it already is one (forward
 * direction, time-major, contiguous), else a copy into `dst`.
 */
export function denseRows(v: SequenceView, seqLen: number, batch: number, width: number, reverse: boolean, dst: Float64Array): DenseRows {
  if (isDense(v, seqLen, batch, width, reverse)) return { data: v.data, offset: v.offset };
  copyRowsIn(v, seqLen, batch, width, reverse, dst, 0);
  return { data: dst, offset: 0 };
}

/** Whether the view already is the dense processing-order matrix (forward direction, time-major, contiguous). */
function isDense(v: SequenceView, seqLen: number, batch: number, width: number, reverse: boolean): boolean {
  return (batch <= 1 || v.strideN === width) && (seqLen <= 1 || (v.strideT === batch * width && !reverse));
}

/** dst[dstOff + (s*N + n)*width + k] = v[t(s), n, k]: the sequence as dense processing-order rows, copied. */
export function copyRowsIn(v: SequenceView, seqLen: number, batch: number, width: number, reverse: boolean, dst: Float64Array, dstOff: number): void {
  if (isDense(v, seqLen, batch, width, reverse)) {
    dst.set(v.data.subarray(v.offset, v.offset + seqLen * batch * width), dstOff);
    return;
  }
  for (let s = 0; s < seqLen; s++) {
    const t = timeAt(seqLen, reverse, s);
    for (let n = 0; n < batch; n++) {
      const from = v.offset + t * v.strideT + n * v.strideN;
      const to = dstOff + (s * batch + n) * width;
      for (let k = 0; k < width; k++) dst[to + k] = v.data[from + k]!;
    }
  }
}

/** v[t(s), n, :] = src rows s*N + n (one step, every batch entry). */
export function writeStep(src: Float64Array, srcOff: number, v: SequenceView, t: number, batch: number, width: number): void {
  for (let n = 0; n < batch; n++) {
    const to = v.offset + t * v.strideT + n * v.strideN;
    const from = srcOff + n * width;
    for (let k = 0; k < width; k++) v.data[to + k] = src[from + k]!;
  }
}

/** dst rows (N x width at dstOff) += v[t, n, :]. */
export function addStep(dst: Float64Array, dstOff: number, v: SequenceView, t: number, batch: number, width: number): void {
  for (let n = 0; n < batch; n++) {
    const from = v.offset + t * v.strideT + n * v.strideN;
    const to = dstOff + n * width;
    for (let k = 0; k < width; k++) dst[to + k]! += v.data[from + k]!;
  }
}

/** v[t(s), n, :] += src row s*N + n (rows starting at srcOff), for every step. */
export function addRowsInto(src: Float64Array, v: SequenceView, seqLen: number, batch: number, width: number, reverse: boolean, srcOff = 0): void {
  for (let s = 0; s < seqLen; s++) {
    const t = timeAt(seqLen, reverse, s);
    for (let n = 0; n < batch; n++) {
      const to = v.offset + t * v.strideT + n * v.strideN;
      const from = srcOff + (s * batch + n) * width;
      for (let k = 0; k < width; k++) v.data[to + k]! += src[from + k]!;
    }
  }
}

/** out[j] += Σ_r src[srcOff + r*width + j] for r < rows: a bias gradient from a block of per-row gradients. */
export function addColumnSums(out: Float64Array, src: Float64Array, rows: number, width: number, srcOff = 0): void {
  for (let r = 0; r < rows; r++) {
    const row = srcOff + r * width;
    for (let j = 0; j < width; j++) out[j]! += src[row + j]!;
  }
}

/** v[t(s), n, :] = src rows s*N + n, for every step (y from the dense rows of h). */
export function writeRows(src: Float64Array, v: SequenceView, seqLen: number, batch: number, width: number, reverse: boolean): void {
  for (let s = 0; s < seqLen; s++) writeStep(src, s * batch * width, v, timeAt(seqLen, reverse, s), batch, width);
}

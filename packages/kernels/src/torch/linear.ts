// Readable dense helpers on row-major Float64Array matrices with explicit offsets; the hot loops of the reference
// layers. Every function ADDS into its output.

/** out[oOff + r] += Σ_k W[r*cols + k] * v[vOff + k], for r < rows. */
export function addMatVec(out: Float64Array, oOff: number, W: Float64Array, rows: number, cols: number, v: Float64Array, vOff: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const row = r * cols;
    for (let k = 0; k < cols; k++) s += W[row + k]! * v[vOff + k]!;
    out[oOff + r]! += s;
  }
}

/** out[oOff + k] += Σ_r W[r*cols + k] * d[dOff + r], for k < cols: the transpose product of backward passes. */
export function addMatTVec(out: Float64Array, oOff: number, W: Float64Array, rows: number, cols: number, d: Float64Array, dOff: number): void {
  for (let r = 0; r < rows; r++) {
    const dr = d[dOff + r]!;
    if (dr === 0) continue;
    const row = r * cols;
    for (let k = 0; k < cols; k++) out[oOff + k]! += W[row + k]! * dr;
  }
}

/** G[r*cols + k] += d[dOff + r] * v[vOff + k]: a weight gradient's outer product. */
export function addOuter(G: Float64Array, rows: number, cols: number, d: Float64Array, dOff: number, v: Float64Array, vOff: number): void {
  for (let r = 0; r < rows; r++) {
    const dr = d[dOff + r]!;
    if (dr === 0) continue;
    const row = r * cols;
    for (let k = 0; k < cols; k++) G[row + k]! += dr * v[vOff + k]!;
  }
}

/** out[oOff + k] += v[vOff + k], for k < n. */
export function addInto(out: Float64Array, oOff: number, v: Float64Array, vOff: number, n: number): void {
  for (let k = 0; k < n; k++) out[oOff + k]! += v[vOff + k]!;
}

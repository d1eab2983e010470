// Grow-only scratch buffers for the fast kernels: a layer call takes what it needs here instead of allocating, so
// repeated calls (a grader's hundreds of small runs, a training loop) stop allocating once sizes settle. Safe
// because the kernels are synchronous and no scratch buffer outlives the call that filled it; what must outlive a
// call (the tape, the outputs) is allocated per call or owned by the caller.

const pool = new Map<string, Float64Array>();

/**
 * A buffer of at least `size` elements for `slot`, with arbitrary contents. Each slot is one purpose inside one
 * call; two live buffers must use two slots.
 */
export function scratch(slot: string, size: number): Float64Array {
  const buf = pool.get(slot);
  if (buf && buf.length >= size) return buf;
  // Grow by half again so a slowly increasing size does not reallocate on every call.
  const grown = new Float64Array(Math.max(size, Math.ceil((buf?.length ?? 0) * 1.5)));
  pool.set(slot, grown);
  return grown;
}

/** Drops every scratch buffer (after one very large call, to give the memory back). */
export function releaseScratch(): void {
  pool.clear();
}

// Each check gets its own fast-check seed derived from the run's seed and the check id, so adding, removing or
// filtering checks (`--check`) never changes the inputs another check sees: a replay reproduces exactly.

/** A 32-bit seed for `checkId` under the run's `seed` (FNV-1a over both, then an avalanche step). */
export function deriveSeed(seed: number, checkId: string): number {
  let hash = 0x811c9dc5;
  const text = `${seed}\u0000${checkId}`;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

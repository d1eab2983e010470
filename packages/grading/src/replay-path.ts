// fast-check replay paths (`3:0:0:0:1`) can run to hundreds of entries when shrinking walks a long way, mostly
// repeats. Reports and replay commands print them run-length encoded (`3:3x0:1`, "three times 0"); `--path`
// accepts either form. `x` rather than `*`: a shell leaves it alone, so the command needs no quotes.

/** Longest path `expandPath` builds: far beyond any shrink fast-check performs, small enough to refuse `999999999x0`. */
export const MAX_PATH_ENTRIES = 100_000;

/** Run-length form of a fast-check path: a run of three or more equal entries `n` becomes `<count>xn`. Lossless. */
export function compactPath(path: string): string {
  if (path === '') return path;
  const entries = path.split(':');
  const out: string[] = [];
  for (let k = 0; k < entries.length;) {
    let end = k + 1;
    while (end < entries.length && entries[end] === entries[k]) end++;
    const count = end - k;
    // `0:0` is no longer than `2x0`: only longer runs are worth the notation.
    out.push(...(count >= 3 ? [`${count}x${entries[k]}`] : entries.slice(k, end)));
    k = end;
  }
  return out.join(':');
}

export type ExpandedPath = { ok: true; path: string } | { ok: false; reason: string };

/** fast-check's plain path from either form (`3:3x0:1` or `3:0:0:0:1`), or why it is not a path. */
export function expandPath(text: string): ExpandedPath {
  const entries: string[] = [];
  for (const part of text.split(':')) {
    const m = /^(?:(\d+)x)?(\d+)$/.exec(part);
    if (m === null) return { ok: false, reason: `"${part}" is neither an entry like 3 nor a run like 12x0` };
    const count = m[1] === undefined ? 1 : Number(m[1]);
    if (count < 1) return { ok: false, reason: `"${part}" repeats an entry ${m[1]} times` };
    if (entries.length + count > MAX_PATH_ENTRIES) return { ok: false, reason: `it is longer than ${MAX_PATH_ENTRIES} entries` };
    for (let k = 0; k < count; k++) entries.push(m[2]!);
  }
  return { ok: true, path: entries.join(':') };
}

// Finds pairs of submissions whose normalised token streams share long runs, in three steps:
// 1. mark what must not count: token runs that also occur in the stub template (everyone's signatures) and runs
//    that most of the class shares (a standard idiom is not evidence of copying);
// 2. index every k-token run, and keep as candidates the pairs that share enough distinct runs;
// 3. on each candidate pair run greedy string tiling (JPlag's algorithm), whose tiles are the shared regions;
//    the score is the share of both submissions' counted tokens that the tiles cover.
import type { SourceFile, Submission } from './load.js';

export interface CompareOptions {
  /** Shortest run of tokens that counts as shared (default 16). Shorter runs are common in honest code. */
  minMatch?: number;
  /**
   * Shortest run of tokens matched against the stub template to exclude it (default 10). Shorter than `minMatch`
   * so that a signature broken up by a student's own code still counts as the template's.
   */
  templateMatch?: number;
  /** Pairs scoring at least this are reported (default 0.5). */
  threshold?: number;
  /**
   * A run found in more than this share of the submissions (and in more than 5 of them) is everyone's code,
   * not a pair's, and is ignored (default 0.2).
   */
  commonShare?: number;
  /** Submissions with fewer counted tokens than this are not compared (default 40): nothing to judge on. */
  minTokens?: number;
}

export interface RegionSide {
  file: string;
  startLine: number;
  endLine: number;
  /** The source lines of the region, as the student wrote them. */
  code: string;
}

export interface SharedRegion {
  a: RegionSide;
  b: RegionSide;
  /** Normalised tokens in the region. */
  tokens: number;
}

export interface SimilarPair {
  a: string;
  b: string;
  /** Share of both submissions' counted tokens inside shared regions, 0..1. */
  score: number;
  /** Counted tokens (template and class-wide code excluded) of each, and the tokens the regions cover. */
  tokens: { a: number; b: number; shared: number };
  regions: SharedRegion[];
}

interface Stream {
  id: string;
  files: SourceFile[];
  /** Per token: interned kind, file index, token index in the file. */
  kind: Int32Array;
  file: Int32Array;
  index: Int32Array;
  /** Tokens that never count (template or class-wide runs). */
  excluded: Uint8Array;
  counted: number;
}

function buildStream(sub: Submission, intern: Map<string, number>): Stream {
  const total = sub.files.reduce((n, f) => n + f.tokens.length, 0);
  const kind = new Int32Array(total), file = new Int32Array(total), index = new Int32Array(total);
  let p = 0;
  sub.files.forEach((f, fi) => {
    f.tokens.forEach((t, ti) => {
      let id = intern.get(t.kind);
      if (id === undefined) intern.set(t.kind, (id = intern.size + 1));
      kind[p] = id;
      file[p] = fi;
      index[p] = ti;
      p++;
    });
  });
  return { id: sub.id, files: sub.files, kind, file, index, excluded: new Uint8Array(total), counted: total };
}

/** Hash of the k tokens from `start` (all in one file), or -1 when they cross a file boundary. */
function runHashes(s: Stream, k: number): Float64Array {
  const n = s.kind.length;
  const out = new Float64Array(Math.max(0, n - k + 1)).fill(-1);
  // Polynomial hash mod a prime below 2^31, exact in doubles; equal hashes are verified before use.
  const MOD = 2147483629, BASE = 1000003;
  let pow = 1;
  for (let i = 0; i < k - 1; i++) pow = (pow * BASE) % MOD;
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (i >= k) h = (h - ((s.kind[i - k]! * pow) % MOD) + MOD) % MOD;
    h = (h * BASE + s.kind[i]!) % MOD;
    const start = i - k + 1;
    if (start >= 0 && s.file[start] === s.file[i]) out[start] = h;
  }
  return out;
}

function sameRun(a: Stream, i: number, b: Stream, j: number, k: number): boolean {
  for (let t = 0; t < k; t++) if (a.kind[i + t] !== b.kind[j + t]) return false;
  return true;
}

/** Marks every token of `s` covered by a run whose hash is in `hashes` (and whose tokens truly match one there). */
function excludeRuns(s: Stream, hashes: Float64Array, k: number, isExcluded: (h: number, at: number) => boolean): void {
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    if (h >= 0 && isExcluded(h, i)) for (let t = 0; t < k; t++) s.excluded[i + t] = 1;
  }
}

interface Tile { a: number; b: number; length: number }

/** Greedy string tiling: repeatedly take the longest runs common to both, unmarked and within one file each. */
function tile(a: Stream, b: Stream, minMatch: number): Tile[] {
  const markA = Uint8Array.from(a.excluded), markB = Uint8Array.from(b.excluded);
  const hashesA = runHashes(a, minMatch), hashesB = runHashes(b, minMatch);
  const tiles: Tile[] = [];
  for (;;) {
    const table = new Map<number, number[]>();
    for (let j = 0; j < hashesB.length; j++) {
      if (hashesB[j]! < 0 || markB[j] || markB[j + minMatch - 1]) continue;
      let free = true;
      for (let t = 0; t < minMatch && free; t++) if (markB[j + t]) free = false;
      if (!free) continue;
      const list = table.get(hashesB[j]!);
      if (list) list.push(j);
      else table.set(hashesB[j]!, [j]);
    }
    let best = 0;
    let matches: Tile[] = [];
    for (let i = 0; i < hashesA.length; i++) {
      if (hashesA[i]! < 0 || markA[i]) continue;
      const list = table.get(hashesA[i]!);
      if (!list) continue;
      for (const j of list) {
        let len = 0;
        while (i + len < a.kind.length && j + len < b.kind.length && !markA[i + len] && !markB[j + len] &&
          a.kind[i + len] === b.kind[j + len] && a.file[i + len] === a.file[i] && b.file[j + len] === b.file[j]) len++;
        if (len < minMatch) continue;
        if (len > best) { best = len; matches = [{ a: i, b: j, length: len }]; }
        else if (len === best) matches.push({ a: i, b: j, length: len });
      }
    }
    if (best < minMatch) break;
    for (const m of matches) {
      let free = true;
      for (let t = 0; t < m.length && free; t++) if (markA[m.a + t] || markB[m.b + t]) free = false;
      if (!free) continue;
      for (let t = 0; t < m.length; t++) { markA[m.a + t] = 1; markB[m.b + t] = 1; }
      tiles.push(m);
    }
  }
  return tiles.sort((x, y) => x.a - y.a);
}

function side(s: Stream, from: number, length: number): RegionSide {
  const f = s.files[s.file[from]!]!;
  const first = f.tokens[s.index[from]!]!, last = f.tokens[s.index[from + length - 1]!]!;
  const lines = f.text.split('\n');
  return { file: f.path, startLine: first.line, endLine: last.endLine, code: lines.slice(first.line - 1, last.endLine).join('\n') };
}

/** Tiles that follow each other in both submissions (with only uncounted tokens between) read as one region. */
function regions(a: Stream, b: Stream, tiles: Tile[]): SharedRegion[] {
  const merged: { a: number; b: number; aEnd: number; bEnd: number; tokens: number }[] = [];
  for (const t of tiles) {
    const last = merged.at(-1);
    const gapOk = (s: Stream, from: number, to: number) => {
      if (to < from || s.file[from - 1] !== s.file[to]) return false;
      for (let p = from; p < to; p++) if (!s.excluded[p]) return false;
      return true;
    };
    if (last && t.b >= last.bEnd && gapOk(a, last.aEnd, t.a) && gapOk(b, last.bEnd, t.b)) {
      last.aEnd = t.a + t.length;
      last.bEnd = t.b + t.length;
      last.tokens += t.length;
    } else merged.push({ a: t.a, b: t.b, aEnd: t.a + t.length, bEnd: t.b + t.length, tokens: t.length });
  }
  return merged.map((m) => ({ a: side(a, m.a, m.aEnd - m.a), b: side(b, m.b, m.bEnd - m.b), tokens: m.tokens }));
}

/**
 * Compares every pair of `submissions` and returns those scoring at least the threshold, highest first.
 * `template` is the stub handout: runs of its tokens never count.
 */
export function findSimilarPairs(submissions: Submission[], template: Submission | null, options: CompareOptions = {}): SimilarPair[] {
  const minMatch = options.minMatch ?? 16;
  const threshold = options.threshold ?? 0.5;
  const commonShare = options.commonShare ?? 0.2;
  const minTokens = options.minTokens ?? 40;
  const intern = new Map<string, number>();
  const streams = submissions.map((s) => buildStream(s, intern));
  const hashes = streams.map((s) => runHashes(s, minMatch));

  if (template) {
    const k = options.templateMatch ?? 10;
    const t = buildStream(template, intern);
    const byHash = new Map<number, number[]>();
    runHashes(t, k).forEach((h, i) => {
      if (h < 0) return;
      const list = byHash.get(h);
      if (list) list.push(i);
      else byHash.set(h, [i]);
    });
    streams.forEach((s) => excludeRuns(s, runHashes(s, k), k, (h, at) => (byHash.get(h) ?? []).some((ti) => sameRun(s, at, t, ti, k))));
  }

  // Which submissions hold each run (hash collisions only make a pair a candidate; tiling verifies tokens).
  const holders = new Map<number, number[]>();
  hashes.forEach((hs, si) => {
    const seen = new Set<number>();
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i]!;
      if (h < 0 || seen.has(h)) continue;
      seen.add(h);
      const list = holders.get(h);
      if (list) list.push(si);
      else holders.set(h, [si]);
    }
  });
  const commonLimit = Math.max(5, Math.ceil(commonShare * submissions.length));
  const common = new Set<number>();
  for (const [h, list] of holders) if (list.length > commonLimit) common.add(h);
  if (common.size > 0) streams.forEach((s, si) => excludeRuns(s, hashes[si]!, minMatch, (h) => common.has(h)));
  for (const s of streams) s.counted = s.excluded.reduce((n, e) => n + (e ? 0 : 1), 0);

  // Candidates: pairs sharing distinct runs that are neither template nor class-wide.
  const distinct = streams.map((s, si) => {
    const set = new Set<number>();
    hashes[si]!.forEach((h, i) => { if (h >= 0 && !s.excluded[i]) set.add(h); });
    return set;
  });
  const shared = new Map<number, number>();
  const n = streams.length;
  for (const [h, list] of holders) {
    if (common.has(h) || list.length < 2) continue;
    for (let x = 0; x < list.length; x++) {
      if (!distinct[list[x]!]!.has(h)) continue;
      for (let y = x + 1; y < list.length; y++) {
        if (!distinct[list[y]!]!.has(h)) continue;
        const key = list[x]! * n + list[y]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }

  const pairs: SimilarPair[] = [];
  for (const [key, count] of shared) {
    const x = Math.floor(key / n), y = key % n;
    const a = streams[x]!, b = streams[y]!;
    if (a.counted < minTokens || b.counted < minTokens) continue;
    // A pair can only reach the threshold if enough of the smaller one's runs are shared; skip the rest cheaply.
    const smaller = Math.min(distinct[x]!.size, distinct[y]!.size);
    if (smaller === 0 || count / smaller < threshold / 2) continue;
    const tiles = tile(a, b, minMatch);
    const covered = tiles.reduce((s, t) => s + t.length, 0);
    const score = (2 * covered) / (a.counted + b.counted);
    if (covered === 0 || score < threshold) continue;
    pairs.push({ a: a.id, b: b.id, score, tokens: { a: a.counted, b: b.counted, shared: covered }, regions: regions(a, b, tiles) });
  }
  return pairs.sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1));
}

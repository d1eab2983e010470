// How `gatecheck similarity` shows its pairs: a text view with the shared regions side by side, or JSON.
import type { SimilarPair } from './compare.js';

export interface SimilarityRun {
  /** Submissions compared. */
  submissions: number;
  threshold: number;
  /** The template folder whose code was excluded, or null. */
  template: string | null;
  pairs: SimilarPair[];
}

export function formatJson(run: SimilarityRun): string {
  return `${JSON.stringify({ schemaVersion: 1, ...run }, null, 2)}\n`;
}

/** Longest side-by-side excerpt per region; the JSON output has every line. */
const MAX_LINES = 14;
const COLUMN = 58;

function clip(line: string, width: number): string {
  const flat = line.replace(/\t/g, '  ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat.padEnd(width);
}

function sideBySide(a: { startLine: number; code: string }, b: { startLine: number; code: string }): string[] {
  const left = a.code.split('\n'), right = b.code.split('\n');
  const rows = Math.max(left.length, right.length);
  const shown = Math.min(rows, MAX_LINES);
  const numW = String(Math.max(a.startLine + left.length, b.startLine + right.length)).length;
  const out: string[] = [];
  for (let i = 0; i < shown; i++) {
    const l = i < left.length ? `${String(a.startLine + i).padStart(numW)} ${clip(left[i]!, COLUMN)}` : ' '.repeat(numW + 1 + COLUMN);
    const r = i < right.length ? `${String(b.startLine + i).padStart(numW)} ${clip(right[i]!, COLUMN).trimEnd()}` : '';
    out.push(`    ${l} │ ${r}`.trimEnd());
  }
  if (rows > shown) out.push(`    … ${rows - shown} more line${rows - shown === 1 ? '' : 's'} (see --format json)`);
  return out;
}

export function formatText(run: SimilarityRun): string {
  const head = `${run.pairs.length} pair${run.pairs.length === 1 ? '' : 's'} at or above ${run.threshold} among ${run.submissions} submissions` +
    (run.template ? ` (code from the template ${run.template} excluded)` : ' (no template given: stub code counts)');
  const out = [head];
  if (run.pairs.length > 0) out.push('Similar code is a reason to look, not proof of copying: read the regions before concluding anything.');
  run.pairs.forEach((p, n) => {
    out.push('', `#${n + 1}  ${p.a} ↔ ${p.b}  score ${p.score.toFixed(2)}  (${p.tokens.shared} shared tokens of ${p.tokens.a} and ${p.tokens.b})`);
    p.regions.forEach((r, k) => {
      out.push(`  region ${k + 1}: ${p.a}/${r.a.file}:${r.a.startLine}-${r.a.endLine}  ↔  ${p.b}/${r.b.file}:${r.b.startLine}-${r.b.endLine}  (${r.tokens} tokens)`);
      out.push(...sideBySide(r.a, r.b));
    });
  });
  return `${out.join('\n')}\n`;
}

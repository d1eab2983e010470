// Small Markdown helpers for the comment and check run. Text that may come from a student (feedback quoting
// a thrown message, a build error quoting their code) only ever goes into a fenced block, where GitHub renders
// no HTML, no mentions and no markers.

/** GitHub's limit on a comment body and on a check run's summary and text. */
export const GITHUB_TEXT_LIMIT = 65_535;

/** `41.5`, `80`, `0.33`: at most two decimals, no trailing zeros. */
export function formatScore(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A fenced block that no backtick run inside `text` can close early. */
export function fenced(text: string, info = 'text'): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

/** Inline code for trusted, short names (paths, ids); backticks inside are widened around. */
export function code(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return longest > 0 ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

/** Cuts `text` to at most `max` characters, saying how much was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `\n… (${text.length - max} more characters; replay locally to see everything)`;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

/** Escapes text for a table cell or summary line (no HTML, no pipes, no line breaks). */
export function cell(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

// Turns TypeScript source into the token stream similarity works on: the compiler's own scanner reads it
// (strings, templates, regular expressions and comments exactly as tsc does), then layout and comments are
// dropped and every name and literal is abstracted, so renaming and reformatting change nothing.
import ts from 'typescript';

export interface Token {
  /** Normalised text: `ID` for any name, `LIT` for any literal, keywords and punctuation as written. */
  kind: string;
  /** 1-based line of the token's first and last character in its file. */
  line: number;
  endLine: number;
  /** Character offsets in the file, for quoting the code. */
  start: number;
  end: number;
}

const LITERALS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral, ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail,
]);

/**
 * Spellings that differ without changing the program: `let`/`const`/`var` declare alike, and a semicolon or a
 * trailing comma is a formatter's choice. Mapped or dropped so a reformatted copy reads as the same stream.
 */
const SAME_AS: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.LetKeyword]: 'DECL', [ts.SyntaxKind.ConstKeyword]: 'DECL', [ts.SyntaxKind.VarKeyword]: 'DECL',
};

/** After these a `/` divides; anywhere else it starts a regular expression. */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.PrivateIdentifier, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral, ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken, ts.SyntaxKind.ExclamationToken,
]);

const CLOSERS = new Set<ts.SyntaxKind>([ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken]);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function tokenize(source: string): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  const starts = lineStarts(source);
  const raw: { kind: ts.SyntaxKind; start: number; end: number }[] = [];
  // Template literals nest: `${` opens a substitution whose closing `}` must be re-read as template text.
  const braces: ('brace' | 'template')[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (;;) {
    let kind = scanner.scan();
    if (kind === ts.SyntaxKind.EndOfFileToken) break;
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && (previous === undefined || !ENDS_EXPRESSION.has(previous))) {
      kind = scanner.reScanSlashToken();
    } else if (kind === ts.SyntaxKind.CloseBraceToken && braces.at(-1) === 'template') {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateTail) braces.pop();
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      braces.push('template');
    } else if (kind === ts.SyntaxKind.OpenBraceToken) {
      braces.push('brace');
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      braces.pop();
    }
    raw.push({ kind, start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    previous = kind;
  }
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const { kind, start, end } = raw[i]!;
    if (kind === ts.SyntaxKind.SemicolonToken) continue;
    if (kind === ts.SyntaxKind.CommaToken && raw[i + 1] && CLOSERS.has(raw[i + 1]!.kind)) continue;
    if (kind === ts.SyntaxKind.ConflictMarkerTrivia || kind === ts.SyntaxKind.ShebangTrivia) continue;
    let text: string;
    if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) text = 'ID';
    else if (LITERALS.has(kind)) text = 'LIT';
    else text = SAME_AS[kind] ?? ts.tokenToString(kind) ?? ts.SyntaxKind[kind];
    tokens.push({ kind: text, start, end, line: lineOf(starts, start), endLine: lineOf(starts, Math.max(start, end - 1)) });
  }
  return tokens;
}

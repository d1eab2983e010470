// Where each exported name is declared in an entry file, as 1-based line spans (for GitHub annotations that
// point at the function a check failed on). Uses the TypeScript parser, so comments, strings, regular
// expressions and type syntax never confuse it. The module is passed in: loading TypeScript is slow, and
// the sandbox does it on a worker thread in parallel with bundling.
import type TypeScript from 'typescript';
import type { EntrySpans, LineSpan } from './runtime/protocol.js';

export function findExportSpans(ts: typeof TypeScript, source: string, fileName: string): EntrySpans {
  // No parent pointers: nothing here walks up the tree, and setting them was a third of the parse. No JSDoc either:
  // spans start at a declaration's first token, after its comments (a tenth to a quarter of the parse).
  const file = ts.createSourceFile(fileName, source,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
  const span = (node: TypeScript.Node): LineSpan => ({
    startLine: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
    endLine: file.getLineAndCharacterOfPosition(node.getEnd()).line + 1,
  });
  const merge = (a: LineSpan | undefined, b: LineSpan): LineSpan =>
    a ? { startLine: Math.min(a.startLine, b.startLine), endLine: Math.max(a.endLine, b.endLine) } : b;
  const hasModifier = (node: TypeScript.Node, kind: TypeScript.SyntaxKind): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

  // Local declarations by name, for `export { f }` and `export { g as f }`.
  const locals = new Map<string, LineSpan>();
  const byName: Record<string, LineSpan> = {};
  let star: LineSpan | null = null;

  for (const statement of file.statements) {
    if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) continue;
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword) && !hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      // Overloads and the implementation are separate statements: one span covers them all.
      const name = statement.name.text;
      locals.set(name, merge(locals.get(name), span(statement)));
      if (exported) byName[name] = merge(byName[name], span(statement));
    } else if (ts.isVariableStatement(statement)) {
      const declarations = statement.declarationList.declarations;
      for (const declaration of declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        // With one declarator the statement's span includes `export const`; with several, each its own.
        const where = declarations.length === 1 ? span(statement) : span(declaration);
        locals.set(declaration.name.text, where);
        if (exported) byName[declaration.name.text] = where;
      }
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      locals.set(statement.name.text, span(statement));
      if (exported) byName[statement.name.text] = span(statement);
    }
  }

  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const clause = statement.exportClause;
    if (!clause) {
      star ??= span(statement);
      continue;
    }
    if (!ts.isNamedExports(clause)) continue;
    for (const specifier of clause.elements) {
      if (specifier.isTypeOnly) continue;
      const exportedName = specifier.name.text;
      const localName = (specifier.propertyName ?? specifier.name).text;
      // Re-exported from another file (or an imported binding): the export statement is what this file has.
      const local = statement.moduleSpecifier ? undefined : locals.get(localName);
      byName[exportedName] = local ?? span(statement);
    }
  }
  return { byName, star };
}

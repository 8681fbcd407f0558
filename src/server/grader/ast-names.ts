// The small ESTree vocabulary the grader's source checks share (global-writes.ts, runtime-shadow.ts):
// what a node is, which node types open a function scope, and the names a binding pattern declares.
// Works on the trees of vite's parseAst for TypeScript and for compiled JavaScript alike.

export type AstNode = { type: string; [key: string]: unknown };

export const isNode = (v: unknown): v is AstNode => typeof v === 'object' && v !== null && typeof (v as AstNode).type === 'string';

/** Node types that open a function scope. */
export const FUNCTION_TYPES: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Adds to `out` every name a binding pattern declares (`a`, `{ b, c: d }`, `[e, ...f]`, `g = 1`, TS parameter properties). */
export function patternNames(node: unknown, out: Set<string>): void {
  if (!isNode(node)) return;
  switch (node.type) {
    case 'Identifier':
      out.add(node['name'] as string);
      return;
    case 'ObjectPattern':
      for (const p of node['properties'] as AstNode[]) patternNames(p.type === 'RestElement' ? p['argument'] : p['value'], out);
      return;
    case 'ArrayPattern':
      for (const el of node['elements'] as unknown[]) patternNames(el, out);
      return;
    case 'RestElement':
      patternNames(node['argument'], out);
      return;
    case 'AssignmentPattern':
      patternNames(node['left'], out);
      return;
    case 'TSParameterProperty':
      patternNames(node['parameter'], out);
  }
}

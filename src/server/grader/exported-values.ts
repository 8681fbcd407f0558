// Which values a module the exercise provides (the reference library, a read-only starter file)
// exports, and the footer the sandbox plugin appends to it so that they are frozen inside the
// sandboxed fork as soon as the module has run (freeze-exports.ts says why). Runs in the trusted
// main process.
import { parseAst } from 'vite';

type Node = { type: string; [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';

function declaredNames(node: unknown, out: string[]): void {
  if (!isNode(node)) return;
  switch (node.type) {
    case 'Identifier':
      out.push(node['name'] as string);
      return;
    case 'ObjectPattern':
      for (const p of node['properties'] as Node[]) declaredNames(p.type === 'RestElement' ? p['argument'] : p['value'], out);
      return;
    case 'ArrayPattern':
      for (const el of node['elements'] as unknown[]) declaredNames(el, out);
      return;
    case 'RestElement':
      declaredNames(node['argument'], out);
      return;
    case 'AssignmentPattern':
      declaredNames(node['left'], out);
  }
}

/**
 * Names of the values a module declares at its top level and exports (classes, functions,
 * variables), read from its TypeScript or JavaScript source. Types, ambient declarations and
 * re-exports are left out: re-exported values are frozen by the module that declares them.
 */
export function exportedValueNames(code: string, path: string): string[] {
  const program = parseAst(code, { lang: /\.[cm]?ts$/.test(path) ? 'ts' : 'js', sourceType: 'module' }, path) as unknown as Node;
  const values = new Set<string>();
  const exported = new Set<string>();
  for (const raw of program['body'] as Node[]) {
    const isExport = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration';
    const statement = isExport && isNode(raw['declaration']) ? raw['declaration'] : raw;
    if (statement['declare'] === true) continue;
    const names: string[] = [];
    if (statement.type === 'VariableDeclaration') for (const d of statement['declarations'] as Node[]) declaredNames(d['id'], names);
    else if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && isNode(statement['id']) && statement['body'] !== null) {
      names.push(statement['id']['name'] as string);
    }
    for (const name of names) {
      values.add(name);
      if (isExport) exported.add(name);
    }
    if (raw.type === 'ExportNamedDeclaration' && raw['source'] === null && raw['exportKind'] !== 'type') {
      for (const s of raw['specifiers'] as Node[]) {
        const local = s['local'] as Node;
        if (s['exportKind'] !== 'type' && local.type === 'Identifier') exported.add(local['name'] as string);
      }
    }
  }
  return [...exported].filter((name) => values.has(name));
}

/** What the sandbox plugin appends to a module: a call of freeze-exports.ts with each exported value. */
export function freezeFooter(names: readonly string[], helperPath: string): string {
  if (names.length === 0) return '';
  return `\n;import { freezeModuleExports as __practicumFreezeExports } from ${JSON.stringify(helperPath)};\n__practicumFreezeExports([${names.join(', ')}]);\n`;
}


// Second line of defence behind static-check.ts, applied to the compiled code of every learner
// file whatever the static checks said: a learner module must not reach the realm's global object
// or the runner's state, because with `globalThis.__vitest_worker__` (or `process.send`) it can
// rewrite the task results the sandboxed fork reports (tried: full credit for a wrong answer when
// the static checks were off). So each dangerous global name the file mentions is bound to
// undefined at the top of the module, and vite's module-wrapper helpers (`__vite_ssr_import__`,
// `__vite_ssr_dynamic_import__` ...), which a module could call to import anything, are refused,
// as is any write to a global variable (global-writes.ts), which would change the global object
// the runner and the hidden tests share.
import { parseAst } from 'vite';
import { findGlobalWrites, globalWriteMessage } from './global-writes.ts';
import { isShadowCandidate } from './learner-globals.ts';

import { FUNCTION_TYPES, isNode, patternNames, type AstNode } from './ast-names.ts';

export interface RuntimeShadow {
  /** Why the file cannot run, if it mentions a module-wrapper helper. */
  refused?: string;
  /** Names to bind to undefined at module level. */
  names: string[];
}

const WRAPPER_HELPER = /^__vite_ssr_/;


/** Names declared in module scope: top-level declarations, imports, and `var`s outside functions. */
function moduleScopeNames(program: AstNode): Set<string> {
  const names = new Set<string>();
  const declare = (statement: AstNode): void => {
    const target = statement.type.startsWith('Export') && isNode(statement['declaration']) ? statement['declaration'] : statement;
    if (target.type === 'ImportDeclaration') for (const s of target['specifiers'] as AstNode[]) patternNames(s['local'], names);
    else if (target.type === 'VariableDeclaration') for (const d of target['declarations'] as AstNode[]) patternNames(d['id'], names);
    else if ((target.type === 'FunctionDeclaration' || target.type === 'ClassDeclaration') && isNode(target['id'])) patternNames(target['id'], names);
  };
  for (const statement of program['body'] as AstNode[]) declare(statement);
  const vars = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(vars);
    if (!isNode(node) || FUNCTION_TYPES.has(node.type) || node.type === 'ClassBody') return;
    if (node.type === 'VariableDeclaration' && node['kind'] === 'var') for (const d of node['declarations'] as AstNode[]) patternNames(d['id'], names);
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && typeof value === 'object') vars(value);
  };
  vars(program['body']);
  return names;
}

/** What the compiled (plain JavaScript) code of a learner file must have shadowed or refused. */
export function runtimeShadow(code: string): RuntimeShadow {
  const program = parseAst(code, { lang: 'js', sourceType: 'module' }) as unknown as AstNode;
  const mentioned = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    if (node.type === 'Identifier') mentioned.add(node['name'] as string);
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && typeof value === 'object') visit(value);
  };
  visit(program);
  const helper = [...mentioned].find((n) => WRAPPER_HELPER.test(n));
  if (helper) return { refused: `\`${helper}\` is not available in exercise code`, names: [] };
  const write = findGlobalWrites(program)[0];
  if (write) return { refused: globalWriteMessage(write.name), names: [] };
  const declared = moduleScopeNames(program);
  return { names: [...mentioned].filter((n) => !declared.has(n) && isShadowCandidate(n)).sort() };
}

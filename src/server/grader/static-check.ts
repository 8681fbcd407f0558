// Static checks on a learner's source file, done in the trusted grader before anything runs:
// syntax errors (reported as compile errors), imports outside the exercise's allowlist
// (static, re-exports and dynamic import()), globals outside the standard-JavaScript allowlist
// (process, require, globalThis, vitest's and vite's internals ...), writes to any global
// (global-writes.ts: `Promise = …` would change the runner's Promise), `this`/`arguments` at module
// level (both reach the module wrapper, not undefined) and `import.meta`. It also lists the
// dangerous names that are declared in an inner scope, which the transform shadows at module level
// so that no reference to them can fall through to the real global.
import { parseAst } from 'vite';
import { posix } from 'node:path';
import { findGlobalWrites, globalWriteMessage } from './global-writes.ts';
import { isSafeGlobal, isShadowCandidate } from './learner-globals.ts';

export interface SourceProblem {
  line: number;
  column: number;
  message: string;
}

export interface SourceCheck {
  problems: SourceProblem[];
  /** Names to bind to undefined at the top of the module (see module comment). */
  shadowNames: string[];
  /** Every module specifier the file imports, in source order. */
  imports: string[];
}

export interface SourceCheckOptions {
  /** Path of the file relative to starter/, '/'-separated (for relative-import checks). */
  path: string;
  /** Bare specifiers the file may import (exact match). */
  allowedImports: readonly string[];
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };
interface Ctx {
  topScope: boolean;
  fnDepth: number;
  thisOk: boolean;
  argumentsOk: boolean;
}

const TYPE_ONLY_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);
const TS_EXPRESSIONS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);
const NOT_ERASABLE: Record<string, string> = {
  TSEnumDeclaration: 'enum',
  TSModuleDeclaration: 'namespace',
  TSImportEqualsDeclaration: 'import = require()',
  TSExportAssignment: 'export =',
  TSParameterProperty: 'a constructor parameter property',
};

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';

function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function checkLearnerSource(code: string, options: SourceCheckOptions): SourceCheck {
  const problems: SourceProblem[] = [];
  const starts = lineStarts(code);
  const at = (offset: number, message: string): void => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    problems.push({ line: lo + 1, column: offset - (starts[lo] ?? 0) + 1, message });
  };

  let program: Node;
  try {
    program = parseAst(code, { lang: 'ts', sourceType: 'module' }, options.path) as unknown as Node;
  } catch (error) {
    const e = error as { loc?: { line?: number; column?: number }; message?: string };
    const firstLine = String(e.message ?? 'could not parse the file').split('\n')[1] ?? 'syntax error';
    problems.push({ line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1, message: `syntax error: ${firstLine}` });
    return { problems, shadowNames: [], imports: [] };
  }

  const bound = new Set<string>();
  const topLevel = new Set<string>();
  const refs = new Map<string, number>();
  const imports: string[] = [];

  const checkImport = (specifier: unknown, offset: number): void => {
    if (typeof specifier !== 'string') {
      at(offset, 'dynamic import() must name its module with a string literal');
      return;
    }
    imports.push(specifier);
    if (/[?#]/.test(specifier)) {
      // `?raw` and friends turn a module into its source text (a mutant could be told apart by it)
      at(offset, `import "${specifier}" is not allowed: import modules by their plain path, without a query`);
      return;
    }
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      const target = posix.normalize(posix.join(posix.dirname(options.path), specifier));
      if (target.startsWith('../') || target === '..') at(offset, `import "${specifier}" points outside your exercise files`);
      return;
    }
    if (!options.allowedImports.includes(specifier)) {
      const allowed = options.allowedImports.length ? options.allowedImports.join(', ') : 'none';
      at(offset, `import "${specifier}" is not allowed in this exercise (allowed: ${allowed}, and relative imports of your own files)`);
    }
  };

  const bind = (name: string, top: boolean): void => {
    bound.add(name);
    if (top) topLevel.add(name);
  };

  const pattern = (node: unknown, top: boolean, ctx: Ctx): void => {
    if (!isNode(node)) return;
    switch (node.type) {
      case 'Identifier':
        bind(node['name'] as string, top);
        return;
      case 'ObjectPattern':
        for (const p of node['properties'] as Node[]) {
          if (p.type === 'RestElement') pattern(p['argument'], top, ctx);
          else {
            if (p['computed']) walk(p['key'], ctx);
            pattern(p['value'], top, ctx);
          }
        }
        return;
      case 'ArrayPattern':
        for (const el of node['elements'] as unknown[]) pattern(el, top, ctx);
        return;
      case 'RestElement':
        pattern(node['argument'], top, ctx);
        return;
      case 'AssignmentPattern':
        pattern(node['left'], top, ctx);
        walk(node['right'], ctx);
        return;
      case 'TSParameterProperty':
        at(node.start, `TypeScript ${NOT_ERASABLE['TSParameterProperty']} is not supported: declare the field and assign it in the constructor`);
        return;
      default:
        walk(node, ctx);
    }
  };

  const fn = (node: Node, ctx: Ctx, arrow: boolean): void => {
    const inner: Ctx = {
      topScope: false,
      fnDepth: ctx.fnDepth + 1,
      thisOk: arrow ? ctx.thisOk : true,
      argumentsOk: arrow ? ctx.argumentsOk : true,
    };
    if (!arrow && isNode(node['id'])) bind(node['id']['name'] as string, false);
    for (const p of node['params'] as unknown[]) pattern(p, false, inner);
    walk(node['body'], inner);
  };

  const classBody = (node: Node, ctx: Ctx, top: boolean): void => {
    if (node['declare']) return;
    if (isNode(node['id'])) bind(node['id']['name'] as string, top);
    for (const d of (node['decorators'] as unknown[] | undefined) ?? []) walk(d, ctx);
    walk(node['superClass'], ctx);
    const memberCtx: Ctx = { topScope: false, fnDepth: ctx.fnDepth + 1, thisOk: true, argumentsOk: false };
    for (const member of (node['body'] as Node)['body'] as Node[]) {
      if (member.type.startsWith('TS') || member['declare']) continue;
      for (const d of (member['decorators'] as unknown[] | undefined) ?? []) walk(d, ctx);
      if (member['computed']) walk(member['key'], ctx);
      if (member.type === 'MethodDefinition') fn(member['value'] as Node, ctx, false);
      else if (member.type === 'StaticBlock') for (const s of member['body'] as unknown[]) walk(s, memberCtx);
      else walk(member['value'], memberCtx);
    }
  };

  const walk = (node: unknown, ctx: Ctx): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, ctx);
      return;
    }
    if (!isNode(node)) return;
    const nested: Ctx = ctx.topScope ? { ...ctx, topScope: false } : ctx;
    switch (node.type) {
      case 'Identifier': {
        const name = node['name'] as string;
        if (name === 'arguments' && !ctx.argumentsOk) at(node.start, '`arguments` outside a function is not allowed; use rest parameters');
        else if (name !== 'arguments' && !refs.has(name)) refs.set(name, node.start);
        return;
      }
      case 'ThisExpression':
        if (!ctx.thisOk) at(node.start, '`this` is only allowed inside classes and functions');
        return;
      case 'MetaProperty':
        if ((node['meta'] as Node)['name'] === 'import') at(node.start, '`import.meta` is not available in exercise code');
        return;
      case 'ImportDeclaration':
        if (node['importKind'] === 'type') return;
        checkImport((node['source'] as Node)['value'], node.start);
        for (const s of node['specifiers'] as Node[]) bind((s['local'] as Node)['name'] as string, true);
        return;
      case 'ImportExpression': {
        const source = node['source'] as Node;
        checkImport(source.type === 'Literal' ? source['value'] : undefined, node.start);
        walk(node['options'], nested);
        return;
      }
      case 'ExportNamedDeclaration':
        if (node['exportKind'] === 'type') return;
        if (isNode(node['source'])) {
          checkImport(node['source']['value'], node.start);
          return;
        }
        walk(node['declaration'], ctx);
        for (const s of node['specifiers'] as Node[]) walk(s['local'], nested);
        return;
      case 'ExportAllDeclaration':
        if (node['exportKind'] !== 'type') checkImport((node['source'] as Node)['value'], node.start);
        return;
      case 'ExportDefaultDeclaration':
        walk(node['declaration'], ctx);
        return;
      case 'VariableDeclaration': {
        if (node['declare']) return;
        const top = ctx.topScope || (node['kind'] === 'var' && ctx.fnDepth === 0);
        for (const d of node['declarations'] as Node[]) {
          pattern(d['id'], top, nested);
          walk(d['init'], nested);
        }
        return;
      }
      case 'FunctionDeclaration':
        if (node['declare'] || node['body'] === null) return;
        if (isNode(node['id'])) bind(node['id']['name'] as string, ctx.topScope);
        fn({ ...node, id: null }, ctx, false);
        return;
      case 'FunctionExpression':
        fn(node, ctx, false);
        return;
      case 'ArrowFunctionExpression':
        fn(node, ctx, true);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        classBody(node, nested, ctx.topScope && node.type === 'ClassDeclaration');
        return;
      case 'CatchClause':
        pattern(node['param'], false, nested);
        walk(node['body'], nested);
        return;
      case 'MemberExpression':
        walk(node['object'], nested);
        if (node['computed']) walk(node['property'], nested);
        return;
      case 'Property':
        if (node['computed']) walk(node['key'], nested);
        walk(node['value'], nested);
        return;
      case 'LabeledStatement':
        walk(node['body'], nested);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        return;
    }
    if (TS_EXPRESSIONS.has(node.type)) {
      walk(node['expression'], nested);
      return;
    }
    if (node.type.startsWith('TS')) {
      const isAmbient = node['declare'] === true || node['kind'] === 'global' || node['importKind'] === 'type';
      const what = NOT_ERASABLE[node.type];
      if (what && !isAmbient) at(node.start, `TypeScript ${what} is not supported here (the course uses erasable TypeScript only)`);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'type' || key === 'start' || key === 'end' || TYPE_ONLY_KEYS.has(key)) continue;
      if (typeof value === 'object' && value !== null) walk(value, nested);
    }
  };

  const top: Ctx = { topScope: true, fnDepth: 0, thisOk: false, argumentsOk: false };
  for (const statement of program['body'] as Node[]) walk(statement, top);

  for (const write of findGlobalWrites(program)) at(write.start, globalWriteMessage(write.name));
  for (const [name, offset] of refs) {
    if (!bound.has(name) && !isSafeGlobal(name)) {
      at(offset, `\`${name}\` is not available in exercise code (only standard JavaScript globals and your imports are)`);
    }
  }
  const shadowNames = [...refs.keys()].filter((n) => bound.has(n) && !topLevel.has(n) && isShadowCandidate(n));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { problems, shadowNames, imports };
}

export function formatProblems(path: string, problems: readonly SourceProblem[]): string {
  return problems.map((p) => `${path}:${p.line}:${p.column}: ${p.message}`).join('\n');
}

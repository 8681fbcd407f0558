// Finds the places where a learner file would write a global variable: an assignment, `++`/`--`,
// a destructuring assignment or a `for (x of …)` head whose target name is declared in no
// enclosing scope of the file. Those writes reach the one global object the test process shares
// with the hidden tests and the runner, and no standard global may be replaced there: tried,
// `Promise = class extends Promise { … }` turned every failing assertion of the runner into a pass
// (whose canary it let fail on purpose), and `Object` or `Date` swapped under the test's feet
// change what `toBe` and `toEqual` compare. Reading globals stays allowed, as do properties of
// values (`obj.x = …`). Works on the ESTree of vite's parseAst, for TypeScript source (static
// checks) and for the compiled JavaScript (the runtime layer) alike.

import { FUNCTION_TYPES, isNode, patternNames, type AstNode as Node } from './ast-names.ts';

export interface GlobalWrite {
  name: string;
  /** Offset of the written identifier in the parsed code. */
  start: number;
}

interface Scope {
  names: Set<string>;
  parent: Scope | undefined;
}

/** Type-level parts of a TypeScript tree: they hold no bindings and no writes. */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);
/** Expressions that wrap an assignment target without changing what it names. */
const TARGET_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);


/**
 * Names a statement list declares in its own block: let, const, class, function, import. Ambient
 * (`declare`) declarations and type-only imports bind nothing at run time, so they do not count:
 * `declare let Promise: …` must not make a write to the real global look local.
 */
function lexicalNames(body: readonly unknown[], out: Set<string>): void {
  for (const raw of body) {
    if (!isNode(raw)) continue;
    const statement = (raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration') && isNode(raw['declaration']) ? raw['declaration'] : raw;
    if (statement['declare'] === true) continue;
    if (statement.type === 'ImportDeclaration') {
      if (statement['importKind'] === 'type') continue;
      for (const s of statement['specifiers'] as Node[]) if (s['importKind'] !== 'type') patternNames(s['local'], out);
    } else if (statement.type === 'VariableDeclaration' && statement['kind'] !== 'var') {
      for (const d of statement['declarations'] as Node[]) patternNames(d['id'], out);
    } else if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && isNode(statement['id'])) {
      patternNames(statement['id'], out);
    }
  }
}

/** `var` names declared anywhere in a function body (not in nested functions or classes). */
function varNames(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) varNames(n, out);
    return;
  }
  if (!isNode(node) || FUNCTION_TYPES.has(node.type) || node.type === 'ClassBody' || node.type === 'StaticBlock') return;
  if (node.type === 'VariableDeclaration' && node['kind'] === 'var' && node['declare'] !== true) {
    for (const d of node['declarations'] as Node[]) patternNames(d['id'], out);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && !TYPE_KEYS.has(key) && typeof value === 'object' && value !== null) varNames(value, out);
  }
}

export function findGlobalWrites(program: Node): GlobalWrite[] {
  const writes: GlobalWrite[] = [];
  const declared = (name: string, scope: Scope | undefined): boolean => {
    for (let s = scope; s; s = s.parent) if (s.names.has(name)) return true;
    return false;
  };
  const child = (parent: Scope, names: Set<string> = new Set()): Scope => ({ names, parent });

  /** Every identifier an assignment target writes (members `a.b = …` write no variable). */
  const target = (node: unknown, scope: Scope): void => {
    if (!isNode(node)) return;
    if (TARGET_WRAPPERS.has(node.type)) return target(node['expression'], scope);
    switch (node.type) {
      case 'Identifier': {
        const name = node['name'] as string;
        if (!declared(name, scope)) writes.push({ name, start: node['start'] as number });
        return;
      }
      case 'ObjectPattern':
        for (const p of node['properties'] as Node[]) {
          if (p.type === 'RestElement') target(p['argument'], scope);
          else {
            if (p['computed']) visit(p['key'], scope);
            target(p['value'], scope);
          }
        }
        return;
      case 'ArrayPattern':
        for (const el of node['elements'] as unknown[]) target(el, scope);
        return;
      case 'RestElement':
        target(node['argument'], scope);
        return;
      case 'AssignmentPattern':
        target(node['left'], scope);
        visit(node['right'], scope);
        return;
      default:
        visit(node, scope);
    }
  };

  const blockScope = (body: readonly unknown[], parent: Scope): Scope => {
    const names = new Set<string>();
    lexicalNames(body, names);
    return child(parent, names);
  };

  const fn = (node: Node, scope: Scope): void => {
    const own = new Set<string>();
    // a function expression's own name is bound inside it
    if (node.type === 'FunctionExpression' && isNode(node['id'])) own.add(node['id']['name'] as string);
    if (node.type !== 'ArrowFunctionExpression') own.add('arguments');
    for (const p of node['params'] as unknown[]) patternNames(p, own);
    const inner = child(scope, own);
    for (const p of node['params'] as unknown[]) visitParam(p, inner);
    const body = node['body'];
    if (isNode(body) && body.type === 'BlockStatement') {
      varNames(body['body'], own);
      lexicalNames(body['body'] as unknown[], own);
      visit(body['body'], inner);
    } else {
      visit(body, inner);
    }
  };

  /** Default values in parameters are expressions; the names themselves are declarations. */
  const visitParam = (node: unknown, scope: Scope): void => {
    if (!isNode(node)) return;
    if (node.type === 'AssignmentPattern') {
      visitParam(node['left'], scope);
      visit(node['right'], scope);
    } else if (node.type === 'ObjectPattern') {
      for (const p of node['properties'] as Node[]) {
        if (p.type !== 'RestElement' && p['computed']) visit(p['key'], scope);
        visitParam(p.type === 'RestElement' ? p['argument'] : p['value'], scope);
      }
    } else if (node.type === 'ArrayPattern') {
      for (const el of node['elements'] as unknown[]) visitParam(el, scope);
    } else if (node.type === 'RestElement') {
      visitParam(node['argument'], scope);
    } else if (node.type === 'TSParameterProperty') {
      visitParam(node['parameter'], scope);
    }
  };

  const classNode = (node: Node, scope: Scope): void => {
    const own = new Set<string>();
    if (isNode(node['id'])) patternNames(node['id'], own);
    const inner = child(scope, own);
    for (const d of (node['decorators'] as unknown[] | undefined) ?? []) visit(d, scope);
    visit(node['superClass'], scope);
    for (const member of (node['body'] as Node)['body'] as Node[]) {
      if (member.type === 'StaticBlock') {
        const names = new Set<string>();
        varNames(member['body'], names);
        lexicalNames(member['body'] as unknown[], names);
        visit(member['body'], child(inner, names));
        continue;
      }
      for (const d of (member['decorators'] as unknown[] | undefined) ?? []) visit(d, inner);
      if (member['computed']) visit(member['key'], inner);
      visit(member['value'], inner);
    }
  };

  const visit = (node: unknown, scope: Scope): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, scope);
      return;
    }
    if (!isNode(node)) return;
    switch (node.type) {
      case 'AssignmentExpression':
        target(node['left'], scope);
        visit(node['right'], scope);
        return;
      case 'UpdateExpression':
        target(node['argument'], scope);
        return;
      case 'ForInStatement':
      case 'ForOfStatement': {
        const left = node['left'] as Node;
        let inner = scope;
        if (left.type === 'VariableDeclaration') {
          if (left['kind'] !== 'var') {
            const names = new Set<string>();
            for (const d of left['declarations'] as Node[]) patternNames(d['id'], names);
            inner = child(scope, names);
          }
          visit(left, inner);
        } else {
          target(left, scope);
        }
        visit(node['right'], inner);
        visit(node['body'], inner);
        return;
      }
      case 'ForStatement': {
        const init = node['init'];
        const names = new Set<string>();
        if (isNode(init) && init.type === 'VariableDeclaration' && init['kind'] !== 'var') {
          for (const d of init['declarations'] as Node[]) patternNames(d['id'], names);
        }
        const inner = child(scope, names);
        visit([init, node['test'], node['update'], node['body']], inner);
        return;
      }
      case 'VariableDeclarator':
        visitParam(node['id'], scope);
        visit(node['init'], scope);
        return;
      case 'BlockStatement':
        visit(node['body'], blockScope(node['body'] as unknown[], scope));
        return;
      case 'SwitchStatement': {
        visit(node['discriminant'], scope);
        const cases = node['cases'] as Node[];
        const inner = blockScope(cases.flatMap((c) => c['consequent'] as unknown[]), scope);
        for (const c of cases) visit([c['test'], c['consequent']], inner);
        return;
      }
      case 'CatchClause': {
        const names = new Set<string>();
        patternNames(node['param'], names);
        const inner = child(scope, names);
        visitParam(node['param'], inner);
        visit(node['body'], inner);
        return;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node['body'] !== null && node['body'] !== undefined) fn(node, scope);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        classNode(node, scope);
        return;
      case 'MemberExpression':
        visit(node['object'], scope);
        if (node['computed']) visit(node['property'], scope);
        return;
      case 'Property':
      case 'PropertyDefinition':
      case 'MethodDefinition':
        if (node['computed']) visit(node['key'], scope);
        visit(node['value'], scope);
        return;
      case 'LabeledStatement':
        visit(node['body'], scope);
        return;
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        return;
      case 'ExportNamedDeclaration':
        visit(node['declaration'], scope);
        return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'type' && !TYPE_KEYS.has(key) && typeof value === 'object' && value !== null) visit(value, scope);
    }
  };

  const body = program['body'] as unknown[];
  const moduleNames = new Set<string>();
  varNames(body, moduleNames);
  lexicalNames(body, moduleNames);
  visit(body, { names: moduleNames, parent: undefined });
  return writes;
}

export function globalWriteMessage(name: string): string {
  return `\`${name}\` is a global: assigning to it is not allowed in exercise code (declare a variable of your own)`;
}

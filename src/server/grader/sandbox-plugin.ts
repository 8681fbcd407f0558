// Vite plugin of a grader slot, run in the trusted vitest main process (which transforms every
// module the sandboxed fork executes). For the run in progress it:
// - refuses imports from learner files that are not on the exercise's allowlist or that leave
//   the learner's own starter/ folder: once in the compiled code of each learner file (the fork
//   resolves node builtins and vitest itself without asking), and again when the fork asks this
//   process to resolve anything for a learner file;
// - resolves the run's reference library (the exercise's program's, content/reference-library.ts)
//   by its specifier, for every module of the run: there is no project-wide alias;
// - refuses to load any file outside the run folder, the run's reference library, node_modules and
//   the grader's setup file (so solutions/, exercises/ and the platform's own code never reach a run),
//   and any run file outside starter/ with a query such as `?raw` (the hidden tests' text);
// - binds the dangerous names a learner file declares in inner scopes to undefined at module
//   level (see static-check.ts), and in the compiled code every dangerous global it mentions,
//   refusing vite's module-wrapper helpers (runtime-shadow.ts: holds even without static checks);
// - appends the run's canary test to the test files: a test that must fail, so a run that
//   reports it passed has been tampered with;
// - appends to every module of the reference library, and in hidden- and visible-suite runs to
//   every starter file the learner does not write, a call that freezes its exported values
//   (exported-values.ts, freeze-exports.ts), so learner code cannot rewrite the classes the
//   hidden tests measure with.
import { parseAst, type Plugin } from 'vite';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { ReferenceLibrary } from '../content/reference-library.ts';
import { exportedValueNames, freezeFooter } from './exported-values.ts';
import { runtimeShadow } from './runtime-shadow.ts';

export interface SandboxRun {
  runDir: string;
  /** Absolute paths of learner-written files, each with the names to shadow. */
  learnerFiles: ReadonlyMap<string, readonly string[]>;
  /** Bare specifiers learner files may import, per learner file. */
  allowedImports: ReadonlyMap<string, readonly string[]>;
  /** Test files of this run (absolute). */
  testFiles: ReadonlySet<string>;
  /** Name of the canary test appended to each test file, or undefined for no canary. */
  canaryName: string | undefined;
  /** The library the run's modules import by its specifier (undefined: none, as in the warm-up run). */
  reference: ReferenceLibrary | undefined;
}

export interface SandboxPluginOptions {
  projectRoot: string;
  setupFile: string;
  currentRun: () => SandboxRun | undefined;
  /** See runtime-shadow.ts; default true. */
  runtimeShadow?: boolean;
}

const stripQuery = (id: string): string => id.replace(/[?#].*$/, '');
const within = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
/** The library's entry as Vite hands it on once resolved: its path (or /@fs/ URL), which stands for its specifier. */
const isLibraryEntry = (id: string | null, library: ReferenceLibrary | undefined): boolean =>
  library !== undefined && (id === library.entry || id === `/@fs${library.entry}`);

export class SandboxViolation extends Error {
  override readonly name = 'SandboxViolation';
}

export function canarySource(name: string): string {
  const a = 1 + Math.floor(Math.random() * 1e6);
  return (
    `\n;import { test as __practicumCanaryTest, expect as __practicumCanaryExpect } from 'vitest';\n` +
    `__practicumCanaryTest(${JSON.stringify(name)}, () => { __practicumCanaryExpect(${a}).toBe(${a + 1}); });\n`
  );
}

type AstNode = { type: string; [key: string]: unknown };

/** Every import specifier in compiled (plain JavaScript) code; null stands for a computed import(). */
export function compiledImports(code: string): (string | null)[] {
  const found: (string | null)[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as AstNode;
    if (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ImportExpression') {
      const source = n['source'] as AstNode | null | undefined;
      if (source) found.push(source.type === 'Literal' && typeof source['value'] === 'string' ? source['value'] : null);
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'type' && typeof value === 'object') visit(value);
  };
  visit(parseAst(code, { lang: 'js', sourceType: 'module' }));
  return found;
}

export function importViolation(specifier: string | null, file: string, runDir: string, allowed: readonly string[]): string | undefined {
  if (specifier === null) return 'import() must name its module with a string literal';
  if (/[?#]/.test(specifier)) return `import "${specifier}" is not allowed: import modules by their plain path, without a query`;
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    return within(resolve(dirname(file), specifier), join(runDir, 'starter')) ? undefined : `import "${specifier}" points outside your exercise files`;
  }
  return allowed.includes(specifier) ? undefined : `import "${specifier}" is not allowed in this exercise`;
}

export function sandboxPlugins(options: SandboxPluginOptions): Plugin[] {
  return [sandboxPlugin(options), compiledImportsPlugin(options)];
}

function compiledImportsPlugin(options: SandboxPluginOptions): Plugin {
  return {
    name: 'practicum-grader-compiled-imports',
    enforce: 'post',
    transform(code, id) {
      const run = options.currentRun();
      const path = stripQuery(id);
      const allowed = run?.allowedImports.get(path);
      if (!run || !allowed || !run.learnerFiles.has(path)) return null;
      for (const specifier of compiledImports(code)) {
        // Vite has already resolved imports here: the reference library's entry arrives as its
        // absolute path, which is the library's allowed specifier and nothing else.
        if (run.reference && isLibraryEntry(specifier, run.reference) && allowed.includes(run.reference.specifier)) continue;
        const violation = importViolation(specifier, path, run.runDir, allowed);
        if (violation) throw new SandboxViolation(violation);
      }
      if (options.runtimeShadow === false) return null;
      const shadow = runtimeShadow(code);
      if (shadow.refused) throw new SandboxViolation(shadow.refused);
      // on the first line, so line numbers in messages and stack traces stay right
      return shadow.names.length === 0 ? null : { code: `const ${shadow.names.map((n) => `${n} = void 0`).join(', ')};${code}`, map: null };
    },
  };
}

const CODE_FILE = /\.[cm]?[jt]s$/;
const TEST_FILE = /\.test\.[cm]?[jt]s$/;

/**
 * Whether a module is one the exercise provides and the hidden tests rely on: the reference
 * library (in every run: its transform is cached across runs), and in runs with a canary (hidden
 * and visible suites) the starter files the learner did not write. In write-tests runs the
 * starter is the code under test, which the learner's own tests may spy on as they like.
 */
function isProvidedModule(path: string, run: SandboxRun | undefined): boolean {
  if (!CODE_FILE.test(path) || TEST_FILE.test(path) || run === undefined) return false;
  if (run.reference && within(path, run.reference.dir)) return true;
  return run.canaryName !== undefined && within(path, join(run.runDir, 'starter')) && !run.learnerFiles.has(path);
}

function sandboxPlugin(options: SandboxPluginOptions): Plugin {
  const freezeHelper = join(dirname(options.setupFile), 'freeze-exports.ts');
  const trustedRoots = [join(options.projectRoot, 'node_modules'), dirname(options.setupFile)];
  return {
    name: 'practicum-grader-sandbox',
    enforce: 'pre',
    async resolveId(source, importer) {
      const run = options.currentRun();
      if (!run || !importer) return null;
      const from = stripQuery(importer);
      // A learner file a test loaded as text (`?raw`, see load()) is data, not code: Vite resolves
      // the file's own path from it, which is no import of the learner's.
      if (importer !== from && source === from) return null;
      const allowed = run.allowedImports.get(from);
      const library = run.reference;
      // The exercise's own modules (tests, starter files the learner does not write, the library itself)
      // import the library by its specifier, which only this run resolves.
      if (!run.learnerFiles.has(from) || !allowed) return library && source === library.specifier ? library.entry : null;
      // Once Vite has resolved it, the library's entry comes back here as its path: its specifier still.
      const specifier = isLibraryEntry(source, library) && library ? library.specifier : source;
      const violation = importViolation(specifier, from, run.runDir, allowed);
      if (violation) throw new SandboxViolation(violation);
      if (library && source === library.specifier) return library.entry;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (resolved && (source.startsWith('./') || source.startsWith('../')) && !within(stripQuery(resolved.id), join(run.runDir, 'starter'))) {
        throw new SandboxViolation(`import "${source}" points outside your exercise files`);
      }
      return resolved;
    },
    load(id) {
      const run = options.currentRun();
      const path = stripQuery(id);
      if (!run || !isAbsolute(path) || path.startsWith('/@')) return null;
      const file = resolve(path);
      // `?raw`, `?url`, `?inline` ... would hand a module the text of any file it can name; in the
      // run folder only the learner's own starter/ files may be loaded that way (never the tests)
      if (id !== path && within(file, run.runDir) && !within(file, join(run.runDir, 'starter'))) {
        throw new SandboxViolation(`loading ${file} with a query is not allowed while grading`);
      }
      if (within(file, run.runDir) || trustedRoots.some((root) => within(file, root))) return null;
      if (run.reference && within(file, run.reference.dir)) return null;
      throw new SandboxViolation(`loading ${file} is not allowed while grading`);
    },
    transform(code, id) {
      const run = options.currentRun();
      const path = stripQuery(id);
      const freeze = id === path && isProvidedModule(path, run) ? freezeFooter(exportedValueNames(code, path), freezeHelper) : '';
      if (!run) return null;
      const shadow = run.learnerFiles.get(path);
      let out = code + freeze;
      if (shadow && shadow.length > 0) {
        // one line, so line numbers in messages and stack traces stay right
        out = `const ${shadow.map((n) => `${n} = void 0`).join(', ')};` + out;
      }
      if (run.canaryName !== undefined && run.testFiles.has(path)) out += canarySource(run.canaryName);
      return out === code ? null : { code: out, map: null };
    },
  };
}

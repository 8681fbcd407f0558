// content:check rule for the code lessons show: every ```ts block is a complete module that
// type-checks under the site's tsconfig (strictest) against the reference libraries (the platform's,
// and each program's own under its specifier), so no lesson shows code that would not build. Checked in memory, all blocks in one TypeScript program (a few seconds).
// Scripts and tests only: the server never imports this module (it loads the TypeScript compiler).
import { join } from 'node:path';
import ts from 'typescript';
import type { ContentSet } from './files.ts';
import type { ContentIssue } from './issues.ts';

export interface LessonFence {
  /** Lesson file relative to the content root. */
  lesson: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  /** What follows the language on the fence line, e.g. `throws="…"` or `tsc`. */
  meta: string;
  code: string;
}

/** Every fenced block of a lesson's source, with its opening line. */
export function lessonFences(lesson: string, source: string): LessonFence[] {
  const lines = source.split('\n');
  const fences: LessonFence[] = [];
  let open: { line: number; lang: string; meta: string; marker: string } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!open) {
      const fence = /^\s*(```|~~~)(\S*)\s*(.*)$/.exec(line);
      if (fence) open = { line: i + 1, marker: fence[1] ?? '```', lang: fence[2] ?? '', meta: (fence[3] ?? '').trim() };
    } else if (line.trim() === open.marker) {
      fences.push({ lesson, line: open.line, lang: open.lang, meta: open.meta, code: lines.slice(open.line, i).join('\n') });
      open = null;
    }
  }
  return fences;
}

export const isTypeScriptFence = (f: Pick<LessonFence, 'lang'>): boolean => f.lang === 'ts' || f.lang === 'typescript';

/** The ```ts blocks of every lesson in the set; `read` gives a lesson file's whole source (so lines match the editor's). */
export function typeScriptBlocks(set: Pick<ContentSet, 'lessons'>, read: (file: string) => string): LessonFence[] {
  return set.lessons.flatMap((lesson) => lessonFences(lesson.file, read(lesson.file)).filter(isTypeScriptFence));
}

/**
 * The site's compiler options (its tsconfig.json), without scanning the project for files; `libraries`
 * (specifier → entry, content/reference-library.ts referenceAliases) resolve as tsconfig paths.
 */
function compilerOptions(codeRoot: string, libraries: Readonly<Record<string, string>>): ts.CompilerOptions {
  const configPath = join(codeRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (config.error) throw new Error(`${configPath}: ${ts.flattenDiagnosticMessageText(config.error.messageText, '\n')}`);
  const host: ts.ParseConfigHost = { ...ts.sys, readDirectory: () => [] };
  const parsed = ts.parseJsonConfigFileContent(config.config, host, codeRoot);
  // Snippets may declare things only to show them: unused names are not an error in a lesson.
  const paths = { ...parsed.options.paths, ...Object.fromEntries(Object.entries(libraries).map(([specifier, entry]) => [specifier, [entry]])) };
  return { ...parsed.options, paths, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
}

export interface BlockDiagnostic {
  block: LessonFence;
  /** 1-based line in the lesson file. */
  line: number;
  code: number;
  message: string;
}

/**
 * Type-checks the blocks as modules placed in `<codeRoot>/.lesson-blocks/` (in memory only), so
 * `@practicum/reference` and packages resolve as they do for the site, and each of `libraries`
 * (specifier → entry module) as a program's library.
 */
export function typeCheckBlocks(blocks: readonly LessonFence[], codeRoot: string, libraries: Readonly<Record<string, string>> = {}): BlockDiagnostic[] {
  if (blocks.length === 0) return [];
  const options = compilerOptions(codeRoot, libraries);
  const dir = join(codeRoot, '.lesson-blocks');
  const byFile = new Map<string, LessonFence>();
  blocks.forEach((b, i) => {
    const name = b.lesson.replace(/[^A-Za-z0-9]+/g, '-');
    // `export {}` keeps each block its own module even when it has no import or export.
    byFile.set(join(dir, `${name}--L${b.line}-${i}.ts`), b);
  });
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  const text = (file: string): string | undefined => {
    const block = byFile.get(file);
    return block ? `${block.code}\nexport {};\n` : undefined;
  };
  host.fileExists = (file) => byFile.has(file) || fileExists.call(host, file);
  host.readFile = (file) => text(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError, create) => {
    const own = text(file);
    return own !== undefined ? ts.createSourceFile(file, own, language) : getSourceFile.call(host, file, language, onError, create);
  };
  const program = ts.createProgram({ rootNames: [...byFile.keys()], options, host });
  return ts.getPreEmitDiagnostics(program).flatMap((d) => {
    const block = d.file ? byFile.get(d.file.fileName) : undefined;
    if (!block || !d.file) return [];
    const pos = d.start === undefined ? 0 : d.file.getLineAndCharacterOfPosition(d.start).line;
    return [{ block, line: block.line + 1 + pos, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') }];
  });
}

/** content:check's issues: one per compiler error, at the lesson line it points to. */
export function lessonCodeIssues(
  set: Pick<ContentSet, 'lessons'>,
  read: (file: string) => string,
  codeRoot: string,
  libraries: Readonly<Record<string, string>> = {},
): ContentIssue[] {
  return typeCheckBlocks(typeScriptBlocks(set, read), codeRoot, libraries).map((d) => ({
    file: d.block.lesson,
    field: `line ${d.line}`,
    message:
      `the \`\`\`ts block that starts on line ${d.block.line} does not compile: error TS${d.code}: ${d.message}. ` +
      'Fix the code (each block is a module of its own, checked with the site\'s strictest settings), mark a deliberate error with ' +
      '// @ts-expect-error on the line above it, or label a block that is not TypeScript ```text',
  }));
}

// content:check rules for the components a lesson uses (Callout, Check, Figure, ExerciseLink):
// every import resolves, every <Component> used is imported (MDX fails the whole build on one that
// is not, with a message that names neither the lesson nor the fix), and every <ExerciseLink id="…">
// names an exercise of the lesson's own program. Fenced code and inline `code` are not read, so a
// lesson may show `Promise<Date>` or an example <Check /> in a code block.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ContentSet } from './files.ts';
import type { ContentIssue } from './issues.ts';
import { blankFencedCode } from './lesson-checks.ts';
import { missingExercise } from './exercise-refs.ts';
import { closest, listNames } from './suggest.ts';

/** Where lesson components live, relative to the site's code root. */
export const LESSON_COMPONENTS_DIR = 'src/components/lesson';

/** What a lesson refers to, with the 1-based line of each reference. */
export interface LessonReferences {
  imports: { names: string[]; from: string; line: number }[];
  /** Names the lesson defines itself (`export const Name = …`). */
  defined: string[];
  elements: { name: string; line: number }[];
  exerciseLinks: { id: string | null; line: number; problem?: string }[];
}

const blankSpan = (span: string): string => span.replace(/[^\n]/g, ' ');

/** The lesson as MDX reads its markup: frontmatter, fenced code and inline code blanked (lines kept). */
function markupOnly(source: string): string {
  const noFront = source.replace(/^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/, blankSpan);
  return blankFencedCode(noFront).replace(/(`+)[^`\n][\s\S]*?\1/g, (span) => (span.includes('\n\n') ? span : blankSpan(span)));
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function lessonReferences(source: string): LessonReferences {
  const text = markupOnly(source);
  const refs: LessonReferences = { imports: [], defined: [], elements: [], exerciseLinks: [] };
  for (const m of text.matchAll(/^import\s+(?:type\s+)?([^'";]*?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm)) {
    const clause = m[1] ?? '';
    const names = [...clause.replace(/[{}]/g, ',').split(',')].map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).at(-1)?.replace(/^\*\s*/, '') ?? '').filter(Boolean);
    refs.imports.push({ names, from: m[2] ?? '', line: lineAt(text, m.index) });
  }
  for (const m of text.matchAll(/^export\s+(?:const|let|function)\s+([A-Za-z_$][\w$]*)/gm)) if (m[1]) refs.defined.push(m[1]);
  // Attribute values are text, not markup: options={['Promise<Date>']} uses no <Date> component.
  const markup = text.replace(/=\s*(?:"[^"]*"|'[^']*'|\{[^}]*\})/g, (value) => `=${blankSpan(value.slice(1))}`);
  for (const m of markup.matchAll(/<([A-Z][\w$]*)(?:\.[\w$]+)*(?=[\s/>])/g)) {
    if (m[1]) refs.elements.push({ name: m[1], line: lineAt(markup, m.index) });
  }
  for (const m of text.matchAll(/<ExerciseLink(?=[\s/>])([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const line = lineAt(text, m.index);
    const id = /\bid\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
    if (id) refs.exerciseLinks.push({ id: id[1] ?? id[2] ?? '', line });
    else if (/\bid\s*=\s*\{/.test(attrs)) refs.exerciseLinks.push({ id: null, line, problem: 'write the id as a plain string, id="exercise-id", so content:check can check it' });
    else refs.exerciseLinks.push({ id: null, line, problem: 'needs id="exercise-id" (the folder name under exercises/)' });
  }
  return refs;
}

/** Names of the lesson components the site has (file names under src/components/lesson/). */
export function lessonComponentNames(codeRoot: string): string[] {
  const dir = join(codeRoot, LESSON_COMPONENTS_DIR);
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.astro')).map((n) => n.replace(/\.astro$/, '')).sort() : [];
}

/**
 * Issues of one lesson's component use. `root` holds the content, `codeRoot` the site: an import
 * resolves when the file exists beside the lesson or at the same place under `codeRoot` (a program
 * checked on its own, content:check --root, is built inside a copy of the site).
 */
export function lessonFileComponentIssues(
  root: string,
  codeRoot: string,
  file: string,
  source: string,
  program: string,
  exercisePrograms: ReadonlyMap<string, string>,
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const refs = lessonReferences(source);
  const components = lessonComponentNames(codeRoot);
  const importPath = (name: string): string => relative(dirname(join(root, file)), join(root, LESSON_COMPONENTS_DIR, `${name}.astro`));
  const available = new Set(refs.defined);
  for (const imp of refs.imports) {
    imp.names.forEach((n) => available.add(n));
    if (!imp.from.startsWith('.')) continue;
    const target = resolve(dirname(join(root, file)), imp.from);
    if (existsSync(target) || existsSync(join(codeRoot, relative(root, target)))) continue;
    const name = imp.names[0] ?? '';
    const known = closest(name, components) ?? (components.includes(name) ? name : undefined);
    const fix = known ? `write '${importPath(known)}'` : `lesson components are ${listNames(components)} in ${LESSON_COMPONENTS_DIR}/`;
    issues.push({ file, field: `line ${imp.line}`, message: `import from '${imp.from}' does not resolve to a file: ${fix}` });
  }
  const reported = new Set<string>();
  for (const el of refs.elements) {
    if (available.has(el.name) || reported.has(el.name)) continue;
    reported.add(el.name);
    const near = closest(el.name, [...available, ...components]);
    const fix = near
      ? `did you mean <${near}>?`
      : components.includes(el.name)
        ? `add import ${el.name} from '${importPath(el.name)}'; below the frontmatter`
        : `import it, or write it in \`backticks\` if it is code (lesson components: ${listNames(components)})`;
    issues.push({ file, field: `line ${el.line}`, message: `<${el.name}> is used but not imported, so the site will not build: ${fix}` });
  }
  const ownExercises = [...exercisePrograms].filter(([, p]) => p === program).map(([id]) => id);
  for (const link of refs.exerciseLinks) {
    const field = `line ${link.line}`;
    if (link.id === null) {
      issues.push({ file, field, message: `<ExerciseLink>: ${link.problem ?? 'needs an id'}` });
      continue;
    }
    const owner = exercisePrograms.get(link.id);
    if (owner === undefined) {
      issues.push({ file, field, message: `<ExerciseLink id="${link.id}">: ${missingExercise(root, link.id, ownExercises)}` });
    } else if (owner !== program) {
      issues.push({ file, field, message: `<ExerciseLink id="${link.id}">: exercise "${link.id}" belongs to program "${owner}", not "${program}": link only your own program's exercises` });
    }
  }
  return issues;
}

export function lessonComponentIssues(root: string, set: ContentSet, codeRoot: string = root): ContentIssue[] {
  const exercisePrograms = new Map(set.exercises.map((e) => [e.data.id, e.data.program]));
  return set.lessons.flatMap((lesson) =>
    lessonFileComponentIssues(root, codeRoot, lesson.file, readFileSync(join(root, lesson.file), 'utf8'), lesson.program, exercisePrograms),
  );
}

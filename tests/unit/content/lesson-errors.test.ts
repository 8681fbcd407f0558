// Every error message a lesson quotes is the one the code really produces. Lessons mark what they
// claim on the code fence itself, so an edit to the lesson is re-checked without touching this file:
//
//   ```ts throws="TypeError: this.validateEntity is not a function"
//     — running the block (against the reference library) throws exactly this `Name: message`
//       (or just this name, when no message is given), and the block shows it to the reader
//   ```text tsc
//     — the block is what `tsc` reports for the next ```ts block of the lesson once its
//       `@ts-expect-error` directives are removed
//
// and any `SomethingError: message` quoted in a lesson's prose must be one its blocks prove.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typeCheckFiles } from '../../helpers/typecheck.ts';

const root = join(import.meta.dirname, '../../..');
const programsDir = join(root, 'content/programs');
const outDir = join(root, '.tmp/lesson-errors');

interface Fence {
  lesson: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  meta: string;
  code: string;
}

interface Lesson {
  file: string;
  fences: Fence[];
  /** The lesson without its fenced blocks: what the reader sees as prose. */
  prose: string;
}

function readLessons(): Lesson[] {
  const lessons: Lesson[] = [];
  for (const program of readdirSync(programsDir)) {
    const dir = join(programsDir, program, 'lessons');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort()) {
      const file = `content/programs/${program}/lessons/${name}`;
      const lines = readFileSync(join(dir, name), 'utf8').split('\n');
      const fences: Fence[] = [];
      const prose: string[] = [];
      let open: { line: number; lang: string; meta: string } | null = null;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        const fence = /^\s*```(\S*)\s*(.*)$/.exec(line);
        if (!open && fence) open = { line: i + 1, lang: fence[1] ?? '', meta: (fence[2] ?? '').trim() };
        else if (open && /^\s*```\s*$/.test(line)) {
          fences.push({ lesson: file, ...open, code: lines.slice(open.line, i).join('\n') });
          open = null;
        } else if (!open) prose.push(line);
      }
      lessons.push({ file, fences, prose: prose.join('\n') });
    }
  }
  return lessons;
}

/** The expected error of a ```ts throws="…" fence; undefined when the fence claims none. */
function expectedThrow(fence: Fence): string | undefined {
  if (!/\bthrows\b/.test(fence.meta)) return undefined;
  const match = /\bthrows="([^"]+)"/.exec(fence.meta);
  if (!match?.[1]) throw new Error(`${fence.lesson}:${fence.line}: write the annotation as throws="Name: message"`);
  return match[1];
}

const isTs = (f: Fence): boolean => f.lang === 'ts' || f.lang === 'typescript';
const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
const fileFor = (f: Fence, suffix: string): string =>
  join(outDir, `${f.lesson.split('/').at(-1)?.replace(/\.mdx$/, '')}--L${f.line}${suffix}.ts`);

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `a thrown ${typeof error}: ${String(error)}`;
}

const lessons = readLessons();
const throwing = lessons.flatMap((l) => l.fences.filter(isTs).flatMap((f) => {
  const expected = expectedThrow(f);
  return expected === undefined ? [] : [{ fence: f, expected }];
}));
const compilerQuotes = lessons.flatMap((l) =>
  l.fences.flatMap((f, i) => {
    if (f.lang !== 'text' || !/(^|\s)tsc(\s|$)/.test(f.meta)) return [];
    const next = l.fences.slice(i + 1).find(isTs);
    return [{ quote: f, code: next }];
  }),
);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

describe('errors quoted in lessons', () => {
  it('finds the annotated blocks (the troubleshooting guide quotes at least one runtime and one compiler error)', () => {
    expect(throwing.map((t) => t.fence.lesson)).toContain('content/programs/clean-timestamp/lessons/troubleshooting-guide.mdx');
    expect(compilerQuotes.map((c) => c.quote.lesson)).toContain('content/programs/clean-timestamp/lessons/troubleshooting-guide.mdx');
  });

  it.each(throwing.map((t) => [`${t.fence.lesson}:${t.fence.line}`, t] as const))(
    '%s throws what it says',
    async (where, { fence, expected }) => {
      // The reader must see the message the block claims, not only this test.
      const shown = expected.includes(': ') ? expected.slice(expected.indexOf(': ') + 2) : expected;
      expect(fence.code, `${where}: the block never shows "${shown}" to the reader`).toContain(shown);
      const file = fileFor(fence, '-run');
      writeFileSync(file, `${fence.code}\nexport {};\n`);
      let thrown: unknown = undefined;
      let threw = false;
      try {
        await import(pathToFileURL(file).href);
      } catch (error) {
        threw = true;
        thrown = error;
      }
      expect(threw, `${where}: the block ran to the end without throwing; the lesson says it throws ${expected}`).toBe(true);
      const actual = expected.includes(': ') ? describeError(thrown) : thrown instanceof Error ? thrown.name : describeError(thrown);
      expect(actual, `${where}: the lesson quotes ${expected}`).toBe(expected);
    },
  );

  it.each(compilerQuotes.map((c) => [`${c.quote.lesson}:${c.quote.line}`, c] as const))(
    '%s quotes what tsc reports',
    { timeout: 120_000 },
    (where, { quote, code }) => {
      expect(code, `${where}: a \`\`\`text tsc block needs a \`\`\`ts block after it in the same lesson`).toBeDefined();
      if (!code) return;
      const file = fileFor(code, '-tsc');
      writeFileSync(file, `${code.code.replace(/^\s*\/\/\s*@ts-expect-error.*$/gm, '')}\nexport {};\n`);
      const reported = typeCheckFiles([file], outDir, { noUnusedLocals: false, noUnusedParameters: false }).map(
        (d) => `error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
      expect(normalise(quote.code), `${where}: the lesson's compiler output differs from tsc's`).toBe(normalise(reported.join('\n')));
    },
  );

  it('quotes in prose only error messages that an annotated block proves', () => {
    const unproven: string[] = [];
    for (const lesson of lessons) {
      const proven = new Set(throwing.filter((t) => t.fence.lesson === lesson.file).map((t) => t.expected));
      for (const [, span] of lesson.prose.matchAll(/`([^`\n]+)`/g)) {
        if (span && /^[A-Z][A-Za-z]*Error: /.test(span) && !proven.has(span)) {
          unproven.push(`${lesson.file}: \`${span}\` — add a \`\`\`ts throws="${span}" block that produces it`);
        }
      }
    }
    expect(unproven).toEqual([]);
  });
});

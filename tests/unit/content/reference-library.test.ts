// A program may bring its own reference library (program.json referenceLibrary): which library an
// exercise resolves to, what an exercise may import by default, what the editor and the browser
// runner get, the Vite aliases the site and the tests use, and content:check's messages — on the
// course (the platform's library) and on the second program (tests/fixtures/programs/money-basics,
// which brings "@money-basics/money").
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { programSchema } from '../../../src/lib/schemas/program.ts';
import { loadExercise } from '../../../src/server/content/exercise-folder.ts';
import { formatIssue } from '../../../src/server/content/issues.ts';
import {
  PLATFORM_LIBRARY,
  importsAllowed,
  librarySource,
  readLibraryField,
  referenceAliases,
  referenceLibraryOf,
} from '../../../src/server/content/reference-library.ts';
import { validateContent } from '../../../src/server/content/validate.ts';

const root = join(import.meta.dirname, '../../..');
const fixture = join(root, 'tests/fixtures/programs/money-basics');
const moneyEntry = join(fixture, 'content/programs/money-basics/library/index.ts');
const copies: string[] = [];

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the second program with program.json (or another JSON file) edited. */
function copyWith(file: string, edit: (data: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-library-'));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(path, JSON.stringify(data, null, 2));
  return dir;
}

const PROGRAM_JSON = 'content/programs/money-basics/program.json';
const messages = (dir: string): string[] => validateContent(dir, { codeRoot: root, lessonCode: false }).issues.map(formatIssue);

describe('which library an exercise imports', () => {
  it('is the platform library for a program that names none, found in the code root', () => {
    expect(referenceLibraryOf(null, '/content', '/code')).toEqual({ specifier: '@practicum/reference', entry: '/code/reference/index.ts', dir: '/code/reference' });
    expect(referenceLibraryOf({ id: 'clean-timestamp' }, root)).toEqual({ specifier: PLATFORM_LIBRARY.specifier, entry: join(root, 'reference/index.ts'), dir: join(root, 'reference') });
  });

  it("is the program's own, its entry relative to the program's folder, for a program that names one", () => {
    const library = referenceLibraryOf({ id: 'money-basics', referenceLibrary: { specifier: '@money-basics/money', entry: 'library/index.ts' } }, fixture, root);
    expect(library).toEqual({ specifier: '@money-basics/money', entry: moneyEntry, dir: join(fixture, 'content/programs/money-basics/library') });
  });

  it('reaches the grader: an exercise read from disk carries its program library', () => {
    expect(loadExercise(fixture, 'mb-parse-cents', root).reference.entry).toBe(moneyEntry);
    expect(loadExercise(root, 's1-project-entity').reference.specifier).toBe('@practicum/reference');
  });

  it('lets an exercise without allowedImports import its library, and only what it lists otherwise', () => {
    const money = { specifier: '@money-basics/money' };
    expect(importsAllowed({}, money)).toEqual(['@money-basics/money']);
    expect(importsAllowed({ allowedImports: [] }, money)).toEqual([]);
    expect(importsAllowed({ allowedImports: ['vitest'] }, money)).toEqual(['vitest']);
    expect(loadExercise(fixture, 'mb-parse-cents', root).definition.allowedImports).toBeUndefined();
  });

  it("reads program.json's referenceLibrary even when the rest of the file is broken, and refuses a malformed one", () => {
    const broken = copyWith(PROGRAM_JSON, (p) => {
      p['title'] = 42;
    });
    expect(readLibraryField(broken, 'money-basics')).toEqual({ specifier: '@money-basics/money', entry: 'library/index.ts' });
    expect(readLibraryField(root, 'no-such-program')).toBeUndefined();
    const malformed = copyWith(PROGRAM_JSON, (p) => {
      p['referenceLibrary'] = { specifier: 'Money Lib', entry: 'library/index.ts' };
    });
    expect(() => readLibraryField(malformed, 'money-basics')).toThrow(/program\.json: "referenceLibrary" is malformed/);
  });
});

describe('what the editor, the browser runner and the Vite configs get', () => {
  it("gives the library's modules without its tests, the entry relative to its folder", () => {
    const platform = librarySource(referenceLibraryOf(null, root));
    expect(platform.specifier).toBe('@practicum/reference');
    expect(platform.entry).toBe('index.ts');
    expect(platform.files.some((f) => f.path === 'index.ts')).toBe(true);
    expect(platform.files.filter((f) => f.path.endsWith('.test.ts'))).toEqual([]);
    const money = librarySource(loadExercise(fixture, 'mb-parse-cents', root).reference);
    expect(money.files.map((f) => f.path)).toEqual(['cents.ts', 'index.ts']);
    expect(money.entry).toBe('index.ts');
  });

  it('aliases every library under its specifier: the platform one always, a program one when named', () => {
    expect(referenceAliases(root)).toEqual({ '@practicum/reference': join(root, 'reference/index.ts') });
    expect(referenceAliases(fixture, root)).toEqual({ '@practicum/reference': join(root, 'reference/index.ts'), '@money-basics/money': moneyEntry });
  });
});

describe('program.json referenceLibrary', () => {
  it('takes a package name and a .ts entry inside the program folder, and says what is wrong otherwise', () => {
    const program = JSON.parse(readFileSync(join(fixture, PROGRAM_JSON), 'utf8')) as Record<string, unknown>;
    expect(programSchema.safeParse(program).success).toBe(true);
    const problems = (referenceLibrary: unknown): string[] => {
      const parsed = programSchema.safeParse({ ...program, referenceLibrary });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ specifier: 'Money', entry: 'library/index.ts' })).toEqual([expect.stringMatching(/^referenceLibrary\.specifier: must be a package name/)]);
    expect(problems({ specifier: '@a/b', entry: '../../reference/index.ts' })).toEqual([expect.stringMatching(/^referenceLibrary\.entry: must be a \.ts file inside the program's folder/)]);
    expect(problems({ specifier: '@a/b', entry: '/abs/index.ts' })).toHaveLength(1);
    expect(problems({ specifier: '@a/b', entry: 'library/index.js' })).toHaveLength(1);
  });

  it('content:check names a missing entry, a borrowed or shared specifier, and another library in allowedImports', () => {
    const missing = copyWith(PROGRAM_JSON, (p) => {
      p['referenceLibrary'] = { specifier: '@money-basics/money', entry: 'lib/index.ts' };
    });
    expect(messages(missing)).toContain(
      `${PROGRAM_JSON}: referenceLibrary.entry: content/programs/money-basics/lib/index.ts is missing: the entry is relative to the program's folder`,
    );
    const borrowed = copyWith(PROGRAM_JSON, (p) => {
      p['referenceLibrary'] = { specifier: '@practicum/reference', entry: 'library/index.ts' };
    });
    expect(messages(borrowed).join('\n')).toMatch(/referenceLibrary\.specifier: "@practicum\/reference" is the platform's library: give your library a name of its own/);
    const other = copyWith('exercises/mb-parse-cents/exercise.json', (e) => {
      e['allowedImports'] = ['@practicum/reference'];
    });
    expect(messages(other)).toContain(
      'exercises/mb-parse-cents/exercise.json: allowedImports[0]: "@practicum/reference" is not the reference library of program "money-basics" (its library is "@money-basics/money"): an exercise imports only its own program\'s library',
    );
    expect(messages(fixture)).toEqual([]);
  });
});

// What an author writing a program as content only is told, checked on copies of the second program
// (tests/fixtures/programs/money-basics) broken one way each: every message names the file, the field
// and the fix, and one broken file never holds back the proof of an exercise that is itself valid.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/server/content/issues.ts';
import { lessonReferences } from '../../../src/server/content/lesson-components.ts';
import { validateContent } from '../../../src/server/content/validate.ts';

const root = join(import.meta.dirname, '../../..');
const fixture = join(root, 'tests/fixtures/programs/money-basics');
const copies: string[] = [];

/** A fresh copy of the fixture program with `change` applied. */
function brokenCopy(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-authoring-'));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  change(dir);
  return dir;
}

function editJson(dir: string, file: string, edit: (data: Record<string, unknown>) => void): void {
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(path, JSON.stringify(data, null, 2));
}

function editText(dir: string, file: string, edit: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(path, after);
}

/** content:check's messages for a content root (no grading), as printed. */
function messages(dir: string, lessonCode = false): string[] {
  return validateContent(dir, { codeRoot: root, lessonCode }).issues.map(formatIssue);
}

const LESSON = 'content/programs/money-basics/lessons/cents-not-floats.mdx';
const PARSE = 'exercises/mb-parse-cents/exercise.json';
const CERT = 'assessments/money-basics/certification.json';

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('the second program as shipped', () => {
  it('passes every check, lesson code included, and all three exercises can be proven', { timeout: 60_000 }, () => {
    const report = validateContent(fixture, { codeRoot: root });
    expect(report.issues.map(formatIssue)).toEqual([]);
    expect(report.provable.map((e) => `${e.id}:${e.kind}`).sort()).toEqual(['mb-parse-cents:implement', 'mb-review-invoice:review', 'mb-split-tests:write-tests']);
    expect(report.skipped).toEqual([]);
    expect(report.set.questions.length).toBeGreaterThanOrEqual(9);
    expect(report.set.lessons.map((l) => l.slug).sort()).toEqual(['cents-not-floats', 'splitting-amounts']);
  });
});

describe('lessons', () => {
  it('a ```ts block that does not compile is reported at its lesson line, with the compiler error and the fix', { timeout: 60_000 }, () => {
    const dir = brokenCopy((d) => editText(d, LESSON, (t) => t.replace('return a + b;', "return a + b + '';")));
    const lines = readFileSync(join(dir, LESSON), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes("return a + b + '';")) + 1;
    const found = messages(dir, true);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${LESSON}: line ${line}: the \`\`\`ts block that starts on line `);
    expect(found[0]).toContain("error TS2322: Type 'string' is not assignable to type 'number'");
    expect(found[0]).toContain('@ts-expect-error');
  });

  it('a lesson of another program listing or linking this program\'s exercise is told whose exercise it is', () => {
    const dir = brokenCopy((d) => {
      const other = join(d, 'content/programs/pocket-change');
      mkdirSync(join(other, 'lessons'), { recursive: true });
      const program = JSON.parse(readFileSync(join(d, 'content/programs/money-basics/program.json'), 'utf8')) as { id: string; sessions: { agenda: { kind: string; id?: string; lessons?: string[] }[] }[]; referenceLibrary?: unknown };
      program.id = 'pocket-change';
      delete program.referenceLibrary; // the platform's library: money-basics' is money-basics' own
      program.sessions = program.sessions.slice(0, 1).map((s) => ({ ...s, agenda: [{ ...s.agenda.find((b) => b.kind === 'module')!, id: 'pc-m1', lessons: ['coins'] }] }));
      writeFileSync(join(other, 'program.json'), JSON.stringify(program, null, 2));
      writeFileSync(
        join(other, 'lessons/coins.mdx'),
        [
          '---',
          'title: Coins',
          'description: Coins.',
          'durationMinutes: 5',
          'objectives:',
          '  - Count coins',
          'exercises:',
          '  - mb-parse-cents',
          '---',
          "import ExerciseLink from '../../../../src/components/lesson/ExerciseLink.astro';",
          '',
          '<ExerciseLink id="mb-parse-cents" />',
          '',
        ].join('\n'),
      );
    });
    expect(messages(dir)).toEqual([
      'content/programs/pocket-change/lessons/coins.mdx: exercises[0]: exercise "mb-parse-cents" belongs to program "money-basics", not "pocket-change": a lesson lists only its own program\'s exercises',
      'content/programs/pocket-change/lessons/coins.mdx: line 12: <ExerciseLink id="mb-parse-cents">: exercise "mb-parse-cents" belongs to program "money-basics", not "pocket-change": link only your own program\'s exercises',
    ]);
  });

  it('an <ExerciseLink> typo names the line and the exercise meant', () => {
    const dir = brokenCopy((d) => editText(d, LESSON, (t) => t.replace('<ExerciseLink id="mb-parse-cents" />', '<ExerciseLink id="mb-parse-cent" />')));
    const line = readFileSync(join(dir, LESSON), 'utf8').split('\n').findIndex((l) => l.includes('mb-parse-cent"')) + 1;
    expect(messages(dir)).toEqual([`${LESSON}: line ${line}: <ExerciseLink id="mb-parse-cent">: no exercise "mb-parse-cent" in exercises/ (did you mean "mb-parse-cents"?)`]);
  });

  it('a <Check> answer out of range names the check, the line and the valid indexes', () => {
    const dir = brokenCopy((d) => editText(d, LESSON, (t) => t.replace('answer={1}', 'answer={3}')));
    const line = readFileSync(join(dir, LESSON), 'utf8').split('\n').findIndex((l) => l.includes('id="exact-sum"')) ;
    expect(messages(dir)).toEqual([`${LESSON}: line ${line}: <Check id="exact-sum">: answer={3} is not an index into its 3 options (0 to 2)`]);
  });

  it('a component used without its import (or misspelt) is reported before the build fails on it', () => {
    const dir = brokenCopy((d) => editText(d, LESSON, (t) => t.replace('<Callout type="warning"', '<Calout type="warning"').replace('</Callout>', '</Calout>')));
    const found = messages(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${LESSON}: line \\d+: <Calout> is used but not imported, so the site will not build: did you mean <Callout>\\?$`));
  });

  it('reads components from markup only: not from code, inline code or attribute text', () => {
    const source = [
      '---',
      'title: x',
      '---',
      "import Check from './Check.astro';",
      '<Check id="a" question="Is Array<Item> fine?" options={[\'Promise<Date>\', "Map<K, V>"]} answer={0} explanation="x" />',
      'Text with `Promise<Date>` inline.',
      '```ts',
      'const x: Array<Foo> = [];',
      '```',
      '<Bar />',
      '<ExerciseLink id="abc" />',
    ].join('\n');
    const refs = lessonReferences(source);
    expect(refs.elements).toEqual([
      { name: 'Check', line: 5 },
      { name: 'Bar', line: 10 },
      { name: 'ExerciseLink', line: 11 },
    ]);
    expect(refs.exerciseLinks).toEqual([{ id: 'abc', line: 11 }]);
    expect(refs.imports).toEqual([{ names: ['Check'], from: './Check.astro', line: 4 }]);
  });

  it('an import that does not resolve names the path to write', () => {
    const dir = brokenCopy((d) => editText(d, LESSON, (t) => t.replace("'../../../../src/components/lesson/Figure.astro'", "'../../../src/components/lesson/Figure.astro'")));
    const line = readFileSync(join(dir, LESSON), 'utf8').split('\n').findIndex((l) => l.includes("'../../../src/")) + 1;
    expect(messages(dir)).toEqual([
      `${LESSON}: line ${line}: import from '../../../src/components/lesson/Figure.astro' does not resolve to a file: write '../../../../src/components/lesson/Figure.astro'`,
    ]);
  });
});

describe('exercises', () => {
  it('a bad kind lists the kinds and the one meant, instead of zod\'s text', () => {
    const dir = brokenCopy((d) => editJson(d, PARSE, (e) => (e['kind'] = 'implemnt')));
    const found = messages(dir);
    expect(found).toContain(`${PARSE}: kind: "implemnt" is not a known kind: use one of "implement", "debug", "optimize", "write-tests" or "review" (did you mean "implement"?)`);
    expect(found.join('\n')).not.toMatch(/Invalid (discriminator|input)/);
  });

  it('an exercise with problems of its own is skipped and named; the others are still proven', () => {
    const dir = brokenCopy((d) => {
      editJson(d, PARSE, (e) => (e['hiddenTestCont'] = 10));
      editJson(d, CERT, (c) => ((c['levels'] as { assessment: Record<string, unknown> }[])[0]!.assessment['timeLimitMinutes'] = 0));
    });
    const report = validateContent(dir, { codeRoot: root, lessonCode: false });
    const link = readFileSync(join(dir, LESSON), 'utf8').split('\n').findIndex((l) => l.includes('<ExerciseLink id="mb-parse-cents"')) + 1;
    expect(report.issues.map(formatIssue)).toEqual([
      `${PARSE}: hiddenTestCont: unknown field: did you mean "hiddenTestCount"?`,
      `${CERT}: levels[0].assessment.timeLimitMinutes: must be greater than 0 (found 0)`,
      `${LESSON}: exercises[0]: exercise "mb-parse-cents" did not load: fix exercises/mb-parse-cents/exercise.json first (its problems are listed above)`,
      `${LESSON}: line ${link}: <ExerciseLink id="mb-parse-cents">: exercise "mb-parse-cents" did not load: fix exercises/mb-parse-cents/exercise.json first (its problems are listed above)`,
    ]);
    expect(report.provable.map((e) => e.id).sort()).toEqual(['mb-review-invoice', 'mb-split-tests']);
    expect(report.skipped).toEqual([{ id: 'mb-parse-cents', reason: 'exercises/mb-parse-cents/exercise.json did not load (see above); it is graded once it does' }]);
    expect(report.notes).toEqual([`${CERT} did not load, so the wrong solutions of its tasks are not held to a component's pass mark until it does`]);
  });

  it('a cross-reference problem of an exercise skips only that exercise', () => {
    const dir = brokenCopy((d) => editJson(d, PARSE, (e) => (e['module'] = 'm1-cent')));
    const report = validateContent(dir, { codeRoot: root, lessonCode: false });
    expect(report.issues.map(formatIssue)).toEqual([
      `${PARSE}: module: content/programs/money-basics/program.json has no module "m1-cent" (modules: "m1-cents" or "m2-splitting") (did you mean "m1-cents"?)`,
    ]);
    expect(report.skipped).toEqual([{ id: 'mb-parse-cents', reason: 'exercises/mb-parse-cents/ has 1 problem(s) listed above; it is graded once they are fixed' }]);
    expect(report.provable).toHaveLength(2);
  });
});

describe('review answer keys and quiz files', () => {
  it('a key finding with a category the exercise lacks is reported in the key file, and only that exercise is skipped', () => {
    const key = 'exercises/mb-review-invoice/tests/hidden/review-key.json';
    const dir = brokenCopy((d) => editText(d, key, (t) => t.replace('"line": 25, "category": "rounding"', '"line": 25, "category": "roundng"')));
    const report = validateContent(dir, { codeRoot: root, lessonCode: false });
    expect(report.issues.map(formatIssue)).toEqual([
      `${key}: findings[1].category: "roundng" is not one of exercise.json's categories ("representation", "rounding", "validation" or "naming") (did you mean "rounding"?)`,
    ]);
    expect(report.skipped.map((s) => s.id)).toEqual(['mb-review-invoice']);
  });

  it('a question written as YAML is reported, since the site reads .json questions only', () => {
    const dir = brokenCopy((d) => writeFileSync(join(d, 'assessments/money-basics/questions/extra.yaml'), 'id: extra\n'));
    expect(messages(dir)).toEqual(['assessments/money-basics/questions/extra.yaml: is YAML, but quiz questions are read from .json files only: write it as extra.json']);
  });
});

describe('certification', () => {
  it('perSkillMinimum for a skill the program lacks names program.json\'s skill areas, not an empty bank', () => {
    const dir = brokenCopy((d) =>
      editJson(d, CERT, (c) => {
        const quiz = (c['components'] as { perSkillMinimum?: Record<string, number> }[])[0]!;
        quiz.perSkillMinimum = { ...quiz.perSkillMinimum, budgeting: 1 };
      }),
    );
    expect(messages(dir)).toEqual([
      `${CERT}: components[0].perSkillMinimum.budgeting: "budgeting" is not one of content/programs/money-basics/program.json's skill areas ("representation", "arithmetic" or "review"): use one of them`,
    ]);
  });

  it('a task that is a practice exercise says which flag to set, and where', () => {
    const dir = brokenCopy((d) => editJson(d, CERT, (c) => ((c['components'] as { exercise?: string }[])[1]!.exercise = 'mb-parse-cents')));
    expect(messages(dir)).toContain(
      `${CERT}: components[1].exercise: exercise "mb-parse-cents" is a practice exercise: set "certification": true in exercises/mb-parse-cents/exercise.json (a task never offers "show solution")`,
    );
  });
});

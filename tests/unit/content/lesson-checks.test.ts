// The <Check> parser the server judges answers with, and content:check's rules for checks: readable,
// unique ids, a key inside the options, distinct options, and keys spread across positions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/server/content/files.ts';
import { keyPositionCounts, keySpreadIssue, lessonCheckIssues, lessonFileCheckIssues, MAX_KEY_SHARE } from '../../../src/server/content/lesson-check-issues.ts';
import { parseLessonChecks } from '../../../src/server/content/lesson-checks.ts';

const root = join(import.meta.dirname, '../../..');

const check = (attrs: string) => `<Check\n${attrs}\n/>`;
const valid = (id: string, answer = 0) =>
  check(`  id="${id}"\n  question="Which one?"\n  options={['first', "it's second", \`third\`]}\n  answer={${answer}}\n  explanation="Because."`);

describe('parseLessonChecks', () => {
  it('reads the attribute forms lessons use, with the line of each check', () => {
    const source = [
      '---',
      'title: x',
      '---',
      "import Check from './Check.astro';",
      '',
      valid('one', 2),
      '',
      '<Check',
      '  id="two"',
      '  question="Escapes?"',
      "  options={[",
      "    'a \\'quoted\\' word', // a comment",
      '    "tab\\there",',
      "    'caf\\u00e9',",
      '  ]}',
      '  answer={1}',
      '  explanation=\'Single-quoted JSX string with "double" quotes inside\'',
      '/>',
    ].join('\n');
    const { checks, problems } = parseLessonChecks(source);
    expect(problems).toEqual([]);
    expect(checks).toEqual([
      { id: 'one', question: 'Which one?', options: ['first', "it's second", 'third'], answer: 2, explanation: 'Because.', line: 6 },
      {
        id: 'two',
        question: 'Escapes?',
        options: ["a 'quoted' word", 'tab\there', 'café'],
        answer: 1,
        explanation: 'Single-quoted JSX string with "double" quotes inside',
        line: 14,
      },
    ]);
  });

  it('ignores <Check in fenced code and other components whose name starts with Check', () => {
    const source = ['```mdx', valid('in-code'), '```', '<CheckResult value={1} />', 'const x: CheckStatus = 1;', valid('real')].join('\n');
    expect(parseLessonChecks(source).checks.map((c) => c.id)).toEqual(['real']);
  });

  it('reports what it cannot read, with the line, and keeps the readable checks', () => {
    const source = [
      valid('fine'),
      check('  id="no-answer"\n  question="Q"\n  options={["a", "b"]}\n  explanation="E"'),
      check('  id="tpl"\n  question="Q"\n  options={[`a ${x}`, "b"]}\n  answer={0}\n  explanation="E"'),
      '<Check id="open" question="Q" options={["a","b"]} answer={0} explanation="E">child</Check>',
      check('  id="extra"\n  question="Q"\n  options={["a", "b"]}\n  answer={0}\n  explanation="E"\n  hint="no"'),
      check('  id="expr"\n  question="Q"\n  options={list}\n  answer={0}\n  explanation="E"'),
    ].join('\n');
    const { checks, problems } = parseLessonChecks(source);
    expect(checks.map((c) => c.id)).toEqual(['fine']);
    expect(problems).toEqual([
      { line: 8, message: '<Check>: "answer" must be an integer, e.g. answer={0}' },
      { line: 14, message: '<Check>: template strings with ${…} are not supported here: write the text out' },
      { line: 21, message: '<Check>: write <Check … /> as a self-closing element' },
      { line: 22, message: '<Check>: unknown attribute "hint"' },
      { line: 30, message: '<Check>: expected a string, a number or an array, found "l"' },
    ]);
  });
});

describe('content:check rules for checks', () => {
  it('names the file and line of duplicate ids, out-of-range keys, repeated options and bad ids', () => {
    const source = [
      valid('same'),
      valid('same'),
      check('  id="Bad_Id"\n  question="Q"\n  options={["a", "a"]}\n  answer={2}\n  explanation="E"'),
    ].join('\n');
    const { issues } = lessonFileCheckIssues('content/programs/p/lessons/l.mdx', source);
    expect(issues).toEqual([
      { file: 'content/programs/p/lessons/l.mdx', field: 'line 8', message: '<Check id="same">: id is already used by the check on line 1 of this lesson' },
      { file: 'content/programs/p/lessons/l.mdx', field: 'line 15', message: '<Check id="Bad_Id">: id must be lowercase kebab-case (a-z, 0-9, -), at most 100 characters' },
      { file: 'content/programs/p/lessons/l.mdx', field: 'line 15', message: '<Check id="Bad_Id">: two options have the same text' },
      { file: 'content/programs/p/lessons/l.mdx', field: 'line 15', message: '<Check id="Bad_Id">: answer={2} is not an index into its 2 options (0 to 1)' },
    ]);
  });

  it('counts keys by position', () => {
    expect(keyPositionCounts([{ answer: 1 }, { answer: 1 }, { answer: 3 }])).toEqual([0, 2, 0, 1]);
  });

  it(`fails when one position holds more than ${MAX_KEY_SHARE * 100} % of the keys, and lists the counts`, () => {
    const keys = (...counts: number[]) => counts.flatMap((n, answer) => Array.from({ length: n }, () => ({ answer })));
    // 4 of 10 is exactly 40 %: allowed
    expect(keySpreadIssue('content/programs/p/lessons/', keys(4, 3, 3))).toBeNull();
    const issue = keySpreadIssue('content/programs/p/lessons/', keys(2, 39, 5));
    expect(issue?.file).toBe('content/programs/p/lessons/');
    expect(issue?.message).toContain('the 2nd option is the key of 39 (85 %), more than 40 % (at most 18)');
    expect(issue?.message).toContain('Keys by position: 1st 2, 2nd 39, 3rd 5.');
    expect(keySpreadIssue('x', keys(0, 5, 6))?.message).toContain('the 3rd option is the key of 6');
    // a handful of checks is not judged: two checks are 50 % each whatever their order
    expect(keySpreadIssue('x', keys(0, 3))).toBeNull();
  });

  it('the course lessons pass every rule, keys included', () => {
    const set = loadContent(root);
    expect(lessonCheckIssues(root, set)).toEqual([]);
    const all = set.lessons.flatMap((l) => parseLessonChecks(readFileSync(join(root, l.file), 'utf8')).checks);
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const n of keyPositionCounts(all)) expect(n / all.length).toBeLessThanOrEqual(MAX_KEY_SHARE);
  });
});

// Schema problems in plain words: every kind of zod issue the content schemas raise comes out as the
// field, what it must be, the value found and, for names, the one probably meant — never zod's text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import { certificationSchema } from '../../../src/lib/schemas/certification.ts';
import { exerciseSchema } from '../../../src/lib/schemas/exercise.ts';
import { programSchema } from '../../../src/lib/schemas/program.ts';
import { questionSchema } from '../../../src/lib/schemas/question.ts';
import { formatIssue, knownFields, zodIssues } from '../../../src/server/content/issues.ts';
import { closest, editDistance, listNames } from '../../../src/server/content/suggest.ts';

const fixture = join(import.meta.dirname, '../../fixtures/programs/money-basics');
const json = (file: string) => JSON.parse(readFileSync(join(fixture, file), 'utf8')) as Record<string, unknown>;
const exercise = json('exercises/mb-parse-cents/exercise.json');
const question = json('assessments/money-basics/questions/split-rule.json');
const certification = json('assessments/money-basics/certification.json');
const program = json('content/programs/money-basics/program.json');

function problems(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return [];
  return zodIssues('f.json', result.error, { schema, input }).map(formatIssue);
}

describe('zod issues in plain words', () => {
  it('the fixture files are valid as they are', () => {
    expect([problems(exerciseSchema, exercise), problems(questionSchema, question), problems(certificationSchema, certification), problems(programSchema, program)]).toEqual([[], [], [], []]);
  });

  it('a kind or type that does not exist lists the ones that do', () => {
    expect(problems(exerciseSchema, { ...exercise, kind: 'reveiw' })).toEqual([
      'f.json: kind: "reveiw" is not a known kind: use one of "implement", "debug", "optimize", "write-tests" or "review" (did you mean "review"?)',
    ]);
    expect(problems(exerciseSchema, { ...exercise, kind: undefined })).toEqual(['f.json: kind: is required: use one of "implement", "debug", "optimize", "write-tests" or "review"']);
    const components = [{ ...(certification['components'] as object[])[0], type: 'exam' }];
    expect(problems(certificationSchema, { ...certification, components })).toEqual(['f.json: components[0].type: "exam" is not a known type: use one of "quiz" or "task"']);
  });

  it('an unknown field gets the field probably meant, or the fields allowed', () => {
    expect(problems(exerciseSchema, { ...exercise, editabel: ['x.ts'] })).toEqual(['f.json: editabel: unknown field: did you mean "editable"?']);
    const [unknown] = problems(exerciseSchema, { ...exercise, mutants: ['m1'] });
    expect(unknown).toMatch(/^f\.json: mutants: unknown field: remove it, or use one of the fields allowed here: "id", .*"hiddenTestCount", .*"timeLimitMs"/);
    const [level] = certification['levels'] as { assessment: Record<string, unknown> }[];
    const attempts = { ...(level?.assessment['attempts'] as object), cooldown: 1 };
    const levels = [{ ...level, assessment: { ...level?.assessment, attempts } }];
    expect(problems(certificationSchema, { ...certification, levels })).toEqual([
      'f.json: levels[0].assessment.attempts.cooldown: unknown field: remove it, or use one of the fields allowed here: "max", "cooldownHours" or "submissionsPerTask"',
    ]);
  });

  it('wrong types, ranges and lengths say what the field must be and what was found', () => {
    expect(problems(exerciseSchema, { ...exercise, hiddenTestCount: 2.5, session: 'one', title: '', editable: [], timeLimitMs: 100, difficulty: 'easy' })).toEqual([
      'f.json: title: must not be empty',
      'f.json: session: must be a number (found "one")',
      'f.json: difficulty: must be one of "beginner", "intermediate" or "advanced" (found "easy")',
      'f.json: editable: needs at least 1 entry (it has 0)',
      'f.json: hiddenTestCount: must be a whole number (found 2.5)',
      'f.json: timeLimitMs: must be at least 1000 (found 100)',
    ]);
    expect(problems(exerciseSchema, { ...exercise, hiddenTestCount: undefined })).toEqual(['f.json: hiddenTestCount: is required: write a number']);
    expect(problems(exerciseSchema, { ...exercise, editable: ['../up.ts'] })).toEqual(['f.json: editable[0]: must be a relative path inside starter/ without ".." (found "../up.ts")']);
    expect(problems(exerciseSchema, [exercise])).toEqual(['f.json: must be a JSON object { … } of fields, not a list of 1']);
  });

  it('question rules: difficulty, keys, option count and lengths', () => {
    const options = question['options'] as { id: string; text: string; correct?: boolean }[];
    expect(problems(questionSchema, { ...question, difficulty: 4 })).toEqual(['f.json: difficulty: must be one of 1, 2 or 3 (found 4)']);
    expect(problems(questionSchema, { ...question, options: options.map((o) => ({ ...o, correct: o.correct ?? false })) })).toEqual([
      'f.json: options[1].correct: must be true when present: mark the correct option(s) with true and leave the field out elsewhere (found false)',
      'f.json: options[2].correct: must be true when present: mark the correct option(s) with true and leave the field out elsewhere (found false)',
      'f.json: options[3].correct: must be true when present: mark the correct option(s) with true and leave the field out elsewhere (found false)',
    ]);
    expect(problems(questionSchema, { ...question, options: options.slice(0, 2), prompt: 'Short?' })).toEqual([
      'f.json: prompt: must be at least 10 characters long (it has 6)',
      'f.json: options: needs at least 3 entries (it has 2)',
    ]);
    expect(problems(questionSchema, { ...question, options: options.map((o) => ({ id: o.id, text: o.text })) })).toEqual(['f.json: options: a "single" question needs exactly 1 correct option, found 0']);
  });

  it('write-tests mutants: each entry is checked in its own form, and quoted', () => {
    const wt = json('exercises/mb-split-tests/exercise.json');
    expect(problems(exerciseSchema, { ...wt, mutants: [{ id: 'remainder-dropped', class: 'rounding', required: 'yes' }, 5] })).toEqual([
      'f.json: mutants[0].required: must be true or false (found "yes")',
      'f.json: mutants[1]: must be a mutant folder name ("off-by-one") or an object {"id", "class", "required", "description"}',
    ]);
  });

  it('knownFields follows the discriminated union to the kind in the input', () => {
    const review = json('exercises/mb-review-invoice/exercise.json');
    expect(knownFields(exerciseSchema, review, [])).toContain('maxFindings');
    expect(knownFields(exerciseSchema, review, [])).not.toContain('mutants');
    expect(knownFields(certificationSchema, certification, ['components', 0])).toContain('perSkillMinimum');
    expect(knownFields(certificationSchema, certification, ['components', 1])).toContain('exercise');
  });
});

describe('suggestions', () => {
  it('finds the close name, and none when nothing is close or two are equally close', () => {
    expect(editDistance('mb-parse-cent', 'mb-parse-cents')).toBe(1);
    expect(editDistance('teh', 'the')).toBe(1);
    expect(closest('implemnt', ['implement', 'debug'])).toBe('implement');
    expect(closest('budgeting', ['representation', 'arithmetic', 'review'])).toBeUndefined();
    expect(closest('ab', ['ac', 'ad'])).toBeUndefined();
    expect(listNames(['a', 'b', 'c'])).toBe('"a", "b" or "c"');
    expect(listNames(['a', 'b', 'c'], 2)).toBe('"a", "b", … (3 in all)');
  });
});

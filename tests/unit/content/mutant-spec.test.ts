// exercise.json `mutants` of write-tests exercises, read by both parsers that exist (the content
// schema and the grader's loader): they must accept and refuse the same files, name the same field,
// and produce the same mutant list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutantClassLabel } from '../../../src/lib/mutant-spec.ts';
import { exerciseSchema } from '../../../src/lib/schemas/exercise.ts';
import { zodIssues } from '../../../src/server/content/issues.ts';
import { parseExerciseDefinition } from '../../../src/server/grader/exercise-loader.ts';

const root = join(import.meta.dirname, '../../..');

const base = {
  id: 'wt',
  program: 'clean-timestamp',
  title: 'Write tests',
  summary: 'One sentence.',
  session: 1,
  module: 's1-m4',
  skill: 'testing',
  kind: 'write-tests',
  difficulty: 'beginner',
  estimateMinutes: 10,
  instructions: 'instructions.md',
  editable: ['tests/x.test.ts'],
  hiddenTestCount: 0,
};

/** Both parsers' answers: the schema's issues (file-relative fields) and the loader's error or mutant list. */
function parseBoth(extra: Record<string, unknown>) {
  const raw = { ...base, ...extra };
  const zod = exerciseSchema.safeParse(raw);
  const schemaIssues = zod.success ? [] : zodIssues('exercises/wt/exercise.json', zod.error).map((i) => `${i.field ?? ''}: ${i.message}`);
  let loaderError: string | undefined;
  let loaderMutants: unknown;
  try {
    const def = parseExerciseDefinition(raw, 'wt');
    if (def.kind === 'write-tests') loaderMutants = def.mutants;
  } catch (error) {
    loaderError = (error as Error).message;
  }
  const schemaMutants = zod.success && zod.data.kind === 'write-tests' ? zod.data.mutants : undefined;
  return { schemaIssues, loaderError, schemaMutants, loaderMutants };
}

describe('mutants in exercise.json', () => {
  it('accepts plain folder names and described mutants, the same way in both parsers', () => {
    const both = parseBoth({
      mutants: ['plain', { id: 'utc-one', class: 'utc', required: true, description: 'writes no Z' }, { id: 'other', class: 'events' }],
    });
    expect(both.schemaIssues).toEqual([]);
    expect(both.loaderError).toBeUndefined();
    const expected = [
      { id: 'plain', required: false },
      { id: 'utc-one', class: 'utc', required: true, description: 'writes no Z' },
      { id: 'other', class: 'events', required: false },
    ];
    expect(both.schemaMutants).toEqual(expected);
    expect(both.loaderMutants).toEqual(expected);
  });

  it.each([
    ['an unknown class', { mutants: [{ id: 'a', class: 'weather' }] }, 'mutants[0].class', /unknown class "weather"/],
    ['the same mutant twice', { mutants: ['a', { id: 'a', class: 'utc' }] }, 'mutants[1].id', /listed twice/],
    ['a described mutant without a class', { mutants: [{ id: 'a', required: true }] }, 'mutants[0]', /class/],
    ['an unknown field', { mutants: [{ id: 'a', class: 'utc', requierd: true }] }, 'mutants[0]', /requierd/],
    ['required that is not a boolean', { mutants: [{ id: 'a', class: 'utc', required: 'yes' }] }, 'mutants[0].required', /./],
    ['a folder name that is not kebab-case', { mutants: ['Bad Name'] }, 'mutants[0]', /kebab-case/],
    ['no mutants', { mutants: [] }, 'mutants', /./],
  ])('refuses %s in both parsers, naming the field', (_what, extra, field, message) => {
    const both = parseBoth(extra);
    expect(both.schemaIssues.join('\n')).toContain(field);
    expect(both.schemaIssues.join('\n')).toMatch(message);
    expect(both.loaderError).toContain(`"wt"`);
    expect(both.loaderError).toContain(field);
  });

  it('accepts a class the exercise labels itself, and uses its label', () => {
    const both = parseBoth({ mutants: [{ id: 'a', class: 'weather', required: true }], mutantClasses: { weather: 'a weather bug' } });
    expect(both.schemaIssues).toEqual([]);
    expect(both.loaderError).toBeUndefined();
    expect(mutantClassLabel('weather', { weather: 'a weather bug' })).toBe('a weather bug');
    expect(mutantClassLabel('utc')).toBe('a UTC bug');
    expect(mutantClassLabel(undefined)).toBe('a bug');
  });

  it('reads the course exercise identically in both parsers, with both UTC mutants required', () => {
    const raw = JSON.parse(readFileSync(join(root, 'exercises/s1-timestamp-tests/exercise.json'), 'utf8')) as unknown;
    const zod = exerciseSchema.parse(raw);
    const loaded = parseExerciseDefinition(raw, 's1-timestamp-tests');
    if (zod.kind !== 'write-tests' || loaded.kind !== 'write-tests') throw new Error('not a write-tests exercise');
    expect(loaded.mutants).toEqual(zod.mutants);
    expect(loaded.mutants.filter((m) => m.class === 'utc').map((m) => [m.id, m.required])).toEqual([
      ['naive-import', true],
      ['record-without-zone', true],
    ]);
  });
});

// exercise.json `mutants` of write-tests exercises, read by the one exercise schema: content:check
// and the grader's exercises (src/server/content/exercise-folder.ts loadExercise) both go through it,
// so they accept and refuse the same files, name the same field, and see the same mutant list.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutantClassLabel } from '../../../src/lib/mutant-spec.ts';
import { exerciseSchema } from '../../../src/lib/schemas/exercise.ts';
import { ExerciseContentError, loadExercise } from '../../../src/server/content/exercise-folder.ts';
import { zodIssues } from '../../../src/server/content/issues.ts';

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

/**
 * The schema's answer (issues with file-relative fields, or the mutant list) and the grader loader's,
 * which reads the same exercise.json from a folder: its error, or the mutants of what it loaded.
 */
function parseBoth(extra: Record<string, unknown>) {
  const raw = { ...base, ...extra };
  const zod = exerciseSchema.safeParse(raw);
  const schemaIssues = zod.success ? [] : zodIssues('exercises/wt/exercise.json', zod.error).map((i) => `${i.field ?? ''}: ${i.message}`);
  const root = mkdtempSync(join(tmpdir(), 'practicum-mutants-'));
  let loaderError: string | undefined;
  let loaderMutants: unknown;
  try {
    mkdirSync(join(root, 'exercises/wt'), { recursive: true });
    writeFileSync(join(root, 'exercises/wt/exercise.json'), JSON.stringify(raw));
    const def = loadExercise(root, 'wt').definition;
    if (def.kind === 'write-tests') loaderMutants = def.mutants;
  } catch (error) {
    if (!(error instanceof ExerciseContentError)) throw error;
    loaderError = error.message;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const schemaMutants = zod.success && zod.data.kind === 'write-tests' ? zod.data.mutants : undefined;
  return { schemaIssues, loaderError, schemaMutants, loaderMutants };
}

describe('mutants in exercise.json', () => {
  it('accepts plain folder names and described mutants, the same way for content:check and the grader', () => {
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
  ])('refuses %s for content:check and the grader alike, naming the file and the field', (_what, extra, field, message) => {
    const both = parseBoth(extra);
    expect(both.schemaIssues.join('\n')).toContain(field);
    expect(both.schemaIssues.join('\n')).toMatch(message);
    expect(both.loaderError).toContain('exercises/wt/exercise.json');
    expect(both.loaderError).toContain(field);
    expect(both.loaderError).toMatch(message);
  });

  it('accepts a class the exercise labels itself, and uses its label', () => {
    const both = parseBoth({ mutants: [{ id: 'a', class: 'weather', required: true }], mutantClasses: { weather: 'a weather bug' } });
    expect(both.schemaIssues).toEqual([]);
    expect(both.loaderError).toBeUndefined();
    expect(mutantClassLabel('weather', { weather: 'a weather bug' })).toBe('a weather bug');
    expect(mutantClassLabel('utc')).toBe('a UTC bug');
    expect(mutantClassLabel(undefined)).toBe('a bug');
  });

  it('reads the course exercise identically for content:check and the grader, with both UTC mutants required', () => {
    const raw = JSON.parse(readFileSync(join(root, 'exercises/s1-timestamp-tests/exercise.json'), 'utf8')) as unknown;
    const zod = exerciseSchema.parse(raw);
    const loaded = loadExercise(root, 's1-timestamp-tests').definition;
    if (zod.kind !== 'write-tests' || loaded.kind !== 'write-tests') throw new Error('not a write-tests exercise');
    expect(loaded.mutants).toEqual(zod.mutants);
    expect(loaded.mutants.filter((m) => m.class === 'utc').map((m) => [m.id, m.required])).toEqual([
      ['naive-import', true],
      ['record-without-zone', true],
    ]);
  });
});

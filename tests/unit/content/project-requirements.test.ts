// content:check's rules for project requirements (project-requirement-issues.ts), on the final
// project's real folder with its definition changed the way an author could get it wrong: each
// problem is named by its field with a plain fix, and the definition as shipped has none.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../src/server/content/exercise-folder.ts';
import { projectRequirementIssues } from '../../../src/server/content/project-requirement-issues.ts';
import { exerciseSchema, type Exercise } from '../../../src/lib/schemas/exercise.ts';

const root = join(import.meta.dirname, '../../..');
const FILE = 'exercises/s2-final-project/exercise.json';
const shipped = loadExercise(root, 's2-final-project').definition;
type Implement = Extract<Exercise, { kind: 'implement' | 'debug' | 'optimize' }>;
const changed = (change: (d: Implement) => Implement): Exercise => change(structuredClone(shipped) as Implement);
const fields = (ex: Exercise) => projectRequirementIssues(root, FILE, ex).map((i) => [i.field, i.message]);

describe('project requirement checks', () => {
  it('finds nothing wrong with the final project as shipped', () => {
    expect(shipped.kind === 'implement' && shipped.coverage && shipped.readme && shipped.monitoring).toBeTruthy();
    expect(fields(shipped)).toEqual([]);
  });

  it('names a test glob that matches no editable file, and code globs that match nothing', () => {
    const ex = changed((d) => ({ ...d, coverage: { ...d.coverage!, tests: ['test/**/*.spec.ts'], of: ['lib/**/*.ts'] } }));
    expect(fields(ex)).toEqual([
      ['coverage.tests', expect.stringMatching(/^matches none of the editable files \(src\/task\.ts, .*\): coverage is measured by running the learner's own tests/)],
      ['coverage.of', expect.stringMatching(/^matches no code file under exercises\/s2-final-project\/starter\//)],
    ]);
  });

  it('refuses configuration files among the editable ones, a README the learner cannot edit, and a missing monitoring block', () => {
    const ex = changed((d) => ({
      ...d,
      editable: [...d.editable, 'vitest.config.ts', 'package.json'],
      readme: { ...d.readme!, file: 'docs/DESIGN.md' },
      monitoring: { ...d.monitoring!, describe: 'Metrics' },
    }));
    expect(fields(ex)).toEqual([
      ['editable[4]', '"vitest.config.ts" configures how tests run: the grader measures coverage with its own settings, so the learner may not edit it (remove it from "editable")'],
      ['editable[5]', '"package.json" configures how tests run: the grader measures coverage with its own settings, so the learner may not edit it (remove it from "editable")'],
      ['readme.file', expect.stringMatching(/^"docs\/DESIGN\.md" is not one of the editable files: add it to "editable"/)],
      ['monitoring.describe', expect.stringMatching(/^no test file in exercises\/s2-final-project\/tests\/hidden\/ has describe\('Metrics', …\)/)],
    ]);
  });

  it('rejects a minimum that names no metric, or a share above 1, in the schema', () => {
    const raw = { ...structuredClone(shipped), coverage: { of: ['src/**/*.ts'], minimum: {} } };
    expect(exerciseSchema.safeParse(raw).success).toBe(false);
    expect(exerciseSchema.safeParse({ ...raw, coverage: { of: ['src/**/*.ts'], minimum: { lines: 90 } } }).success).toBe(false);
    expect(exerciseSchema.safeParse({ ...raw, coverage: { of: ['../x/*.ts'], minimum: { lines: 0.9 } } }).success).toBe(false);
  });
});

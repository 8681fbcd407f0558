// Learners' own tests (write-tests exercises) may use every vitest matcher, including the async
// .resolves/.rejects chains, even though the harness locks chai and expect against tampering.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGrader } from '../../src/server/grader/grader.ts';
import { graderById, type GraderById } from '../helpers/grader-by-id.ts';

const root = join(import.meta.dirname, '../..');
let grader: GraderById;
beforeAll(async () => {
  grader = graderById(await createGrader({ projectRoot: root, solutionsDir: join(root, 'tests/fixtures/solutions'), poolSize: 1 }), join(root, 'tests/fixtures'));
});
afterAll(() => grader?.close());

it('grades learner tests that use .resolves and .rejects', async () => {
  const tests = `import { describe, expect, it } from 'vitest';
import { slugify } from '../src/slug.ts';
describe('slugify', () => {
  it('lower-cases the title', async () => { await expect(Promise.resolve(slugify('Hello World'))).resolves.toBe('hello-world'); });
  it('trims dashes at both ends', async () => {
    expect(slugify('  Clean code! ')).toBe('clean-code');
    await expect(Promise.reject(new Error('no'))).rejects.toThrow('no');
  });
});
`;
  const result = await grader.grade('fx-write-tests', { 'tests/slug.test.ts': tests });
  expect(result.tests.filter((t) => t.message?.includes('not extensible'))).toEqual([]);
  expect(result.status).toBe('pass');
});

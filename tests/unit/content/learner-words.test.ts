// content:check's "seed" rule: every learner-facing file is scanned (lessons, exercise descriptions,
// instructions, starter files, visible tests, quiz questions, program and certification files), the
// word is matched whole and in any form, and each hit names its file and line. Server-only files
// (hidden tests, solutions) are not learner-facing and are not scanned.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forbiddenWordsIn, learnerFacingFiles, learnerWordIssues } from '../../../src/server/content/learner-words.ts';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-words-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('forbiddenWordsIn', () => {
  it('matches seed, seeds, seeded and seeding in any case, as whole words only', () => {
    const text = ['The Seed says so.', 'Two seeds; a seeded test.', 'seeding the database', 'linseed, seedling and reseed are other words', 'SEED'].join('\n');
    const issues = forbiddenWordsIn('x.md', text);
    expect(issues.map((i) => [i.field, i.message.split(':')[0]])).toEqual([
      ['line 1', 'says "Seed"'],
      ['line 2', 'says "seeds", "seeded"'],
      ['line 3', 'says "seeding"'],
      ['line 5', 'says "SEED"'],
    ]);
    expect(issues[0]?.file).toBe('x.md');
    expect(issues[0]?.message).toContain('"the training plan"');
  });
});

describe('learnerWordIssues', () => {
  it('scans every learner-facing file and names file and line; hidden tests and solutions are not scanned', () => {
    root = tree({
      'content/programs/p/program.json': '{\n  "title": "From the seed"\n}\n',
      'content/programs/p/lessons/intro.mdx': '---\ntitle: Intro\n---\n\nThe seed\'s scenario.\n',
      'exercises/e/exercise.json': '{ "instructions": "README.md", "title": "Seeded data" }\n',
      'exercises/e/README.md': 'Port the seed.\n',
      'exercises/e/instructions.md': 'not the declared instructions file, so not scanned: seed\n',
      'exercises/e/starter/src/deep/task.ts': '// ok\n// a port of the seed\n',
      'exercises/e/tests/visible/task.test.ts': "it('seeds two tenants', () => {});\n",
      'exercises/e/tests/hidden/task.test.ts': '// server only: seed\n',
      'solutions/e/src/task.ts': '// server only: seed\n',
      'assessments/p/certification.json': '{ "title": "seed" }\n',
      'assessments/p/questions/q1.json': '{\n  "prompt": "In the seed…"\n}\n',
      'assessments/p/questions/q2.yaml': 'prompt: fine\nexplanation: the seeds\n',
    });
    const found = learnerWordIssues(root).map((i) => `${i.file}:${i.field}`);
    expect(found.sort()).toEqual(
      [
        'content/programs/p/program.json:line 2',
        'content/programs/p/lessons/intro.mdx:line 5',
        'exercises/e/exercise.json:line 1',
        'exercises/e/README.md:line 1',
        'exercises/e/starter/src/deep/task.ts:line 2',
        'exercises/e/tests/visible/task.test.ts:line 1',
        'assessments/p/certification.json:line 1',
        'assessments/p/questions/q1.json:line 2',
        'assessments/p/questions/q2.yaml:line 2',
      ].sort(),
    );
  });

  it('lists the course files it scans (lessons, instructions, starters, visible tests, questions)', () => {
    const course = join(import.meta.dirname, '../../..');
    const files = learnerFacingFiles(course).map((f) => f.slice(course.length + 1));
    expect(files).toContain('content/programs/clean-timestamp/program.json');
    expect(files).toContain('content/programs/clean-timestamp/lessons/troubleshooting-guide.mdx');
    expect(files).toContain('exercises/s3-distributed-touch/instructions.md');
    expect(files).toContain('exercises/s3-distributed-touch/starter/src/distributed-task.ts');
    expect(files).toContain('assessments/clean-timestamp/certification.json');
    expect(files.some((f) => f.startsWith('exercises/') && f.includes('/tests/visible/'))).toBe(true);
    expect(files.some((f) => f.startsWith('assessments/clean-timestamp/questions/'))).toBe(true);
    expect(files.some((f) => f.includes('/tests/hidden/') || f.startsWith('solutions/'))).toBe(false);
  });

  it('finds no "seed" anywhere a learner reads in the course', () => {
    const course = join(import.meta.dirname, '../../..');
    expect(learnerWordIssues(course)).toEqual([]);
  });
});

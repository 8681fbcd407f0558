// Every ```ts block in every lesson is a complete module that type-checks under the project's
// strictest settings against the reference library, so no lesson shows code that would not build.
// The check is content:check's own (src/server/content/lesson-code.ts), run here on the course and
// on blocks that must fail it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/server/content/files.ts';
import { formatIssue } from '../../../src/server/content/issues.ts';
import { lessonCodeIssues, lessonFences, typeCheckBlocks, typeScriptBlocks } from '../../../src/server/content/lesson-code.ts';

const root = join(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('lesson code blocks', () => {
  const set = loadContent(root);

  it('finds TypeScript blocks in the lessons', () => {
    expect(typeScriptBlocks(set, read).length).toBeGreaterThan(20);
  });

  it('type-check against the reference library', { timeout: 120_000 }, () => {
    expect(lessonCodeIssues(set, read, root).map(formatIssue)).toEqual([]);
  });

  it('reports a block that does not compile at the lesson line of the error, and accepts @ts-expect-error', { timeout: 60_000 }, () => {
    const source = [
      '---',
      'title: x',
      '---',
      '```ts',
      "import { coerceToUtc } from '@practicum/reference';",
      "const when: string = coerceToUtc('2025-01-01T00:00:00Z');",
      '```',
      '',
      '```ts',
      '// @ts-expect-error: a number is not a string',
      'const n: string = 1;',
      '```',
      '```text',
      'const not: checked = true;',
      '```',
    ].join('\n');
    const blocks = lessonFences('content/programs/p/lessons/l.mdx', source).filter((f) => f.lang === 'ts');
    expect(blocks.map((b) => b.line)).toEqual([4, 9]);
    const diagnostics = typeCheckBlocks(blocks, root);
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([[6, 2322]]);
  });
});

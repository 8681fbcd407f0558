// Every ```ts block in every lesson is a complete module that type-checks under the project's
// strictest settings against the reference library, so no lesson shows code that would not build.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typeCheckFiles } from '../../helpers/typecheck.ts';

const root = join(import.meta.dirname, '../../..');
const programsDir = join(root, 'content/programs');
const outDir = join(root, '.tmp/lesson-blocks');

interface Block {
  lesson: string;
  line: number;
  file: string;
}

function extractBlocks(): Block[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const blocks: Block[] = [];
  for (const program of readdirSync(programsDir)) {
    const lessonsDir = join(programsDir, program, 'lessons');
    for (const name of readdirSync(lessonsDir).filter((f) => f.endsWith('.mdx')).sort()) {
      const lines = readFileSync(join(lessonsDir, name), 'utf8').split('\n');
      let start = -1;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        if (start < 0 && /^\s*```(ts|typescript)\b/.test(line)) start = i;
        else if (start >= 0 && /^\s*```\s*$/.test(line)) {
          const code = lines.slice(start + 1, i).join('\n');
          const file = join(outDir, `${program}--${name.replace(/\.mdx$/, '')}--L${start + 1}.ts`);
          // `export {}` keeps each block its own module even when it has no import or export.
          writeFileSync(file, `${code}\nexport {};\n`);
          blocks.push({ lesson: `content/programs/${program}/lessons/${name}`, line: start + 1, file });
          start = -1;
        }
      }
    }
  }
  return blocks;
}

function typeCheck(files: string[]): ts.Diagnostic[] {
  // Snippets may declare things only to show them: unused names are not an error in a lesson.
  return typeCheckFiles(files, outDir, { noUnusedLocals: false, noUnusedParameters: false });
}

describe('lesson code blocks', () => {
  const blocks = extractBlocks();

  it('finds TypeScript blocks in the lessons', () => {
    expect(blocks.length).toBeGreaterThan(20);
  });

  it('type-check against the reference library', { timeout: 120_000 }, () => {
    const diagnostics = typeCheck(blocks.map((b) => b.file));
    const byFile = new Map(blocks.map((b) => [b.file, b]));
    const problems = diagnostics.map((d) => {
      const block = d.file ? byFile.get(d.file.fileName) : undefined;
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const where = block && pos ? `${block.lesson}:${block.line + 1 + pos.line}` : (d.file?.fileName ?? 'global');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});

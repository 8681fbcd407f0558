// Words learners never meet. The course was written from the team's own documents, which authors
// call "the seed"; learners only know those documents by name (the training plan, the handover,
// the implementation guide, the troubleshooting guide), so any learner-facing file that says
// "seed" points at something they have never seen. Scans every file a learner can read: lessons,
// exercise descriptions, instructions, starter files and visible tests, quiz questions, program
// and certification files — hidden tests and solutions stay on the server and are not scanned.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentIssue } from './issues.ts';

export interface ForbiddenWord {
  pattern: RegExp;
  word: string;
  instead: string;
}

export const FORBIDDEN_WORDS: readonly ForbiddenWord[] = [
  {
    // whole word, any case, with its inflections: seed, seeds, seeded, seeding
    pattern: /\bseed(?:s|ed|ing)?\b/gi,
    word: 'seed',
    instead: 'name the source in the course\'s own terms: "the training plan", "the team\'s handover", "the implementation guide", "the troubleshooting guide"',
  },
];

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

function filesUnder(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

const subdirs = (dir: string): string[] => (isDir(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.') && isDir(join(dir, n))).sort() : []);

/** Every learner-facing content file under `root`, as absolute paths. */
export function learnerFacingFiles(root: string): string[] {
  const files: string[] = [];
  const programs = join(root, 'content/programs');
  for (const program of subdirs(programs)) {
    files.push(join(programs, program, 'program.json'));
    files.push(...filesUnder(join(programs, program, 'lessons')).filter((f) => f.endsWith('.mdx')));
  }
  const exercises = join(root, 'exercises');
  for (const id of subdirs(exercises)) {
    const dir = join(exercises, id);
    files.push(join(dir, 'exercise.json'));
    let instructions = 'instructions.md';
    try {
      const declared = (JSON.parse(readFileSync(join(dir, 'exercise.json'), 'utf8')) as { instructions?: unknown }).instructions;
      if (typeof declared === 'string') instructions = declared;
    } catch {
      // an unreadable exercise.json is reported by the schema check; scan the default name
    }
    files.push(join(dir, instructions));
    files.push(...filesUnder(join(dir, 'starter')), ...filesUnder(join(dir, 'tests/visible')));
  }
  const assessments = join(root, 'assessments');
  for (const program of subdirs(assessments)) {
    files.push(join(assessments, program, 'certification.json'));
    files.push(...filesUnder(join(assessments, program, 'questions')).filter((f) => /\.(json|ya?ml)$/.test(f)));
  }
  return files.filter((f) => existsSync(f));
}

/** One issue per line that uses a forbidden word (in any of its forms), naming the file and the line. */
export function forbiddenWordsIn(file: string, text: string, words: readonly ForbiddenWord[] = FORBIDDEN_WORDS): ContentIssue[] {
  const issues: ContentIssue[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { pattern, word, instead } of words) {
      const found = [...new Set(Array.from(line.matchAll(pattern), (m) => `"${m[0]}"`))];
      if (found.length) issues.push({ file, field: `line ${i + 1}`, message: `says ${found.join(', ')}: learners never meet the word "${word}"; ${instead}` });
    }
  });
  return issues;
}

export function learnerWordIssues(root: string): ContentIssue[] {
  return learnerFacingFiles(root).flatMap((file) => forbiddenWordsIn(relative(root, file), readFileSync(file, 'utf8')));
}

// Reads content straight from disk (content:check, the grade CLI, the proofs and tests; the server
// reads through the catalogue, catalog.ts) and validates it with the same schemas the content
// collections use. Problems come back as ContentIssues, never as throws.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'astro/zod';
import { programSchema, type Program } from '../../lib/schemas/program.ts';
import { lessonSchema, type LessonFrontmatter } from '../../lib/schemas/lesson.ts';
import { exerciseSchema, type Exercise } from '../../lib/schemas/exercise.ts';
import { questionSchema, type Question } from '../../lib/schemas/question.ts';
import { certificationSchema, type Certification } from '../../lib/schemas/certification.ts';
import { zodIssues, type ContentIssue } from './issues.ts';

export interface Loaded<T> {
  file: string;
  data: T;
}

export interface ContentSet {
  programs: Loaded<Program>[];
  lessons: (Loaded<LessonFrontmatter> & { program: string; slug: string; body: string })[];
  exercises: Loaded<Exercise>[];
  questions: (Loaded<Question> & { program: string })[];
  certifications: Loaded<Certification>[];
  issues: ContentIssue[];
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const listDirs = (p: string) => (isDir(p) ? readdirSync(p).filter((n) => !n.startsWith('_') && !n.startsWith('.') && isDir(join(p, n))).sort() : []);
const listFiles = (p: string, ext: string) => (isDir(p) ? readdirSync(p).filter((n) => n.endsWith(ext) && !n.startsWith('_')).sort() : []);

function parseWith<T>(root: string, file: string, raw: unknown, schema: z.ZodType<T>, issues: ContentIssue[]): T | null {
  // reportInput: messages quote the value found ("found \"implemnt\"")
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  issues.push(...zodIssues(relative(root, file), result.error, { schema, input: raw }));
  return null;
}

function readJson(root: string, file: string, issues: ContentIssue[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    issues.push({ file: relative(root, file), message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    return undefined;
  }
}

export function splitFrontmatter(source: string): { frontmatter: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  return match ? { frontmatter: match[1] ?? '', body: match[2] ?? '' } : null;
}

/** exercises/<id>/exercise.json, validated with the exercise schema; null (and issues) when it is missing or invalid. */
export function readExercise(root: string, id: string, issues: ContentIssue[]): Loaded<Exercise> | null {
  const file = join(root, 'exercises', id, 'exercise.json');
  if (!existsSync(file)) {
    issues.push({ file: relative(root, file), message: 'is missing: every exercise folder needs an exercise.json' });
    return null;
  }
  const raw = readJson(root, file, issues);
  const data = raw === undefined ? null : parseWith(root, file, raw, exerciseSchema, issues);
  return data ? { file: relative(root, file), data } : null;
}

export function loadContent(root: string): ContentSet {
  const issues: ContentIssue[] = [];
  const set: ContentSet = { programs: [], lessons: [], exercises: [], questions: [], certifications: [], issues };

  for (const programDir of listDirs(join(root, 'content/programs'))) {
    const file = join(root, 'content/programs', programDir, 'program.json');
    if (!existsSync(file)) {
      issues.push({ file: relative(root, file), message: 'is missing: every program folder needs a program.json' });
      continue;
    }
    const raw = readJson(root, file, issues);
    const data = raw === undefined ? null : parseWith(root, file, raw, programSchema, issues);
    if (data) set.programs.push({ file: relative(root, file), data });
    const lessonDir = join(root, 'content/programs', programDir, 'lessons');
    for (const name of listFiles(lessonDir, '.mdx')) {
      const lessonFile = join(lessonDir, name);
      const parts = splitFrontmatter(readFileSync(lessonFile, 'utf8'));
      if (!parts) {
        issues.push({ file: relative(root, lessonFile), message: 'has no frontmatter (start the file with --- and the lesson fields)' });
        continue;
      }
      let front: unknown;
      try {
        front = yaml.load(parts.frontmatter);
      } catch (error) {
        issues.push({ file: relative(root, lessonFile), message: `frontmatter is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` });
        continue;
      }
      const lesson = parseWith(root, lessonFile, front, lessonSchema, issues);
      if (lesson) set.lessons.push({ file: relative(root, lessonFile), data: lesson, program: programDir, slug: name.replace(/\.mdx$/, ''), body: parts.body });
    }
  }

  for (const id of listDirs(join(root, 'exercises'))) {
    const exercise = readExercise(root, id, issues);
    if (exercise) set.exercises.push(exercise);
  }

  for (const program of listDirs(join(root, 'assessments'))) {
    const certFile = join(root, 'assessments', program, 'certification.json');
    if (existsSync(certFile)) {
      const raw = readJson(root, certFile, issues);
      const data = raw === undefined ? null : parseWith(root, certFile, raw, certificationSchema, issues);
      if (data) set.certifications.push({ file: relative(root, certFile), data });
    }
    const qDir = join(root, 'assessments', program, 'questions');
    // The site's question collection reads *.json only (src/content.config.ts): a YAML question would
    // pass here and never be drawn, so it is reported instead of read.
    for (const name of [...listFiles(qDir, '.yaml'), ...listFiles(qDir, '.yml')]) {
      issues.push({ file: relative(root, join(qDir, name)), message: `is YAML, but quiz questions are read from .json files only: write it as ${name.replace(/\.ya?ml$/, '.json')}` });
    }
    for (const name of listFiles(qDir, '.json')) {
      const qFile = join(qDir, name);
      const raw = readJson(root, qFile, issues);
      if (raw === undefined) continue;
      const data = parseWith(root, qFile, raw, questionSchema, issues);
      if (data) set.questions.push({ file: relative(root, qFile), data, program });
    }
  }
  return set;
}

// The server's one source of content: the only caller of astro:content (collections validated at
// build with the schemas in src/lib/schemas/) and the only cache of anything built from content —
// program outlines, each program's lessons, exercises and question bank, lesson checks, an exercise's
// public files, reference libraries, exercises as the grader takes them, and the rendered variants of
// certification tasks. Content is fixed for the
// life of the server process, so each is built once, on first use. Everything else asks here.
import { getCollection, getEntry, render, type CollectionEntry } from 'astro:content';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Certification } from '../../lib/schemas/certification.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import type { LessonFrontmatter } from '../../lib/schemas/lesson.ts';
import type { AgendaBlock, Program, ProgramSession } from '../../lib/schemas/program.ts';
import type { Question } from '../../lib/schemas/question.ts';
import type { TaskVariant } from '../../lib/schemas/variants.ts';
import { renderVariant, type RenderedTask } from '../variants/render.ts';
import { readPublicExerciseFiles, type PublicExerciseFiles } from '../exercises/files.ts';
import { exerciseFolder, type LoadedExercise } from './exercise-folder.ts';
import { parseLessonChecks, type LessonCheck } from './lesson-checks.ts';
import { librarySource, referenceLibraryOf, type ReferenceLibrary } from './reference-library.ts';
import type { ReferenceLibrarySource } from '../../lib/contracts/exercise-view.ts';

export interface OutlineLesson {
  slug: string;
  title: string;
  description: string;
  durationMinutes: number;
  session: ProgramSession;
  /** The agenda block that reads it: a module, or an opening or wrap-up. */
  block: AgendaBlock;
  index: number;
}

export interface ProgramOutline {
  program: Program;
  lessons: OutlineLesson[];
}

export type LessonEntry = CollectionEntry<'lessons'>;
export type RenderedLesson = Awaited<ReturnType<typeof render>>;

/** A program's lesson as lists need it (no body). */
export interface LessonSummary {
  slug: string;
  data: LessonFrontmatter;
}

const cache = new Map<string, unknown>();

/** The one cache: `build` runs once per key (a failed promise is dropped, so the next call retries). */
function once<T>(key: string, build: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = build();
  cache.set(key, value);
  if (value instanceof Promise) value.catch(() => cache.delete(key));
  return value;
}

// ---- programs ----

export function listPrograms(): Promise<Program[]> {
  return once('programs', async () => (await getCollection('programs')).map((e) => e.data).sort((a, b) => a.title.localeCompare(b.title)));
}

export async function getProgram(id: string): Promise<Program | null> {
  return (await listPrograms()).find((p) => p.id === id) ?? null;
}

/** Lessons in the order program.json lists them (sessions → agenda blocks → lessons). */
export function getOutline(programId: string): Promise<ProgramOutline | null> {
  return once(`outline:${programId}`, () => buildOutline(programId));
}

async function buildOutline(programId: string): Promise<ProgramOutline | null> {
  const program = await getProgram(programId);
  if (!program) return null;
  const bySlug = new Map((await lessonsOf(programId)).map((l) => [l.slug, l.data]));
  const lessons: OutlineLesson[] = [];
  for (const session of program.sessions) {
    for (const block of session.agenda) {
      for (const slug of block.lessons) {
        const lesson = bySlug.get(slug);
        if (!lesson) continue; // content:check reports missing lessons; the site still serves the rest
        lessons.push({ slug, title: lesson.title, description: lesson.description, durationMinutes: lesson.durationMinutes, session, block, index: lessons.length });
      }
    }
  }
  return { program, lessons };
}

// ---- lessons ----

/** Every lesson file of a program (listed in program.json or not), by file name. */
export function lessonsOf(programId: string): Promise<LessonSummary[]> {
  return once(`lessons:${programId}`, async () =>
    (await getCollection('lessons', (e) => e.id.startsWith(`${programId}/`))).map((e) => ({ slug: e.id.slice(programId.length + 1), data: e.data })),
  );
}

export async function getLessonEntry(programId: string, slug: string): Promise<LessonEntry | null> {
  // Asked only for lessons that exist: getEntry logs a warning for a missing one, and any URL can ask.
  const ids = await once('lesson-ids', async () => new Set((await getCollection('lessons')).map((e) => e.id)));
  if (!ids.has(`${programId}/${slug}`)) return null;
  return (await getEntry('lessons', `${programId}/${slug}`)) ?? null;
}

/** The lesson compiled to a component (Astro's MDX pipeline). */
export function renderLesson(entry: LessonEntry): Promise<RenderedLesson> {
  return render(entry);
}

/**
 * The inline checks of a lesson by id, read from its MDX source (the same text the page renders), or
 * null when the program has no such lesson. A learner's answer is judged against these, never against
 * what the browser says.
 */
export function getLessonChecks(programId: string, slug: string): Promise<ReadonlyMap<string, LessonCheck> | null> {
  return once(`checks:${programId}/${slug}`, async () => {
    const entry = await getLessonEntry(programId, slug);
    if (!entry) return null;
    if (entry.body === undefined) throw new Error(`lesson ${programId}/${slug}: the content collection kept no source body to read its checks from`);
    return new Map(parseLessonChecks(entry.body).checks.map((c) => [c.id, c]));
  });
}

// ---- exercises ----

/** Every exercise of every program. */
export function allExercises(): Promise<Exercise[]> {
  return once('exercises', async () => (await getCollection('exercises')).map((e) => e.data));
}

/** The exercise of that id, or null (ids that cannot be exercise ids included). */
export async function getExercise(id: string): Promise<Exercise | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(id)) return null;
  return (await allExercises()).find((e) => e.id === id) ?? null;
}

/** A program's exercises, certification tasks included, in id order. */
export function exercisesOf(programId: string): Promise<Exercise[]> {
  return once(`exercises:${programId}`, async () => (await allExercises()).filter((e) => e.program === programId).sort((a, b) => a.id.localeCompare(b.id)));
}

/** A program's practice exercises (certification tasks are reached only from inside an attempt). */
export async function practiceExercisesOf(programId: string): Promise<Exercise[]> {
  return (await exercisesOf(programId)).filter((e) => !e.certification);
}

/** A certification task's variants (exercises/<id>/variants.json), or null for a one-version exercise. */
export async function taskVariantsOf(exerciseId: string): Promise<TaskVariant[] | null> {
  // One look-up table from the collection: getEntry would log a warning for every one-version task,
  // on every exam page that asks (thousands of lines on an exam day).
  const byTask = await once('variants', async () => new Map((await getCollection('variants')).map((e) => [e.id, e.data.variants])));
  return byTask.get(exerciseId) ?? null;
}

/**
 * One variant of a task as its template renders it (variants/render.ts). Kept for the process, but
 * rendered again should its folder have gone (a temp folder cleaned under a long-running server).
 */
function renderedTask(root: string, exerciseId: string, variant: string): RenderedTask {
  const key = `variant:${root}:${exerciseId}:${variant}`;
  const kept = cache.get(key) as RenderedTask | undefined;
  if (kept && existsSync(kept.root)) return kept;
  const rendered = renderVariant(root, exerciseId, variant);
  cache.set(key, rendered);
  return rendered;
}

/** The definition a candidate works to: a task's variant renders its own file paths. */
export function taskDefinition(root: string, exercise: Exercise, variant: string | null): Exercise {
  return variant === null ? exercise : renderedTask(root, exercise.id, variant).definition;
}

/** What a learner may see of an exercise's folder (starter files, visible tests, instructions), or of one variant of a task. */
export function exerciseFiles(root: string, exercise: Exercise, variant: string | null = null): PublicExerciseFiles {
  if (variant !== null) {
    const rendered = renderedTask(root, exercise.id, variant);
    return once(`files:${rendered.root}:${exercise.id}`, () => readPublicExerciseFiles(rendered.root, rendered.definition));
  }
  return once(`files:${root}:${exercise.id}`, () => readPublicExerciseFiles(root, exercise));
}

/** The reference library a program's exercises import (its own, or the platform's), with its source for the editor. */
export function referenceLibrary(root: string, program: Program | null): { library: ReferenceLibrary; source: ReferenceLibrarySource } {
  return once(`library:${root}:${program?.id ?? ''}`, () => {
    const library = referenceLibraryOf(program, root);
    return { library, source: librarySource(library) };
  });
}

/** The exercise (or one variant of a task) as the grader takes it: its definition, folder, file lists and reference library. */
export async function gradingExercise(root: string, exercise: Exercise, variant: string | null = null): Promise<LoadedExercise> {
  const program = await getProgram(exercise.program);
  if (variant !== null) {
    const rendered = renderedTask(root, exercise.id, variant);
    return once(`grading:${rendered.root}:${exercise.id}`, () => exerciseFolder(join(rendered.root, 'exercises'), rendered.definition, referenceLibrary(root, program).library));
  }
  return once(`grading:${root}:${exercise.id}`, () => exerciseFolder(join(root, 'exercises'), exercise, referenceLibrary(root, program).library));
}

// ---- assessments ----

export async function getCertification(programId: string): Promise<Certification | null> {
  // a table, not getEntry, which would log a warning for every program without a certification
  const byProgram = await once('certifications', async () => new Map((await getCollection('certifications')).map((e) => [e.id, e.data])));
  return byProgram.get(programId) ?? null;
}

/** A program's quiz questions (keys included: server only). */
export function questionBank(programId: string): Promise<Question[]> {
  return once(`questions:${programId}`, async () => (await getCollection('questions', (q) => q.id.startsWith(`${programId}/`))).map((q) => q.data));
}

// Programs and lessons as pages need them: the outline in reading order, lesson lookup, neighbours.
// Built on Astro content collections (validated at build with the schemas in src/lib/schemas/).
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Program, ProgramModule, ProgramSession } from '../../lib/schemas/program.ts';

export interface OutlineLesson {
  slug: string;
  title: string;
  description: string;
  durationMinutes: number;
  session: ProgramSession;
  module: ProgramModule;
  index: number;
}

export interface ProgramOutline {
  program: Program;
  lessons: OutlineLesson[];
}

export async function listPrograms(): Promise<Program[]> {
  const entries = await getCollection('programs');
  return entries.map((e) => e.data).sort((a, b) => a.title.localeCompare(b.title));
}

export async function getProgram(id: string): Promise<Program | null> {
  const entry = await getEntry('programs', id);
  return entry?.data ?? null;
}

const outlines = new Map<string, Promise<ProgramOutline | null>>();

/** Lessons in the order program.json lists them (sessions → modules → lessons). */
export function getOutline(programId: string): Promise<ProgramOutline | null> {
  let cached = outlines.get(programId);
  if (!cached) {
    cached = buildOutline(programId);
    outlines.set(programId, cached);
  }
  return cached;
}

async function buildOutline(programId: string): Promise<ProgramOutline | null> {
  const program = await getProgram(programId);
  if (!program) return null;
  const entries = await getCollection('lessons', (e) => e.id.startsWith(`${programId}/`));
  const bySlug = new Map(entries.map((e) => [e.id.slice(programId.length + 1), e]));
  const lessons: OutlineLesson[] = [];
  for (const session of program.sessions) {
    for (const module of session.modules) {
      for (const slug of module.lessons) {
        const entry = bySlug.get(slug);
        if (!entry) continue; // content:check reports missing lessons; the site still serves the rest
        lessons.push({
          slug,
          title: entry.data.title,
          description: entry.data.description,
          durationMinutes: entry.data.durationMinutes,
          session,
          module,
          index: lessons.length,
        });
      }
    }
  }
  return { program, lessons };
}

export async function getLessonEntry(programId: string, slug: string): Promise<CollectionEntry<'lessons'> | null> {
  return (await getEntry('lessons', `${programId}/${slug}`)) ?? null;
}

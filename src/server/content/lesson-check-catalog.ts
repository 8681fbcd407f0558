// The inline checks of each lesson as the server judges them: read from the lesson's MDX source in
// the content collection (the same text the page renders), parsed once per lesson. A learner's
// answer is checked against these options and this key, never against what the browser says.
import { getLessonEntry } from './catalog.ts';
import { parseLessonChecks, type LessonCheck } from './lesson-checks.ts';

const cache = new Map<string, Promise<ReadonlyMap<string, LessonCheck> | null>>();

/** The checks of a lesson by id, or null when the program has no such lesson. */
export function getLessonChecks(programId: string, slug: string): Promise<ReadonlyMap<string, LessonCheck> | null> {
  const key = `${programId}/${slug}`;
  let cached = cache.get(key);
  if (!cached) {
    cached = load(programId, slug);
    cache.set(key, cached);
    // a failed load (not a missing lesson) is retried on the next request instead of remembered
    cached.catch(() => cache.delete(key));
  }
  return cached;
}

async function load(programId: string, slug: string): Promise<ReadonlyMap<string, LessonCheck> | null> {
  const entry = await getLessonEntry(programId, slug);
  if (!entry) return null;
  if (entry.body === undefined) throw new Error(`lesson ${programId}/${slug}: the content collection kept no source body to read its checks from`);
  const { checks } = parseLessonChecks(entry.body);
  return new Map(checks.map((c) => [c.id, c]));
}

// Stands in for Astro's virtual module `astro:content` in unit tests (vitest.config.ts aliases it
// here), so server modules that read content can be tested without the Astro build: the same
// collections, read from this repository's content folders by the server's own disk loader and
// validated with the same schemas, with the ids src/content.config.ts gives them.
import { fileURLToPath } from 'node:url';
import { loadContent, type ContentSet } from '../../src/server/content/files.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type CollectionName = 'programs' | 'lessons' | 'exercises' | 'questions' | 'certifications';

interface Entry {
  id: string;
  collection: CollectionName;
  data: unknown;
  body?: string;
  filePath: string;
}

let loaded: Map<CollectionName, Entry[]> | undefined;

const folderOf = (file: string, depth: number): string => file.split('/')[depth] ?? file;
const baseName = (file: string): string => (file.split('/').pop() ?? file).replace(/\.(json|ya?ml|mdx)$/, '');

function collections(): Map<CollectionName, Entry[]> {
  if (loaded) return loaded;
  const set: ContentSet = loadContent(ROOT);
  if (set.issues.length > 0) throw new Error(`content has problems (npm run content:check): ${set.issues.map((i) => `${i.file}: ${i.message}`).join('; ')}`);
  loaded = new Map<CollectionName, Entry[]>([
    ['programs', set.programs.map((e) => ({ id: folderOf(e.file, 2), collection: 'programs', data: e.data, filePath: e.file }))],
    ['lessons', set.lessons.map((e) => ({ id: `${e.program}/${e.slug}`, collection: 'lessons', data: e.data, body: e.body, filePath: e.file }))],
    ['exercises', set.exercises.map((e) => ({ id: folderOf(e.file, 1), collection: 'exercises', data: e.data, filePath: e.file }))],
    ['questions', set.questions.map((e) => ({ id: `${e.program}/${baseName(e.file)}`, collection: 'questions', data: e.data, filePath: e.file }))],
    ['certifications', set.certifications.map((e) => ({ id: folderOf(e.file, 1), collection: 'certifications', data: e.data, filePath: e.file }))],
  ]);
  return loaded;
}

export async function getCollection(collection: CollectionName, filter?: (entry: Entry) => unknown): Promise<Entry[]> {
  const entries = collections().get(collection) ?? [];
  return filter ? entries.filter((e) => filter(e)) : [...entries];
}

export async function getEntry(collection: CollectionName, id: string): Promise<Entry | undefined> {
  return (collections().get(collection) ?? []).find((e) => e.id === id);
}

export async function render(): Promise<never> {
  throw new Error('render() compiles MDX through the Astro build; unit tests cannot render a lesson');
}

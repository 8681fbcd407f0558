// The README requirement of a project (exercise.json "readme"): the file is there, has a heading
// for each required section, and each section says something in the learner's own words. Headings
// are Markdown ATX headings (`## Design decisions`) outside fenced code; a section runs to the next
// heading of the same or a higher level; HTML comments (the starter's prompts) are not words. Pure:
// no file system, the caller hands over the text.
import type { ReadmeRequirement } from '../../lib/schemas/project-requirements.ts';

export interface ReadmeVerdict {
  ok: boolean;
  /** What is wrong, one sentence each (empty when ok). */
  problems: string[];
}

interface Section {
  level: number;
  title: string;
  body: string[];
  open: boolean;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Lower case, punctuation folded to spaces: "Design decisions:" and "design  Decisions" match. */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** The README's sections in order; text before the first heading is not a section. */
export function readmeSections(markdown: string): Section[] {
  const text = markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const sections: Section[] = [];
  const addToOpen = (line: string): void => {
    for (const s of sections) if (s.open) s.body.push(line);
  };
  let fence: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      addToOpen(line);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      addToOpen(line);
      continue;
    }
    const heading = HEADING.exec(line);
    if (!heading) {
      addToOpen(line);
      continue;
    }
    const level = heading[1]?.length ?? 1;
    const title = heading[2] ?? '';
    // a heading closes the sections at its level or deeper; a shallower section takes it in
    for (const s of sections) if (s.open && s.level >= level) s.open = false;
    addToOpen(title);
    sections.push({ level, title, body: [], open: true });
  }
  return sections;
}

export function checkReadme(text: string | undefined, requirement: ReadmeRequirement): ReadmeVerdict {
  const file = requirement.file;
  if (text === undefined || text.trim() === '') {
    return { ok: false, problems: [`${file} is missing: write it with the sections ${requirement.sections.map((s) => `"${s}"`).join(', ')}.`] };
  }
  const sections = readmeSections(text);
  const missing: string[] = [];
  const thin: { title: string; words: number }[] = [];
  for (const wanted of requirement.sections) {
    const key = normaliseTitle(wanted);
    const found = sections.filter((s) => ` ${normaliseTitle(s.title)} `.includes(` ${key} `));
    if (found.length === 0) {
      missing.push(wanted);
      continue;
    }
    const words = Math.max(...found.map((s) => countWords(s.body.join('\n'))));
    if (words < requirement.minWords) thin.push({ title: wanted, words });
  }
  const quoted = (titles: readonly string[]): string => listOf(titles.map((t) => `"${t}"`));
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(`${file} has no section ${quoted(missing)}: add ${missing.length === 1 ? 'a heading' : 'headings'} such as ${listOf(missing.map((t) => `"## ${t}"`))}.`);
  }
  if (thin.length > 0) {
    const counts = listOf(thin.map((t) => `${t.words} in "${t.title}"`));
    problems.push(
      `Write at least ${requirement.minWords} words of your own in each section of ${file} (the starter's comments do not count): it has ${counts}.`,
    );
  }
  return { ok: problems.length === 0, problems };
}

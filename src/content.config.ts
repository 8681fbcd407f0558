// Content collections. Every schema lives in src/lib/schemas/ so `npm run content:check` and the
// server validate with exactly the same rules. Files starting with "_" are drafts and are not loaded.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { programSchema } from './lib/schemas/program.ts';
import { lessonSchema } from './lib/schemas/lesson.ts';
import { exerciseSchema } from './lib/schemas/exercise.ts';
import { questionSchema } from './lib/schemas/question.ts';
import { certificationSchema } from './lib/schemas/certification.ts';
import { variantsSchema } from './lib/schemas/variants.ts';

const firstSegment = ({ entry }: { entry: string }) => entry.split('/')[0] ?? entry;

export const collections = {
  programs: defineCollection({
    loader: glob({ pattern: '*/program.json', base: './content/programs', generateId: firstSegment }),
    schema: programSchema,
  }),
  lessons: defineCollection({
    // id: "<program>/<lesson-slug>"
    loader: glob({
      pattern: '*/lessons/[!_]*.mdx',
      base: './content/programs',
      generateId: ({ entry }) => entry.replace(/\/lessons\//, '/').replace(/\.mdx$/, ''),
    }),
    schema: lessonSchema,
  }),
  exercises: defineCollection({
    loader: glob({ pattern: '*/exercise.json', base: './exercises', generateId: firstSegment }),
    schema: exerciseSchema,
  }),
  // id: the task's exercise id; the files each variant renders are read by server/variants/render.ts
  variants: defineCollection({
    loader: glob({ pattern: '*/variants.json', base: './exercises', generateId: firstSegment }),
    schema: variantsSchema,
  }),
  questions: defineCollection({
    // id: "<program>/<question-id>"; keys stay on the server (pages never render this collection)
    loader: glob({
      pattern: '*/questions/[!_]*.json',
      base: './assessments',
      generateId: ({ entry }) => entry.replace(/\/questions\//, '/').replace(/\.json$/, ''),
    }),
    schema: questionSchema,
  }),
  certifications: defineCollection({
    loader: glob({ pattern: '*/certification.json', base: './assessments', generateId: firstSegment }),
    schema: certificationSchema,
  }),
};

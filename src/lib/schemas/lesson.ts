// Schema of a lesson's MDX frontmatter: content/programs/<program>/lessons/<slug>.mdx.
// Where a lesson sits (session, module, order) is decided by program.json, not by the lesson.
import { z } from 'astro/zod';

export const lessonSchema = z.strictObject({
  /** Lesson title (the page's h1). */
  title: z.string().min(1),
  /** One or two sentences for listings and the meta description. */
  description: z.string().min(1).max(300),
  /** Estimated reading + practice time in minutes. */
  durationMinutes: z.number().int().positive(),
  /** What the learner can do after this lesson. */
  objectives: z.array(z.string().min(1)).min(1),
  /** Skill area ids this lesson teaches (from program.json). */
  skills: z.array(z.string().min(1)).default([]),
  /** Exercise ids linked from this lesson. */
  exercises: z.array(z.string().min(1)).default([]),
});

export type LessonFrontmatter = z.infer<typeof lessonSchema>;

// Schema of one quiz question: assessments/<program>/questions/<id>.json (one question per file).
// Keys (`correct`) and explanations are server-only; see src/lib/quiz-view.ts for what browsers get.
import { z } from 'astro/zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');

export const optionSchema = z.strictObject({
  /** Unique within the question, e.g. "a". */
  id: z.string().regex(/^[a-z0-9]{1,8}$/, 'use a short lowercase id like "a"'),
  /** Option text (Markdown inline code allowed with backticks). */
  text: z.string().min(1),
  /** Present and true on the correct option(s). */
  correct: z.literal(true).optional(),
});

export const questionSchema = z
  .strictObject({
    /** Unique across the program's bank; same as the file name. */
    id: slug,
    /** Skill area id from program.json. */
    skill: slug,
    /** Session number the question draws on. */
    session: z.number().int().positive(),
    /** 1 = recall, 2 = apply, 3 = analyse. */
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** single: one correct option; multiple: two or more; code: reads `code`, one correct option. */
    type: z.enum(['single', 'multiple', 'code']),
    /** The question, Markdown. */
    prompt: z.string().min(10),
    /** TypeScript shown with the question (required for type "code"). */
    code: z.string().min(1).optional(),
    /** Answer options, 3 to 6. */
    options: z.array(optionSchema).min(3).max(6),
    /** Why the key is right, shown after submission. */
    explanation: z.string().min(20),
    /**
     * Exercise ids whose solution this question gives away (its code, prompt, key or explanation
     * hands out part of what the exercise asks for). Such a question is never drawn into a
     * certification attempt whose paper includes one of these exercises as a practical task;
     * content:check reports ids that are not exercises. Omit when the question reveals nothing.
     */
    reveals: z.array(slug).min(1).optional(),
    /**
     * A practice item: drawn only into practice exams (scored with explanations, never credited)
     * and never into a certification attempt, so studying with them gives nothing of a real paper away.
     */
    practice: z.boolean().optional(),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (q.type === 'multiple' ? correct < 2 : correct !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message:
          q.type === 'multiple'
            ? `a "multiple" question needs at least 2 correct options, found ${correct}`
            : `a "${q.type}" question needs exactly 1 correct option, found ${correct}`,
      });
    }
    const ids = new Set<string>();
    for (const o of q.options) {
      if (ids.has(o.id)) ctx.addIssue({ code: 'custom', path: ['options'], message: `option id "${o.id}" is used twice` });
      ids.add(o.id);
    }
    if (q.reveals && new Set(q.reveals).size !== q.reveals.length) {
      ctx.addIssue({ code: 'custom', path: ['reveals'], message: 'list each exercise id once' });
    }
    if (q.type === 'code' && !q.code) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a "code" question needs the code it asks about' });
    }
  });

export type Question = z.infer<typeof questionSchema>;

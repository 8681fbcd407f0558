// Schema of a certification task's variants: exercises/<id>/variants.json. The task's files are a
// template (src/server/variants/template.ts) and each variant is one set of its parameters; an
// attempt draws one variant per task and keeps it (lib/contracts/attempt-paper.ts).
import { z } from 'astro/zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase kebab-case (a-z, 0-9, -)');
const paramName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'parameter names are letters, digits and "_", starting with a letter');

export const variantSchema = z.strictObject({
  /** Stored with the attempt: never reuse an id for different parameters once candidates have had it. */
  id: slug,
  /** What instructors read in results and exports ("Deployment, notes 10–500"). */
  label: z.string().min(1).max(80),
  params: z.record(paramName, z.union([z.string(), z.number(), z.boolean()])),
});

export const variantsSchema = z.strictObject({
  variants: z.array(variantSchema).min(1),
});

export type TaskVariant = z.infer<typeof variantSchema>;
export type TaskVariants = z.infer<typeof variantsSchema>;

/** Variants a certification task ships at least, so a cohort cannot pass one answer around. */
export const MIN_VARIANTS = 6;

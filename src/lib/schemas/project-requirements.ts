// Schema of the project requirements an implement, debug or optimize exercise may declare in
// exercise.json beside its hidden suite (the session 2 final project: "a full test suite (> 90 %
// coverage), production monitoring integration, documentation for future maintainers"):
// - coverage: the learner's own tests, run in the sandbox, must cover the project's code;
// - readme: a README with the named sections, each written out;
// - monitoring: a describe block of the hidden suite whose tests check, by behaviour, that the code is
//   wired to the course's monitoring; the result names the requirement when one of them fails.
// Content, not code: the grader reads these fields and nothing else decides what is required.
import { z } from 'astro/zod';

/** A glob relative to starter/ ("src/**\/*.ts"): no leading "/", no "..". */
const projectGlob = z
  .string()
  .min(1)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.*?{},/@-]+$/, 'must be a glob relative to starter/ (letters, digits, _ . - / and * ? { } ,), without ".."');

const share = z.number().min(0).max(1);

export const coverageRequirementSchema = z.strictObject({
  /** Files whose coverage is measured: globs relative to starter/ (the learner's test files never count). */
  of: z.array(projectGlob).min(1),
  /** Globs taken out of `of`. */
  exclude: z.array(projectGlob).default([]),
  /** The learner's test files, run (and only they) to measure coverage. */
  tests: z.array(projectGlob).min(1).default(['**/*.test.ts']),
  /** Least share per metric, 0..1 (0.9 = 90 %), of all measured files together. */
  minimum: z
    .strictObject({ lines: share.optional(), statements: share.optional(), functions: share.optional(), branches: share.optional() })
    .refine((m) => Object.values(m).some((v) => v !== undefined), 'name at least one of lines, statements, functions, branches'),
  /** Apply the minimum to every measured file, not only to the total. */
  perFile: z.boolean().default(false),
});

export const readmeRequirementSchema = z.strictObject({
  /** The README's path relative to starter/; it must be one of the editable files. */
  file: z.string().regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9_./-]+\.md$/, 'must be a Markdown file relative to starter/, e.g. "README.md"').default('README.md'),
  /** Headings the README must have (matched without regard to case; the heading may say more). */
  sections: z.array(z.string().min(1)).min(1),
  /** Words each section needs of its own (HTML comments, such as the starter's prompts, do not count). */
  minWords: z.number().int().min(1).max(500).default(20),
});

export const monitoringRequirementSchema = z.strictObject({
  /** Name of a top-level describe block of the hidden suite whose tests check the wiring by behaviour. */
  describe: z.string().min(1).refine((s) => !s.includes(' > '), 'must be the name of one top-level describe block (without " > ")'),
  /** What the code must do, in learner words: the result says it when a monitoring test fails. */
  description: z.string().min(1),
});

/** The optional fields an implement, debug or optimize exercise may add. */
export const projectRequirementFields = {
  coverage: coverageRequirementSchema.optional(),
  readme: readmeRequirementSchema.optional(),
  monitoring: monitoringRequirementSchema.optional(),
};

export type CoverageRequirement = z.infer<typeof coverageRequirementSchema>;
export type ReadmeRequirement = z.infer<typeof readmeRequirementSchema>;
export type MonitoringRequirement = z.infer<typeof monitoringRequirementSchema>;

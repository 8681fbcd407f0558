// The certification tasks the similarity check compares, read from their exercise folders: every
// task component of the program's certification.json, with its starter (whose code counts for nobody)
// and, for a code review, its answer key (solutions/<id>/findings.json, never served); a task with
// variants, each variant's as it renders. The server
// passes its catalogue's definitions; scripts pass those they read from disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certification } from '../../lib/schemas/certification.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { findingsInFile, REVIEW_FINDINGS_FILE } from '../../lib/contracts/submission.ts';
import { readPublicExerciseFiles } from '../exercises/files.ts';
import type { TaskSpec, VariantSpec } from './check.ts';
import { readVariants, renderVariant } from '../variants/render.ts';

/** One folder's files and key: an exercise's, or one rendered variant's. */
function folderSpec(root: string, exercise: Exercise): VariantSpec {
  const files = readPublicExerciseFiles(root, exercise);
  const starter = Object.fromEntries([...files.editable, ...files.readonly].map((f) => [f.path, f.content]));
  const keyFile = join(root, 'solutions', exercise.id, REVIEW_FINDINGS_FILE);
  const key =
    exercise.kind === 'review' && existsSync(keyFile)
      ? new Set(findingsInFile(readFileSync(keyFile, 'utf8')).map((f) => `${f.file}:${f.line} ${f.category}`))
      : new Set<string>();
  return { editable: exercise.editable, starter, key };
}

export function taskSpec(root: string, exercise: Exercise, name: string): TaskSpec {
  const base = { exerciseId: exercise.id, name, kind: exercise.kind === 'review' ? ('review' as const) : ('code' as const) };
  const variants = readVariants(root, exercise.id);
  if (!variants) return { ...base, ...folderSpec(root, exercise) };
  const specs = new Map(
    variants.variants.map((v) => {
      const rendered = renderVariant(root, exercise.id, v.id);
      return [v.id, folderSpec(rendered.root, rendered.definition)] as const;
    }),
  );
  const first = specs.get(variants.variants[0]?.id ?? '');
  if (!first) throw new Error(`exercises/${exercise.id}/variants.json lists no variant`);
  return { ...base, ...first, variants: specs };
}

/** Every task of a certification whose exercise is known, in certification.json's order. */
export function taskSpecs(root: string, certification: Certification | null, exerciseOf: (id: string) => Exercise | null | undefined): TaskSpec[] {
  return (certification?.components ?? []).flatMap((c) => {
    if (c.type !== 'task') return [];
    const exercise = exerciseOf(c.exercise);
    return exercise ? [taskSpec(root, exercise, c.name)] : [];
  });
}

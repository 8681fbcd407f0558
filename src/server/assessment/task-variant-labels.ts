// What instructors and candidates read of the variants an attempt held: for each task of its paper
// with variants, the variant's id and label (variants.json), by component id. Results, the cohort
// drill-down and the similarity pair page show these; exports carry the ids.
import type { StoredPaper } from '../../lib/contracts/attempt-paper.ts';
import { taskVariantsOf } from '../content/catalog.ts';
import { taskVariant } from './task-variant.ts';

export interface HeldVariant {
  exerciseId: string;
  variant: string;
  label: string;
}

export async function heldVariants(paper: StoredPaper): Promise<Map<string, HeldVariant>> {
  const out = new Map<string, HeldVariant>();
  for (const task of paper.tasks) {
    const variants = await taskVariantsOf(task.exerciseId);
    const id = taskVariant(task, variants?.map((v) => v.id));
    const found = id === null ? undefined : variants?.find((v) => v.id === id);
    // A variant removed from variants.json since the attempt: its id is all that is left to show.
    if (id !== null) out.set(task.componentId, { exerciseId: task.exerciseId, variant: id, label: found?.label ?? id });
  }
  return out;
}

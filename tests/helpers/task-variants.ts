// Tests that sit a certification attempt over HTTP meet the variant the draw gave the candidate: this
// finds it the way the candidate meets it (the starter files of the task's page data, matched against
// each variant's render) and reads that variant's files (reference solution, review key, hidden tests).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readVariants, taskRoot } from '../../src/server/variants/render.ts';
import type { HttpClient } from './server.ts';
import { ROOT } from './server.ts';

export function filesUnder(base: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(base, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(base);
  return out;
}

/** The folder holding exercises/<id>/ and solutions/<id>/ of the task as `variant` renders them (null: an exercise without variants). */
export function variantRoot(exerciseId: string, variant: string | null): string {
  return variant === null ? ROOT : taskRoot(ROOT, exerciseId, variant);
}

/** The variant's reference solution, as files to submit. */
export function solutionOf(exerciseId: string, variant: string | null): Record<string, string> {
  return filesUnder(join(variantRoot(exerciseId, variant), 'solutions', exerciseId));
}

/** The variant's own files under exercises/<id>/ (e.g. "tests/hidden/review-key.json"). */
export function exerciseFile(exerciseId: string, variant: string | null, path: string): string {
  return readFileSync(join(variantRoot(exerciseId, variant), 'exercises', exerciseId, path), 'utf8');
}

interface TaskView {
  editable: { path: string; content: string }[];
}

/** Which variant of the task `client`'s attempt holds (null for a task without variants), read from its page data. */
export async function variantOfTask(client: HttpClient, attemptId: string, exerciseId: string): Promise<string | null> {
  const variants = readVariants(ROOT, exerciseId);
  if (!variants) return null;
  const res = await client.get(`/api/exercises/${exerciseId}?attempt=${attemptId}`);
  if (res.status !== 200) throw new Error(`the task ${exerciseId} of attempt ${attemptId}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const view = (await res.json()) as TaskView;
  const given = JSON.stringify(view.editable.map((f) => [f.path, f.content]).sort());
  const matches = variants.variants.filter((v) => {
    const starter = filesUnder(join(variantRoot(exerciseId, v.id), 'exercises', exerciseId, 'starter'));
    const editable = view.editable.map((f) => [f.path, starter[f.path] ?? null] as const).sort();
    return JSON.stringify(editable) === given;
  });
  if (matches.length !== 1) throw new Error(`the starter of ${exerciseId} matches ${matches.length} variants (${matches.map((v) => v.id).join(', ')}), not one`);
  return matches[0]?.id ?? null;
}

// Reads what a learner may see of an exercise from disk: starter files, visible tests, review
// files, the instructions (the catalogue keeps what it reads: content/catalog.ts exerciseFiles). Never
// hidden tests; the solution only through solutionFiles(), for the recorded "show solution".
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { marked } from 'marked';
import type { FileText } from '../../lib/contracts/exercise-view.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';

function walk(dir: string, base: string, out: FileText[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, base, out);
    else out.push({ path: relative(base, full).split('\\').join('/'), content: readFileSync(full, 'utf8') });
  }
}

export interface PublicExerciseFiles {
  instructionsHtml: string;
  editable: FileText[];
  readonly: FileText[];
  visibleTests: FileText[];
}

export function readPublicExerciseFiles(root: string, exercise: Exercise): PublicExerciseFiles {
  const dir = join(root, 'exercises', exercise.id);
  const starter: FileText[] = [];
  walk(join(dir, 'starter'), join(dir, 'starter'), starter);
  const visible: FileText[] = [];
  walk(join(dir, 'tests/visible'), join(dir, 'tests'), visible);
  return {
    instructionsHtml: marked.parse(readFileSync(join(dir, exercise.instructions), 'utf8'), { async: false }),
    editable: starter.filter((f) => exercise.editable.includes(f.path)),
    readonly: starter.filter((f) => !exercise.editable.includes(f.path)),
    visibleTests: visible.map((f) => ({ path: `tests/${f.path}`, content: f.content })),
  };
}

/** The reference solution's files (server side; handed out only through the recorded "show solution"). */
export function solutionFiles(root: string, exerciseId: string): Record<string, string> {
  const out: FileText[] = [];
  walk(join(root, 'solutions', exerciseId), join(root, 'solutions', exerciseId), out);
  return Object.fromEntries(out.map((f) => [f.path, f.content]));
}

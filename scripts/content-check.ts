// `npm run content:check`: validates every program, lesson (its frontmatter, components, checks and
// ```ts code), exercise, quiz question and certification file with messages that name the file, the
// field and the fix, then proves each exercise through the real sandboxed grader: its reference
// solution passes its hidden suite, its starter and its wrong solutions fail. Every exercise whose own
// exercise.json and hidden tests are valid is proven even when other files have problems; the others
// are named as not graded, with the reason. Exit 0 when all is well, 1 otherwise.
//
//   --no-grade             validate only (fast)
//   --exercise <id>[,<id>] validate everything, but grade only these exercises (after editing one)
//   --root <dir>           check the program(s) in <dir> (content/, exercises/, solutions/, assessments/)
//                          instead of this project's own, with this project's site and grader
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatIssue } from '../src/server/content/issues.ts';
import { validateContent } from '../src/server/content/validate.ts';
import { parseArgs } from './lib/args.ts';
import { componentPassMarks, proveExercises } from './lib/prove-exercises.ts';

const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));
let args: Record<string, string>;
try {
  args = parseArgs(process.argv.slice(2), ['no-grade', 'exercise', 'root']);
} catch (error) {
  console.error(`content:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const skipGrading = args['no-grade'] === 'true';
const only = args['exercise']?.split(',').map((id) => id.trim()).filter(Boolean);
if (args['exercise'] !== undefined && !only?.length) {
  console.error('content:check: --exercise needs an exercise id (or several, separated by commas)');
  process.exit(1);
}
const root = args['root'] === undefined ? projectRoot : resolve(args['root']);
if (args['root'] === 'true' || !existsSync(root)) {
  console.error(`content:check: --root needs a folder holding content/, exercises/, solutions/ and assessments/${args['root'] === 'true' ? '' : ` (${root} does not exist)`}`);
  process.exit(1);
}

const report = validateContent(root, { codeRoot: projectRoot });
const { set, issues } = report;
for (const id of only ?? []) {
  if (!set.exercises.some((e) => e.data.id === id)) issues.push({ file: 'exercises/', message: `--exercise ${id}: there is no valid exercise "${id}"` });
}
console.log(
  `content${root === projectRoot ? '' : ` in ${root}`}: ${set.programs.length} program(s), ${set.lessons.length} lessons, ${set.exercises.length} exercises, ` +
    `${set.questions.length} quiz questions, ${set.certifications.length} certification(s)`,
);
for (const issue of issues) console.log(`  ✗ ${formatIssue(issue)}`);

let failedProofs = 0;
let skippedProofs = 0;
if (!skipGrading) {
  const wanted = (id: string): boolean => !only || only.includes(id);
  const exercises = report.provable.filter((e) => wanted(e.id));
  const skipped = report.skipped.filter((s) => wanted(s.id));
  skippedProofs = skipped.length;
  if (exercises.length > 0) {
    const passMarks = componentPassMarks(set.certifications.map((c) => c.data));
    failedProofs = await proveExercises(projectRoot, exercises, (line) => console.log(line), passMarks, root);
  }
  for (const s of skipped) console.log(`  – exercise ${s.id} not graded: ${s.reason}`);
  for (const note of report.notes) console.log(`  – ${note}`);
}

const failed = issues.length > 0 || failedProofs > 0;
if (failed) {
  const parts = [`${issues.length} problem(s)`];
  if (failedProofs) parts.push(`${failedProofs} exercise proof failure(s)`);
  if (skippedProofs) parts.push(`${skippedProofs} exercise(s) not graded until their own problems are fixed`);
  console.log(`\ncontent:check found ${parts.join(', ')}.`);
} else {
  const scope = skipGrading ? ' (grading proofs skipped)' : only ? ` (graded only ${only.join(', ')})` : '';
  console.log(`\ncontent:check passed${scope}.`);
}
// The grader runs vitest inside this process, and vitest sets process.exitCode = 1 whenever a run
// has failing tests — which every starter proof has, on purpose. So the exit code is assigned here,
// from this script's own verdict, overriding whatever the grading runs left behind.
process.exitCode = failed ? 1 : 0;

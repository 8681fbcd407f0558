// `npm run content:check`: validates every program, lesson, exercise, quiz question and certification
// file with friendly messages, then proves each exercise's reference solution passes its hidden suite
// and its starter fails it (through the real sandboxed grader). Exit 0 when all is well, 1 otherwise.
//
//   --no-grade             validate only (fast)
//   --exercise <id>[,<id>] validate everything, but grade only these exercises (after editing one)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../src/server/content/files.ts';
import { crossCheck } from '../src/server/content/check.ts';
import { formatIssue } from '../src/server/content/issues.ts';
import { parseArgs } from './lib/args.ts';
import { componentPassMarks, proveExercises } from './lib/prove-exercises.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
let args: Record<string, string>;
try {
  args = parseArgs(process.argv.slice(2), ['no-grade', 'exercise']);
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

const set = loadContent(root);
const issues = [...set.issues, ...crossCheck(root, set)];
for (const id of only ?? []) {
  if (!set.exercises.some((e) => e.data.id === id)) issues.push({ file: 'exercises/', message: `--exercise ${id}: there is no valid exercise "${id}"` });
}
console.log(
  `content: ${set.programs.length} program(s), ${set.lessons.length} lessons, ${set.exercises.length} exercises, ` +
    `${set.questions.length} quiz questions, ${set.certifications.length} certification(s)`,
);
for (const issue of issues) console.log(`  ✗ ${formatIssue(issue)}`);

let failedProofs = 0;
if (!skipGrading && issues.length === 0) {
  const exercises = set.exercises.map((e) => e.data).filter((e) => !only || only.includes(e.id));
  failedProofs = await proveExercises(root, exercises, (line) => console.log(line), componentPassMarks(set.certifications.map((c) => c.data)));
}

const failed = issues.length > 0 || failedProofs > 0;
if (failed) {
  console.log(`\ncontent:check found ${issues.length} problem(s)${failedProofs ? ` and ${failedProofs} exercise proof failure(s)` : ''}.`);
} else {
  const scope = skipGrading ? ' (grading proofs skipped)' : only ? ` (graded only ${only.join(', ')})` : '';
  console.log(`\ncontent:check passed${scope}.`);
}
// The grader runs vitest inside this process, and vitest sets process.exitCode = 1 whenever a run
// has failing tests — which every starter proof has, on purpose. So the exit code is assigned here,
// from this script's own verdict, overriding whatever the grading runs left behind.
process.exitCode = failed ? 1 : 0;

// `npm run content:check`: validates every program, lesson, exercise, quiz question and certification
// file with friendly messages, then proves each exercise's reference solution passes its hidden suite
// and its starter fails it (through the real sandboxed grader). Exit 0 when all is well, 1 otherwise.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../src/server/content/files.ts';
import { crossCheck } from '../src/server/content/check.ts';
import { formatIssue } from '../src/server/content/issues.ts';
import { proveExercises } from './lib/prove-exercises.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const skipGrading = process.argv.includes('--no-grade');

const set = loadContent(root);
const issues = [...set.issues, ...crossCheck(root, set)];
console.log(
  `content: ${set.programs.length} program(s), ${set.lessons.length} lessons, ${set.exercises.length} exercises, ` +
    `${set.questions.length} quiz questions, ${set.certifications.length} certification(s)`,
);
for (const issue of issues) console.log(`  ✗ ${formatIssue(issue)}`);

let failedProofs = 0;
if (!skipGrading && issues.length === 0) {
  failedProofs = await proveExercises(root, set.exercises.map((e) => e.data), (line) => console.log(line));
}

if (issues.length || failedProofs) {
  console.log(`\ncontent:check found ${issues.length} problem(s)${failedProofs ? ` and ${failedProofs} exercise proof failure(s)` : ''}.`);
  process.exit(1);
}
console.log(`\ncontent:check passed${skipGrading ? ' (grading proofs skipped)' : ''}.`);

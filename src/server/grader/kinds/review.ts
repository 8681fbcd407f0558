// Grading of review exercises: no code runs. The learner's findings ({file, line, category}) are
// matched against tests/hidden/review-key.json (line within the key's tolerance, same category)
// and scored by F1; tests[] then explains every key finding and every false positive. The result is
// always complete (every key finding with its explanation); each outcome carries `kind` (key-found,
// key-missed, own-unmatched) and the learner's own `finding`, so the layer that decides what a
// learner may see (certification, practice before "show solution") can cut it down without parsing.
// A shotgun review cannot pass: F1 ≥ passMark needs at most (2 / passMark − 1) × key-size findings
// even when every key finding is among them (at most 1.86× the key for the course's 0.7).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GRADE_RESULT_VERSION, capTests, type GradeResult, type TestOutcome } from '../../../lib/grade-result.ts';
import { roundScore, scoreReview, type KeyFinding } from '../../../lib/grading-score.ts';
import type { ReviewFinding } from '../../../lib/contracts/review-finding.ts';
import type { LoadedExercise } from '../../content/exercise-folder.ts';

interface ReviewKey {
  findings: KeyFinding[];
  tolerance: number;
}

async function readKey(exercise: LoadedExercise): Promise<ReviewKey> {
  const raw = JSON.parse(await readFile(join(exercise.dir, 'tests', 'hidden', 'review-key.json'), 'utf8')) as Partial<ReviewKey>;
  if (!Array.isArray(raw.findings)) throw new Error(`review-key.json of "${exercise.definition.id}" has no findings list`);
  return { findings: raw.findings, tolerance: Number.isInteger(raw.tolerance) ? (raw.tolerance as number) : 0 };
}

/** `submitted`: the findings checkSubmission() accepted (at most maxFindings, each on a review file, line and category). */
export async function gradeReview(exercise: LoadedExercise, submitted: readonly ReviewFinding[]): Promise<GradeResult> {
  const started = performance.now();
  const definition = exercise.definition;
  if (definition.kind !== 'review') throw new Error(`"${definition.id}" is not a review exercise`);
  const key = await readKey(exercise);
  const match = scoreReview(key.findings, submitted, key.tolerance);
  const ownFor = new Map<number, ReviewFinding>();
  match.submittedToKey.forEach((k, s) => {
    const own = submitted[s];
    if (k !== -1 && own) ownFor.set(k, own);
  });
  const tests: TestOutcome[] = key.findings.map((k, i) => {
    const own = ownFor.get(i);
    return own
      ? { name: `${k.file}:${k.line} ${k.category}`, status: 'pass', message: k.explanation, kind: 'key-found', finding: own }
      : { name: `${k.file}:${k.line} ${k.category}`, status: 'fail', message: `Missed: ${k.explanation}`, kind: 'key-missed' };
  });
  submitted.forEach((s, i) => {
    if (match.submittedToKey[i] === -1) {
      tests.push({
        name: `${s.file}:${s.line} ${s.category} (your finding)`,
        status: 'fail',
        message: 'Not an issue in the answer key (check the line and the category).',
        kind: 'own-unmatched',
        finding: s,
      });
    }
  });
  const score = roundScore(match.f1);
  const passed = score >= definition.passMark;
  return {
    version: GRADE_RESULT_VERSION,
    status: passed ? 'pass' : 'fail',
    message: `F1 ${score.toFixed(2)} (precision ${match.precision.toFixed(2)}, recall ${match.recall.toFixed(2)}); ${passed ? 'meets' : 'below'} the pass mark ${definition.passMark}.`,
    tests: capTests(tests),
    durationMs: Math.round(performance.now() - started),
    score,
    executed: key.findings.length,
    expected: key.findings.length,
  };
}

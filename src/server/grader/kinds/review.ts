// Grading of review exercises: no code runs. The learner's findings ({file, line, category}) are
// matched against tests/hidden/review-key.json (line within the key's tolerance, same category)
// and scored by F1; tests[] then explains every key finding and every false positive.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GRADE_RESULT_VERSION, capTests, type GradeResult, type TestOutcome } from '../../../lib/grade-result.ts';
import { roundScore, scoreReview, type KeyFinding, type ReviewFinding } from '../../../lib/grading-score.ts';
import { InvalidSubmissionError } from '../errors.ts';
import type { ExerciseDefinition, LoadedExercise } from '../exercise-loader.ts';
import { REVIEW_FINDINGS_FILE, type SubmittedFiles } from '../submission.ts';

type ReviewDefinition = Extract<ExerciseDefinition, { kind: 'review' }>;
const MAX_FINDINGS = 100;

export function parseFindings(definition: ReviewDefinition, text: string | undefined): ReviewFinding[] {
  if (text === undefined) throw new InvalidSubmissionError(`submit your findings as ${REVIEW_FINDINGS_FILE}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidSubmissionError(`${REVIEW_FINDINGS_FILE} is not valid JSON`);
  }
  const list = (raw as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(list)) throw new InvalidSubmissionError(`${REVIEW_FINDINGS_FILE} must be {"findings": [{"file", "line", "category"}]}`);
  if (list.length > MAX_FINDINGS) throw new InvalidSubmissionError(`submit at most ${MAX_FINDINGS} findings`);
  return list.map((item: unknown, i) => {
    const f = item as Partial<ReviewFinding> | null;
    if (!f || typeof f.file !== 'string' || !definition.reviewFiles.includes(f.file)) {
      throw new InvalidSubmissionError(`finding ${i + 1}: "file" must be one of ${definition.reviewFiles.join(', ')}`);
    }
    if (!Number.isInteger(f.line) || (f.line as number) < 1) throw new InvalidSubmissionError(`finding ${i + 1}: "line" must be a line number`);
    if (typeof f.category !== 'string' || !definition.categories.includes(f.category)) {
      throw new InvalidSubmissionError(`finding ${i + 1}: "category" must be one of ${definition.categories.join(', ')}`);
    }
    return { file: f.file, line: f.line as number, category: f.category };
  });
}

interface ReviewKey {
  findings: KeyFinding[];
  tolerance: number;
}

async function readKey(exercise: LoadedExercise): Promise<ReviewKey> {
  const raw = JSON.parse(await readFile(join(exercise.dir, 'tests', 'hidden', 'review-key.json'), 'utf8')) as Partial<ReviewKey>;
  if (!Array.isArray(raw.findings)) throw new Error(`review-key.json of "${exercise.definition.id}" has no findings list`);
  return { findings: raw.findings, tolerance: Number.isInteger(raw.tolerance) ? (raw.tolerance as number) : 0 };
}

export async function gradeReview(exercise: LoadedExercise, files: SubmittedFiles): Promise<GradeResult> {
  const started = performance.now();
  const definition = exercise.definition;
  if (definition.kind !== 'review') throw new Error(`"${definition.id}" is not a review exercise`);
  const submitted = parseFindings(definition, files.get(REVIEW_FINDINGS_FILE));
  const key = await readKey(exercise);
  const match = scoreReview(key.findings, submitted, key.tolerance);
  const found = new Set(match.matchedKey);
  const tests: TestOutcome[] = key.findings.map((k, i) => ({
    name: `${k.file}:${k.line} ${k.category}`,
    status: found.has(i) ? 'pass' : 'fail',
    message: found.has(i) ? k.explanation : `Missed: ${k.explanation}`,
  }));
  submitted.forEach((s, i) => {
    if (match.submittedToKey[i] === -1) {
      tests.push({
        name: `${s.file}:${s.line} ${s.category} (your finding)`,
        status: 'fail',
        message: 'Not an issue in the answer key (check the line and the category).',
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

// The demo cohort's homework and end-of-program feedback, built through the platform's own domain
// functions (submissions, reviews by the instructor, the program feedback form), so the homework
// views and the program feedback summary have data at once: learners who handed the homework in on
// time and late, their final versions with real files (the entity, its tests and notes), reviews that
// accept them or ask for another pass (some resubmitted since), and program feedback with ratings and
// open answers. It runs after the learners' work (demo-cohort.ts), on the submissions that left, and
// draws from its own random stream so the rest of the demo stays as it was.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Cohort } from '../../src/server/db/cohorts.ts';
import type { Db } from '../../src/server/db/open.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { cohortHomeworkRows } from '../../src/server/db/homework.ts';
import { createRng, type Rng } from '../../src/server/assessment/draw.ts';
import { loadContent } from '../../src/server/content/files.ts';
import { listCases, readCase, submittedFiles } from '../../src/server/content/solution-cases.ts';
import { isHomework, type HomeworkExercise } from '../../src/server/homework/rules.ts';
import { reviewHomework } from '../../src/server/homework/review.ts';
import { homeworkDueAt } from '../../src/server/homework/rules.ts';
import { OWN_TEST_PREFIX } from '../../src/server/grader/kinds/learner-tests.ts';
import { submitProgramFeedback } from '../../src/server/feedback/program-feedback.ts';
import { GRADE_RESULT_VERSION, type GradeResult, type TestOutcome } from '../../src/lib/grade-result.ts';
import type { Program } from '../../src/lib/schemas/program.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface DemoHomeworkOptions {
  cohort: Cohort;
  instructorId: string;
  program: Program;
  seed: number;
  now: number;
}

export interface DemoHomeworkResult {
  /** Final versions submitted, reviews written, program feedback forms sent. */
  submissions: number;
  reviews: number;
  programFeedback: number;
}

/** The files of a folder laid out like starter/ (the exercise's editable files only). */
function readFiles(dir: string, editable: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(dir, path).split('\\').join('/');
        if (editable.includes(rel)) files[rel] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

/** Finished homework to hand in: the reference solution and the other correct solutions of the exercise (tests/right/). */
function finishedVersions(root: string, exercise: HomeworkExercise): Record<string, string>[] {
  const versions = [readFiles(join(root, 'solutions', exercise.id), exercise.editable)];
  for (const name of listCases(root, exercise.id, 'right')) {
    const files = submittedFiles(readCase(root, exercise.id, 'right', name), exercise);
    // A correct solution's first line says what case it is: not part of a learner's file.
    versions.push(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, text.replace(/^\/\/ Right: .*\n/, '')])));
  }
  return versions.filter((v) => Object.keys(v).length === exercise.editable.length);
}

/** The checks a passing homework submission reports: the hidden suite's, the own-tests check, the learner's tests. */
function passingResult(root: string, exercise: HomeworkExercise, files: Readonly<Record<string, string>>, rng: Rng): GradeResult {
  const hidden = join(root, 'exercises', exercise.id, 'tests/hidden');
  const names: string[] = [];
  for (const file of readdirSync(hidden).filter((f) => f.endsWith('.test.ts'))) {
    const text = readFileSync(join(hidden, file), 'utf8');
    const suite = /\bdescribe\(\s*(['"])(.+?)\1/.exec(text)?.[2];
    for (const m of text.matchAll(/\bit\(\s*(['"])(.+?)\1/g)) names.push(suite ? `${suite} > ${m[2] ?? ''}` : (m[2] ?? ''));
  }
  const own = Object.entries(files)
    .filter(([path]) => path.endsWith('.test.ts'))
    .flatMap(([, text]) => [...text.matchAll(/\b(?:it|test)\(\s*(['"])(.+?)\1/g)].map((m) => m[2] ?? ''));
  const min = exercise.kind === 'implement' || exercise.kind === 'debug' || exercise.kind === 'optimize' ? (exercise.learnerTests?.minPassing ?? 0) : 0;
  const tests: TestOutcome[] = [
    ...names.map((name): TestOutcome => ({ name, status: 'pass' })),
    ...(min > 0
      ? [
          { name: `your own tests: at least ${min}, every one passing`, status: 'pass' as const, message: `Your own ${own.length} tests pass.`, kind: 'project-check' as const },
          ...own.map((name): TestOutcome => ({ name: `${OWN_TEST_PREFIX}${name}`, status: 'pass', kind: 'project-check' })),
        ]
      : []),
  ];
  return { version: GRADE_RESULT_VERSION, status: 'pass', tests, durationMs: Math.round(900 + rng() * 800), score: 1, executed: names.length, expected: exercise.hiddenTestCount };
}

async function submitVersion(db: Db, userId: string, exercise: HomeworkExercise, files: Record<string, string>, result: GradeResult, at: number): Promise<string> {
  const id = await insertQueuedSubmission(db, { userId, exerciseId: exercise.id, files, changed: true, now: at });
  await completeSubmission(db, id, { status: result.status === 'pass' ? 'pass' : 'fail', score: result.score ?? 0, result, durationMs: result.durationMs, failedTests: [], now: at + result.durationMs });
  return id;
}

const ACCEPTED = [
  'Clean conversion: every rule is in validateEntity(), and the refused change puts the fields back. Bring the notes on the zone-less rows to session 2, the whole group will run into that.',
  'Accepted. The tests pin the instants exactly with a FixedClock, and each change records a reason that says what happened. Nice work on the migration notes.',
  'Good work. One touch per action and the ValidationError names the field every time. In session 2 we will look at how your repository publishes the events.',
];
const NEEDS_WORK = [
  'Almost there: the rejected change is tested, but nothing checks that updatedAt stays where it was. Add that assertion, and move the status rule from the controller into validateEntity().',
  'Please take another pass: two change methods call touch() twice for one action, so one edit records two events. Group the assignments and touch once, then resubmit.',
];
const MOST_VALUABLE = [
  'Converting a real entity from our own code base: the homework review showed me three places that still read the system clock.',
  'The troubleshooting session with the real incidents. I finally understand why the zone-less strings kept biting us.',
  'Controlled time in tests. FixedClock and AdvancingClock made our flaky timestamp tests deterministic.',
  'The code review checklist; we adopted it for our pull requests the same week.',
];
const IMPROVEMENTS = [
  'More time for the hands-on exercises in session 2, it felt rushed.',
  'A short recap of the repository pattern before the batch operations module would help.',
  'Examples from our own services rather than generic ones.',
  'Send the pre-reading a few days earlier.',
];

/** A 1–5 rating around `mean`, kept on the scale. */
const rate = (rng: Rng, mean: number): number => Math.min(5, Math.max(1, Math.round(mean + (rng() - 0.5) * 2.2)));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

export async function seedDemoHomework(db: Db, root: string, options: DemoHomeworkOptions): Promise<DemoHomeworkResult> {
  const { cohort, program, now } = options;
  const rng = createRng(options.seed ^ 0x40e1);
  const set = loadContent(root);
  const homework = set.exercises.map((e) => e.data).filter((e): e is HomeworkExercise => e.program === program.id && isHomework(e));
  const reviewer = { id: options.instructorId };
  const result: DemoHomeworkResult = { submissions: 0, reviews: 0, programFeedback: 0 };

  for (const exercise of homework) {
    const versions = finishedVersions(root, exercise);
    if (versions.length === 0) throw new Error(`demo: exercise "${exercise.id}" has no solution to hand in as homework`);
    const dueAt = homeworkDueAt(cohort, exercise.homework.dueBeforeSession) ?? now;
    for (const member of await cohortHomeworkRows(db, cohort.id, exercise.id)) {
      // Learners who handed it in (their work in demo-cohort.ts passed) submit a final version a little later.
      if (member.firstPassAt === null) continue;
      const files = versions[Math.floor(rng() * versions.length)] ?? {};
      const at = Math.min(now - DAY, member.firstPassAt + Math.round((20 + rng() * 70) * MINUTE));
      const submissionId = await submitVersion(db, member.userId, exercise, files, passingResult(root, exercise, files, rng), at);
      result.submissions++;
      // The instructor reviews most of them around session 2; a few wait for review.
      if (rng() < 0.2) continue;
      const reviewedAt = Math.min(now - 2 * MINUTE, Math.max(at, dueAt) + Math.round((2 + rng() * 30) * 60 * MINUTE));
      const accepted = rng() < 0.72;
      await reviewHomework(
        db,
        reviewer,
        cohort,
        { id: member.userId },
        exercise,
        { submissionId, verdict: accepted ? 'accepted' : 'needs-work', feedback: pick(rng, accepted ? ACCEPTED : NEEDS_WORK) },
        reviewedAt,
      );
      result.reviews++;
      // Some of those asked for another pass have resubmitted since; the review waits for them.
      if (!accepted && rng() < 0.5 && reviewedAt + DAY < now) {
        const again = versions[Math.floor(rng() * versions.length)] ?? files;
        await submitVersion(db, member.userId, exercise, again, passingResult(root, exercise, again, rng), reviewedAt + Math.round((6 + rng() * 40) * 60 * MINUTE));
        result.submissions++;
      }
    }
  }

  const form = program.programFeedback;
  const lastDate = cohort.sessionDates.at(-1);
  // The form opens on the day of the last session: a cohort whose last session is still to come has no answers yet.
  if (form && lastDate && Date.parse(`${lastDate}T00:00:00Z`) < now - MINUTE) {
    // Learners who kept going answer the end-of-program form at the last session's wrap-up or soon after.
    const lastSession = Date.parse(`${lastDate}T15:00:00Z`);
    const content = { program: program.id, form, lessons: [], exercises: [] };
    const members = homework[0] ? await cohortHomeworkRows(db, cohort.id, homework[0].id) : [];
    for (const member of members) {
      if (member.firstPassAt === null || rng() < 0.3) continue;
      const mood = 3.6 + rng() * 1.5;
      const answers: Record<string, string> = {};
      const values: Record<string, string> = {};
      for (const q of form.ratings) values[`rating:${q.id}`] = String(rate(rng, mood));
      for (const [i, q] of form.questions.entries()) {
        if (rng() < 0.65) answers[`answer:${q.id}`] = pick(rng, i === 0 ? MOST_VALUABLE : IMPROVEMENTS);
      }
      const at = Math.max(Date.parse(`${lastDate}T00:00:00Z`), Math.min(now - MINUTE, lastSession + Math.round(rng() * 2 * DAY)));
      await submitProgramFeedback(db, member.userId, content, (id) => values[id] ?? answers[id] ?? null, at);
      result.programFeedback++;
    }
  }
  return result;
}

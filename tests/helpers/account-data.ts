// A learner with something in every place an account leaves data, written through the storage
// functions the platform uses: lesson progress and check answers, a draft, practice and certification
// submissions (one content shared with another learner), a scored certification attempt with answers
// and flags, a practice exam, a case study with a review, session feedback, a cohort membership,
// sessions, a known browser, sign-in and rate-limit counters, and a certificate. Every text the
// learner wrote carries `marker`, so a test can tell whose data it sees.
import type { Db } from '../../src/server/db/open.ts';
import { newId } from '../../src/server/ids.ts';
import { finishAttempt, insertAttempt, saveAnswers } from '../../src/server/db/attempts.ts';
import { insertCaseStudy, markCaseStudySubmitted, recordCaseStudyReview, setCaseStudyFiles } from '../../src/server/db/case-studies.ts';
import { insertCertificate } from '../../src/server/db/certificates.ts';
import { addCohortMember } from '../../src/server/db/cohorts.ts';
import { saveDraft } from '../../src/server/db/drafts.ts';
import { saveFeedback } from '../../src/server/db/feedback.ts';
import { finishPracticePaper, insertPracticePaper } from '../../src/server/db/practice.ts';
import { markLessonDone, recordCheckAnswer } from '../../src/server/db/progress.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { consume } from '../../src/server/auth/rate-limit.ts';
import { rememberDevice } from '../../src/server/auth/devices.ts';

/** A real question of the course's bank, with a wrong option (what the learner answered). */
export const QUESTION = { id: 'arch-application-layer-timestamps', answered: 'a', prompt: 'Why does the clean timestamp design set' };
export const SHARED_FILES = { 'src/solution.ts': '// the unchanged starter, submitted by several learners\n' };

export interface LearnerData {
  userId: string;
  email: string;
  marker: string;
  submissionFiles: Record<string, string>;
  attemptId: string;
  certificateId: string;
  caseStudyId: string;
  practiceId: string;
  deviceToken: string;
}

export async function fillLearner(db: Db, user: { id: string; email: string }, opts: { marker: string; cohortId?: string; reviewerId?: string; now?: number }): Promise<LearnerData> {
  const now = opts.now ?? Date.now();
  const { marker } = opts;
  if (opts.cohortId) await addCohortMember(db, opts.cohortId, user.id, now - 10 * 86_400_000);
  await markLessonDone(db, user.id, 'clean-timestamp', 'welcome', now - 9 * 86_400_000);
  await recordCheckAnswer(db, { userId: user.id, program: 'clean-timestamp', lesson: 'welcome', checkId: 'c1', chosen: `option chosen by ${marker}`, correct: true, now: now - 9 * 86_400_000 });
  await saveDraft(db, user.id, 's1-project-entity', { 'src/project.ts': `// draft by ${marker}\nexport class Project {}\n` }, now - 8 * 86_400_000);

  const submissionFiles = { 'src/project.ts': `// submitted by ${marker}\nexport class Project { name = '${marker}'; }\n`, 'src/nested/util.ts': `export const who = '${marker}';\n` };
  const failed = await insertQueuedSubmission(db, { userId: user.id, exerciseId: 's1-project-entity', files: submissionFiles, changed: true, now: now - 7 * 86_400_000 });
  await completeSubmission(db, failed, { status: 'fail', score: 0.5, result: { tests: [{ name: 'keeps names', status: 'fail', message: `expected '${marker}'` }] }, durationMs: 900, failedTests: ['keeps names'] });
  const passed = await insertQueuedSubmission(db, { userId: user.id, exerciseId: 's1-project-entity', files: SHARED_FILES, changed: false, now: now - 6 * 86_400_000 });
  await completeSubmission(db, passed, { status: 'pass', score: 1, result: { tests: [{ name: 'keeps names', status: 'pass' }] }, durationMs: 800, failedTests: [] });

  const attemptId = newId();
  await insertAttempt(db, { id: attemptId, userId: user.id, program: 'clean-timestamp', level: 'associate', paper: { quiz: { theory: { questions: [{ id: QUESTION.id, optionOrder: ['c', 'a', 'd', 'b'] }] } }, tasks: [] }, startedAt: now - 5 * 86_400_000, expiresAt: now - 5 * 86_400_000 + 3_600_000 });
  await saveAnswers(db, attemptId, { [QUESTION.id]: QUESTION.answered }, [QUESTION.id]);
  const skills = [{ skill: 'entity-implementation', score: 0.9 }];
  await finishAttempt(db, attemptId, {
    submittedAt: now - 5 * 86_400_000 + 1_800_000,
    score: 0.9,
    passed: true,
    level: 'associate',
    breakdown: { components: [{ id: 'theory', name: 'Theory', score: 0.9, passMark: 0.7, passed: true, weight: 1 }], skills, questions: [{ id: QUESTION.id, skill: 'entity-implementation', mark: 0, chosen: [QUESTION.answered] }], tasks: {} },
    marks: { [QUESTION.id]: 0 },
  });
  const certificateId = (await insertCertificate(db, {
    userId: user.id,
    attemptId,
    program: 'clean-timestamp',
    level: 'associate',
    learnerName: `Learner ${marker}`,
    learnerEmail: user.email,
    score: 0.9,
    breakdown: { components: [], skills },
    issuedAt: now - 5 * 86_400_000 + 1_800_000,
    expiresAt: now + 360 * 86_400_000,
  })).id;

  const practiceId = newId();
  await insertPracticePaper(db, { id: practiceId, userId: user.id, program: 'clean-timestamp', level: 'associate', paper: { questions: [{ id: QUESTION.id, optionOrder: ['a', 'b', 'c', 'd'] }] }, now: now - 4 * 86_400_000 });
  await finishPracticePaper(db, practiceId, { answers: { [QUESTION.id]: 'c' }, score: 1, marks: { [QUESTION.id]: 1 }, now: now - 4 * 86_400_000 + 600_000 });

  const caseStudyId = await insertCaseStudy(db, { userId: user.id, program: 'clean-timestamp', level: 'expert', purpose: 'certify', now: now - 3 * 86_400_000 });
  await setCaseStudyFiles(db, caseStudyId, { 'design.md': `# Design by ${marker}\n` }, now - 3 * 86_400_000);
  await markCaseStudySubmitted(db, caseStudyId, now - 3 * 86_400_000 + 1000);
  if (opts.reviewerId) {
    await recordCaseStudyReview(db, { caseStudyId, reviewerId: opts.reviewerId, decision: 'return', points: { design: 2 }, comment: `Please expand the design, ${marker}.`, attemptId: null, now: now - 2 * 86_400_000 });
  }

  await saveFeedback(db, { userId: user.id, program: 'clean-timestamp', session: 1, ratings: { pace: 4 }, comment: `feedback from ${marker}`, now: now - 2 * 86_400_000 });
  await db.run('INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)', `session-${marker}`, user.id, now + 86_400_000);
  const deviceToken = await rememberDevice(db, undefined, user.id, now);
  await db.run("INSERT INTO sign_in_attempts (scope, key, at, pending) VALUES ('account', ?, ?, 0)", user.email.toLowerCase(), now - 60_000);
  await db.run("INSERT INTO sign_in_attempts (scope, key, at, pending) VALUES ('device', ?, ?, 0)", `devicehash${marker}:${user.id}`, now - 60_000);
  await consume(db, { bucket: 'write', limit: 100, windowMs: 60_000 }, user.id, now);
  return { userId: user.id, email: user.email, marker, submissionFiles, attemptId, certificateId, caseStudyId, practiceId, deviceToken };
}

/**
 * Peer review between two learners of a cohort, as migration 020 stores it: each sends their failed
 * submission's files for review and reviews the other's (rubric points, an overall comment and a line
 * comment, each signed with the reviewer's marker); plus an instructor's homework review of each
 * one's first submission and an end-of-program feedback form.
 */
export async function crossReview(db: Db, a: LearnerData, b: LearnerData, cohortId: string, instructorId: string, now = Date.now()): Promise<{ works: Record<string, string> }> {
  const works: Record<string, string> = {};
  const firstSubmission = async (d: LearnerData) =>
    await db.get('SELECT id, files_hash FROM submissions WHERE user_id = ? ORDER BY created_at LIMIT 1', d.userId) as { id: string; files_hash: string };
  for (const author of [a, b]) {
    const s = await firstSubmission(author);
    works[author.userId] = newId();
    await db.run("INSERT INTO peer_review_works (id, kind, author_id, program, cohort_id, exercise_id, submission_id, files_hash, created_at) VALUES (?, 'exercise', ?, 'clean-timestamp', ?, 's1-project-entity', ?, ?, ?)", works[author.userId]!, author.userId, cohortId, s.id, s.files_hash, now - 86_400_000);
    await db.run("INSERT INTO homework_reviews (submission_id, cohort_id, reviewer_id, verdict, feedback, created_at) VALUES (?, ?, ?, 'needs-work', ?, ?)", s.id,
      cohortId,
      instructorId,
      `Homework feedback for ${author.marker}`,
      now - 86_400_000);
    await db.run('INSERT INTO program_feedback (user_id, program, ratings, answers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', author.userId,
      'clean-timestamp',
      JSON.stringify({ overall: 5 }),
      JSON.stringify({ best: `program answer by ${author.marker}` }),
      now,
      now);
  }
  for (const [reviewer, author] of [[a, b], [b, a]] as const) {
    const id = newId();
    await db.run("INSERT INTO peer_review_assignments (id, work_id, reviewer_id, role, status, points, comment, assigned_at, due_at, updated_at, submitted_at) VALUES (?, ?, ?, 'peer', 'submitted', ?, ?, ?, ?, ?, ?)", id, works[author.userId]!, reviewer.userId, JSON.stringify({ clarity: 3 }), `overall review written by ${reviewer.marker}`, now - 80_000_000, now + 86_400_000, now - 70_000_000, now - 70_000_000);
    await db.run('INSERT INTO peer_review_comments (assignment_id, file, line, body, created_at) VALUES (?, ?, 1, ?, ?)', id, 'src/project.ts', `line comment written by ${reviewer.marker}`, now - 70_000_000);
  }
  return { works };
}

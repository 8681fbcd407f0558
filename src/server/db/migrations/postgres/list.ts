// The ordered list of PostgreSQL schema migrations: one per SQLite migration in ../list.ts, with the same
// versions and names, each producing the same schema shape (tests/unit/db/postgres-schema-parity.test.ts).
// Add a new numbered file beside its SQLite twin and append it here; never edit an applied one.
import type { Migration } from '../list.ts';
import accounts from './001_accounts.ts';
import progress from './002_progress.ts';
import submissions from './003_submissions.ts';
import attempts from './004_attempts.ts';
import certificates from './005_certificates.ts';
import cohorts from './006_cohorts.ts';
import exposureIndex from './007_exposure_index.ts';
import reportIndexes from './008_report_indexes.ts';
import learnerSummaries from './009_learner_summaries.ts';
import reportProjections from './010_report_projections.ts';
import submissionFacts from './011_submission_facts.ts';
import checkChoices from './012_check_choices.ts';
import signInLimits from './013_sign_in_limits.ts';
import statusLists from './014_status_lists.ts';
import submissionFiles from './015_submission_files.ts';
import exerciseStarts from './016_exercise_starts.ts';
import certificateSuccessors from './017_certificate_successors.ts';
import certificationLadder from './018_certification_ladder.ts';
import competencyAreas from './019_competency_areas.ts';
import peerReview from './020_peer_review.ts';
import homeworkAndProgramFeedback from './021_homework_and_program_feedback.ts';
import holderIdentity from './022_holder_identity.ts';
import accountDeletion from './023_account_deletion.ts';
import sessionStarts from './025_session_starts.ts';
import similarity from './026_similarity.ts';
import attemptTaskVariants from './027_attempt_task_variants.ts';
import issuerKeys from './028_issuer_keys.ts';
import gradingQueue from './029_grading_queue.ts';

export const postgresMigrations: readonly Migration[] = [
  { version: 1, name: 'accounts', sql: accounts },
  { version: 2, name: 'progress', sql: progress },
  { version: 3, name: 'submissions', sql: submissions },
  { version: 4, name: 'attempts', sql: attempts },
  { version: 5, name: 'certificates', sql: certificates },
  { version: 6, name: 'cohorts', sql: cohorts },
  { version: 7, name: 'exposure-index', sql: exposureIndex },
  { version: 8, name: 'report-indexes', sql: reportIndexes },
  { version: 9, name: 'learner-summaries', sql: learnerSummaries },
  { version: 10, name: 'report-projections', sql: reportProjections },
  { version: 11, name: 'submission-facts', sql: submissionFacts },
  { version: 12, name: 'check-choices', sql: checkChoices },
  { version: 13, name: 'sign-in-limits', sql: signInLimits },
  { version: 14, name: 'status-lists', sql: statusLists },
  { version: 15, name: 'submission-files', sql: submissionFiles },
  { version: 16, name: 'exercise-starts', sql: exerciseStarts },
  { version: 17, name: 'certificate-successors', sql: certificateSuccessors },
  { version: 18, name: 'certification-ladder', sql: certificationLadder },
  { version: 19, name: 'competency-areas', sql: competencyAreas },
  { version: 20, name: 'peer-review', sql: peerReview },
  { version: 21, name: 'homework-and-program-feedback', sql: homeworkAndProgramFeedback },
  { version: 22, name: 'holder-identity', sql: holderIdentity },
  { version: 23, name: 'account-deletion', sql: accountDeletion },
  { version: 25, name: 'session-starts', sql: sessionStarts },
  { version: 26, name: 'similarity', sql: similarity },
  { version: 27, name: 'attempt-task-variants', sql: attemptTaskVariants },
  { version: 28, name: 'issuer-keys', sql: issuerKeys },
  { version: 29, name: 'grading-queue', sql: gradingQueue },
];

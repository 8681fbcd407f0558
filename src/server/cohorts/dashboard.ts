// Builds a cohort's whole dashboard from the database and the program's content, independent of
// where the content came from (Astro collections in the server, the disk loader in scripts/bench).
import type { Db } from '../db/open.ts';
import type { Cohort } from '../db/cohorts.ts';
import type { Program } from '../../lib/schemas/program.ts';
import type { Certification } from '../../lib/schemas/certification.ts';
import { buildCohortReport, type CohortReport } from './report.ts';
import { componentAnalytics, exerciseAnalytics, feedbackSummary, questionMarks, type ComponentAnalytics, type ExerciseAnalytics, type FeedbackSummary } from './analytics.ts';
import type { Question } from '../../lib/schemas/question.ts';
import { questionAnalytics, type QuestionAnalytics } from './question-analytics.ts';
import { programFeedbackSummary, type ProgramFeedbackSummary } from '../feedback/program-feedback-summary.ts';

export interface CohortDashboard {
  report: CohortReport;
  exercises: ExerciseAnalytics[];
  components: ComponentAnalytics[];
  questions: QuestionAnalytics[];
  feedback: FeedbackSummary[];
  /** The end-of-program feedback (null when the program has no form). */
  programFeedback: ProgramFeedbackSummary | null;
  programTitle: string;
}

export interface DashboardContent {
  program: Program;
  /** Lesson slug → session number, in reading order. */
  lessonSessions: ReadonlyMap<string, number>;
  /** Practice exercises of the program, in session order. */
  exercises: readonly { id: string; title: string; session: number; skill: string }[];
  certification: Certification | null;
  /** The program's question bank, to show each analysed question's prompt (none: ids only). */
  questions?: readonly Question[];
}

export async function buildCohortDashboard(db: Db, cohort: Cohort, content: DashboardContent, now = Date.now()): Promise<CohortDashboard> {
  const competencyLevel = content.certification?.levels[0]?.id ?? null;
  const report = await buildCohortReport({ db, cohort, program: content.program, lessonSessions: content.lessonSessions, exercises: content.exercises, competencyLevel, now });
  return {
    report,
    programTitle: content.program.title,
    exercises: await exerciseAnalytics(db, cohort.id, content.exercises),
    components: content.certification ? await componentAnalytics(db, cohort.id, cohort.program, content.certification.components) : [],
    questions: questionAnalytics(await questionMarks(db, cohort.id, cohort.program), content.questions ?? []),
    feedback: await feedbackSummary(db, cohort.id, cohort.program),
    programFeedback: await programFeedbackSummary(db, cohort.id, report.memberCount, content.program),
  };
}

// A program's certification page: the ladder's levels from certification.json, each with what it
// asks (prerequisites, the exam's components and pass rules or the case study's brief and rubric),
// its validity and renewal, a practice exam, and for a signed-in learner where they stand: held
// until when, whether they may earn or renew it now (and why not), a running attempt to resume.
// Posted forms start an exam (earn or renew), open a case study, or start a practice exam.
import { marked } from 'marked';
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { exercisesOf, getProgram } from '../content/catalog.ts';
import { listAttempts, type AttemptRow } from '../db/attempts.ts';
import { certificatesOf, type CertificateRecord } from '../db/certificates.ts';
import { HttpError, readForm } from '../http.ts';
import { signInPath } from '../redirects.ts';
import { SeeOther } from '../route.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import { certificateTitle, levelName } from '../../lib/ladder-names.ts';
import { examComponents, type Assessment, type CaseStudy, type Certification, type CertificationLevel, type Exam, type Purpose } from '../../lib/schemas/certification.ts';
import type { Program } from '../../lib/schemas/program.ts';
import type { ExerciseKind } from '../../lib/schemas/exercise.ts';
import { taskWording } from '../../lib/task-wording.ts';
import { levelIdOf, startAttempt, type AssessmentContent } from './attempts.ts';
import { openCaseStudy } from './case-study.ts';
import { findAssessmentContent } from './content.ts';
import { ladderFor, type Ladder, type LadderStep } from './ladder.ts';
import { startPractice } from './practice.ts';
import type { IneligibleReason } from './rules.ts';

/** One component as the page's table shows it. */
export interface ComponentRow {
  name: string;
  /** What the candidate does and how it is scored (from the task's exercise kind). */
  what: string;
  /** Its share of the exam's overall score, 0..1. */
  share: number;
  passMark: number;
}

/** Why the learner cannot start yet, as they read it: prerequisites name their exercises by title, with links. */
export interface Blocker {
  message: string;
  exercises: { href: string; title: string }[];
}

export type AssessmentSection =
  | { kind: 'exam'; exam: Exam; components: ComponentRow[] }
  | { kind: 'case-study'; caseStudy: CaseStudy; briefHtml: string };

export interface LevelSection {
  level: CertificationLevel;
  assessment: AssessmentSection;
  renewal: (AssessmentSection & { opensDaysBeforeExpiry: number }) | null;
  /** The prerequisite exercises by title, with links, and the level to hold first. */
  prerequisites: { exercises: { href: string; title: string }[]; level: { name: string; months: number; waivable: boolean } | null };
  /** Signed in: where the learner stands at this level. */
  step: LadderStep | null;
  /** Why the learner may not earn (or renew, when held) the level now; empty when they may. */
  blockers: Blocker[];
  /** What the learner may do now: start the exam or open the case study, to earn or to renew. */
  action: { purpose: Purpose; kind: 'exam' | 'case-study' } | null;
  /** An exam attempt still running at this level, to resume. */
  open: AttemptRow | undefined;
  /** The case study in progress at this level, to go on with. */
  caseStudyHref: string | null;
}

export interface CertificationPage {
  program: Program;
  certification: Certification;
  levels: LevelSection[];
  status: number;
  /** Why a posted start was refused. */
  error: string | null;
  /** Signed in: the ladder as /me shows it. */
  ladder: Ladder | null;
  /** Newest first, with the name of the level each was for. */
  attempts: (AttemptRow & { levelName: string })[];
  certificates: (CertificateRecord & { status: CertificateStatus; title: string })[];
  signInHref: string;
}

export const attemptPath = (program: string, attemptId: string): string => `/certifications/${program}/attempts/${attemptId}`;
export const practicePath = (program: string, practiceId: string): string => `/certifications/${program}/practice/${practiceId}`;
export const caseStudyPath = (caseStudyId: string): string => `/case-studies/${caseStudyId}`;

function blockersOf(reasons: readonly IneligibleReason[], exerciseTitle: (id: string) => string): Blocker[] {
  return reasons.map((r) =>
    r.code === 'prerequisites'
      ? { message: 'Complete these exercises first:', exercises: r.missing.map((id) => ({ href: exerciseUrls(id, null).page, title: exerciseTitle(id) })) }
      : { message: r.message, exercises: [] },
  );
}

function sectionOf(certification: Certification, assessment: Assessment, kindOf: (exerciseId: string) => ExerciseKind | undefined): AssessmentSection {
  if (assessment.type === 'case-study') return { kind: 'case-study', caseStudy: assessment, briefHtml: marked.parse(assessment.brief, { async: false }) };
  const components = examComponents(certification, assessment);
  const total = components.reduce((t, c) => t + c.weight, 0);
  return {
    kind: 'exam',
    exam: assessment,
    components: components.map((c) => {
      const kind = c.type === 'task' ? kindOf(c.exercise) : undefined;
      const what = c.type === 'quiz' ? `${c.questionCount} questions drawn across the skill areas` : kind ? taskWording(kind) : 'A practical task, graded on the server';
      return { name: c.name, what, share: c.weight / total, passMark: c.passMark };
    }),
  };
}

/** Applies a posted start: an exam attempt, a case study or a practice exam at a level; where to go next. */
async function applyPost(app: App, user: SessionUser, content: AssessmentContent, form: URLSearchParams, now: number): Promise<SeeOther> {
  const { certification } = content;
  const program = certification.program;
  const levelId = form.get('level') ?? certification.levels[0]?.id ?? '';
  const level = certification.levels.find((l) => l.id === levelId);
  if (!level) throw new HttpError(400, 'invalid_input', `The certification has no level "${levelId.slice(0, 60)}".`);
  const action = form.get('action') ?? 'start';
  if (action === 'practice') return new SeeOther(practicePath(program, (await startPractice(app.db, user, content, level.id, now)).practiceId));
  if (action !== 'start' && action !== 'renew') throw new HttpError(400, 'invalid_input', 'Choose to start, renew or practise.');
  const purpose: Purpose = action === 'renew' ? 'renew' : 'certify';
  const assessment = purpose === 'certify' ? level.assessment : level.recertification?.assessment;
  if (assessment?.type === 'case-study') return new SeeOther(caseStudyPath((await openCaseStudy(app.db, user, content, { level: level.id, purpose }, now)).id));
  return new SeeOther(attemptPath(program, (await startAttempt(app.db, user, content, now, undefined, { level: level.id, purpose })).attemptId));
}

/** `path`: the page's own address, where "Sign in" returns to. */
export async function certificationPage(app: App, viewer: SessionUser | null, programId: string, request: Request, path: string, now = Date.now()): Promise<CertificationPage | SeeOther> {
  const program = await getProgram(programId);
  const content = await findAssessmentContent(programId);
  if (!program || !content) throw new HttpError(404, 'not_found', 'No certification for this program.');
  const { certification } = content;
  let error: string | null = null;
  let status = 200;
  if (request.method === 'POST') {
    const user = requireUser(viewer);
    try {
      return await applyPost(app, user, content, await readForm(request), now);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      error = e.message;
      status = e.status;
    }
  }
  const exercises = new Map((await exercisesOf(programId)).map((e) => [e.id, e]));
  const exerciseTitle = (id: string) => exercises.get(id)?.title ?? id;
  const ladder = viewer ? await ladderFor(app.db, viewer.id, content, now) : null;
  const attempts = viewer ? (await listAttempts(app.db, viewer.id, programId)).reverse() : [];
  const kindOf = (id: string) => exercises.get(id)?.kind;

  const levels = certification.levels.map((level, i): LevelSection => {
    const step = ladder?.steps[i] ?? null;
    const held = step?.standing.held === true;
    const eligibility = held ? step?.renew : step?.earn;
    const purpose: Purpose = held ? 'renew' : 'certify';
    const assessment = held ? level.recertification?.assessment : level.assessment;
    const required = level.prerequisites.level;
    return {
      level,
      assessment: sectionOf(certification, level.assessment, kindOf),
      renewal: level.recertification ? { ...sectionOf(certification, level.recertification.assessment, kindOf), opensDaysBeforeExpiry: level.recertification.opensDaysBeforeExpiry } : null,
      prerequisites: {
        exercises: level.prerequisites.exercises.map((id) => ({ href: exerciseUrls(id, null).page, title: exerciseTitle(id) })),
        level: required ? { name: levelName(certification, required.id), months: required.heldForMonths, waivable: required.waivable } : null,
      },
      step,
      blockers: eligibility && !eligibility.eligible ? blockersOf(eligibility.reasons, exerciseTitle) : [],
      action: assessment && eligibility?.eligible ? { purpose, kind: assessment.type === 'exam' ? 'exam' : 'case-study' } : null,
      open: attempts.find((a) => a.status === 'open' && now < a.expiresAt && levelIdOf(a, certification) === level.id),
      caseStudyHref: step?.caseStudy ? caseStudyPath(step.caseStudy.id) : null,
    };
  });
  return {
    program,
    certification,
    levels,
    status,
    error,
    ladder,
    attempts: attempts.map((a) => ({ ...a, levelName: levelName(certification, levelIdOf(a, certification)) })),
    certificates: viewer ? (await certificatesOf(app.db, viewer.id, programId)).map((c) => ({ ...c, status: certificateStatus(c, now), title: certificateTitle(certification, c) })) : [],
    signInHref: signInPath(path, app.config.publicOrigin),
  };
}

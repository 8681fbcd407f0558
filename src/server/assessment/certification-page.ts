// A program's certification landing page: what is assessed and the rules, whether the learner may
// start now (and why not), past attempts and certificates held; starting an attempt (a form post).
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { exercisesOf, getProgram } from '../content/catalog.ts';
import { listAttempts, type AttemptRow } from '../db/attempts.ts';
import { certificatesOf, type CertificateRecord } from '../db/certificates.ts';
import { HttpError } from '../http.ts';
import { signInPath } from '../redirects.ts';
import { SeeOther } from '../route.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';
import { exerciseUrls } from '../../lib/contracts/exercise-view.ts';
import type { Certification } from '../../lib/schemas/certification.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { taskWording } from '../../lib/task-wording.ts';
import { eligibilityFor, startAttempt } from './attempts.ts';
import { findAssessmentContent } from './content.ts';
import type { Eligibility } from './rules.ts';

/** One component as the page's table shows it. */
export interface ComponentRow {
  name: string;
  /** What the candidate does and how it is scored (from the task's exercise kind). */
  what: string;
  /** Its share of the overall score, 0..1. */
  share: number;
  passMark: number;
}

/** Why the learner cannot start yet, as they read it: prerequisites name their exercises by title, with links. */
export interface Blocker {
  message: string;
  exercises: { href: string; title: string }[];
}

export interface CertificationPage {
  program: Program;
  certification: Certification;
  components: ComponentRow[];
  /** Empty when the learner may start (or is signed out). */
  blockers: Blocker[];
  status: number;
  /** Why a posted start was refused. */
  error: string | null;
  /** Null when signed out. */
  eligibility: Eligibility | null;
  /** Newest first. */
  attempts: AttemptRow[];
  /** An attempt still running: resume it. */
  open: AttemptRow | undefined;
  certificates: (CertificateRecord & { status: CertificateStatus; levelName: string })[];
  signInHref: string;
}

export const attemptPath = (program: string, attemptId: string): string => `/certifications/${program}/attempts/${attemptId}`;

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
      return new SeeOther(attemptPath(programId, startAttempt(app.db, user, content, now).attemptId));
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      error = e.message;
      status = e.status;
    }
  }
  const attempts = viewer ? listAttempts(app.db, viewer.id, programId).reverse() : [];
  const levelName = (id: string) => certification.levels.find((l) => l.id === id)?.name ?? id;
  const exercises = new Map((await exercisesOf(programId)).map((e) => [e.id, e]));
  const totalWeight = certification.components.reduce((t, c) => t + c.weight, 0);
  const components = certification.components.map((c) => {
    const kind = c.type === 'task' ? exercises.get(c.exercise)?.kind : undefined;
    const what = c.type === 'quiz' ? `${c.questionCount} questions drawn across the skill areas` : kind ? taskWording(kind) : 'A practical task, graded on the server';
    return { name: c.name, what, share: c.weight / totalWeight, passMark: c.passMark };
  });
  const eligibility = viewer ? eligibilityFor(app.db, viewer.id, content, now) : null;
  const blockers = (eligibility?.eligible === false ? eligibility.reasons : []).map((r) =>
    r.code === 'prerequisites'
      ? { message: 'Complete these exercises first:', exercises: r.missing.map((id) => ({ href: exerciseUrls(id, null).page, title: exercises.get(id)?.title ?? id })) }
      : { message: r.message, exercises: [] },
  );
  return {
    program,
    certification,
    components,
    blockers,
    status,
    error,
    eligibility,
    attempts,
    open: attempts.find((a) => a.status === 'open' && now < a.expiresAt),
    certificates: viewer ? certificatesOf(app.db, viewer.id, programId).map((c) => ({ ...c, status: certificateStatus(c, now), levelName: levelName(c.level) })) : [],
    signInHref: signInPath(path, app.config.publicOrigin),
  };
}

// A learner's own page: progress per program, the certification ladder of each program (levels held
// with their expiry, a renewal reminder, the next step and what is missing), their cohorts (join one
// with a code, leave one), and their certificates with status, named by level and program.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { findAssessmentContent } from '../assessment/content.ts';
import { ladderFor, type Ladder } from '../assessment/ladder.ts';
import { certificateTitle } from '../../lib/ladder-names.ts';
import { joinWithCode, leaveCohort } from '../cohorts/membership.ts';
import { getProgram } from '../content/catalog.ts';
import { progressSummary, type ProgramProgress } from '../content/summary.ts';
import { certificatesOf, type CertificateRecord } from '../db/certificates.ts';
import { linkedInForCertificate } from '../certificates/linkedin.ts';
import { cohortsOfMember, getCohort, isCohortMember } from '../db/cohorts.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';

export interface MeCohort {
  id: string;
  name: string;
  programTitle: string;
}

export interface MePage {
  user: SessionUser;
  status: number;
  /** Headers the answer needs (Retry-After when joining was refused for too many wrong codes). */
  headers: Record<string, string>;
  /** Why a posted join or leave was refused. */
  error: string | null;
  /** What a join or leave just did ("You joined Spring cohort."). */
  notice: string | null;
  /** The code the learner typed, kept when it was refused. */
  code: string;
  progress: ProgramProgress[];
  /** Each program's certification ladder, in the order of `progress`. */
  ladders: (Ladder & { programTitle: string })[];
  cohorts: MeCohort[];
  /** Newest first; `linkedIn`: the "Add to LinkedIn profile" link of an active one. */
  certificates: (CertificateRecord & { status: CertificateStatus; levelName: string; programTitle: string; linkedIn: string | null })[];
}

const DONE = ['joined', 'already', 'left'] as const;

/** Applies a posted join or leave; the address to show the outcome at. */
async function applyPost(app: App, user: SessionUser, form: URLSearchParams): Promise<SeeOther> {
  const action = form.get('action');
  if (action === 'join') {
    const { cohort, alreadyMember } = await joinWithCode(app.db, user, form.get('code'));
    return new SeeOther(`/me?cohort=${encodeURIComponent(cohort.id)}&done=${alreadyMember ? 'already' : 'joined'}#cohorts`);
  }
  if (action === 'leave') {
    const cohort = await leaveCohort(app.db, user, form.get('cohort'));
    return new SeeOther(`/me?cohort=${encodeURIComponent(cohort.id)}&done=left#cohorts`);
  }
  throw new HttpError(400, 'invalid_input', 'Choose to join or to leave a cohort.');
}

/** The sentence for ?cohort=&done= after a join or leave (nothing for made-up addresses). */
async function noticeFor(app: App, userId: string, params: URLSearchParams): Promise<string | null> {
  const done = DONE.find((d) => d === params.get('done'));
  const cohort = await getCohort(app.db, params.get('cohort') ?? '');
  if (!done || !cohort) return null;
  const member = await isCohortMember(app.db, cohort.id, userId);
  if (done === 'left') return member ? null : `You left ${cohort.name}.`;
  if (!member) return null;
  return done === 'joined' ? `You joined ${cohort.name}. Your instructor now sees your progress.` : `You are already in ${cohort.name}.`;
}

export async function mePage(app: App, viewer: SessionUser | null, request: Request, now = Date.now()): Promise<MePage | SeeOther> {
  const user = requireUser(viewer);
  let status = 200;
  let error: string | null = null;
  let headers: Record<string, string> = {};
  let code = '';
  if (request.method === 'POST') {
    let form: URLSearchParams | null = null;
    try {
      form = await readForm(request);
      return await applyPost(app, user, form);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      ({ status, headers } = e);
      error = e.message;
      code = form?.get('code')?.slice(0, 64) ?? '';
    }
  }
  const programTitle = async (id: string) => (await getProgram(id))?.title ?? id;
  const title = async (record: { program: string; level: string; distinction: boolean }) => certificateTitle((await findAssessmentContent(record.program))?.certification, record);
  const cohorts = await Promise.all((await cohortsOfMember(app.db, user.id)).map(async (c) => ({ id: c.id, name: c.name, programTitle: await programTitle(c.program) })));
  const certificates = await Promise.all(
    (await certificatesOf(app.db, user.id)).map(async (c) => {
      const [status, levelName, program] = [certificateStatus(c, now), await title(c), await programTitle(c.program)];
      const linkedIn = status === 'active' ? linkedInForCertificate(c, { program, certificate: levelName }, app.config.publicOrigin) : null;
      return { ...c, status, levelName, programTitle: program, linkedIn };
    }),
  );
  const progress = await progressSummary(app.db, user.id, now);
  const ladders: MePage['ladders'] = [];
  for (const p of progress) {
    const content = await findAssessmentContent(p.program);
    if (content) ladders.push({ ...await ladderFor(app.db, user.id, content, now), programTitle: p.title });
  }
  return {
    user,
    status,
    headers,
    error,
    notice: request.method === 'GET' ? await noticeFor(app, user.id, new URL(request.url).searchParams) : null,
    code,
    progress,
    ladders,
    cohorts,
    certificates,
  };
}

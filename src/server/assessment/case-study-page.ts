// One case study as its page shows it, to its candidate (the brief, the files with upload and
// removal while it may change, sending it for review, the reviews it got) and to its staff (the
// files, the rubric to score it by, signing it off or returning it). Every change is a plain form
// post, so it works without JavaScript: uploads as multipart/form-data, the rest url-encoded.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { getProgram } from '../content/catalog.ts';
import { reviewsOf, type CaseStudyRecord, type CaseStudyReview } from '../db/case-studies.ts';
import { certificateIdOfAttempt } from '../db/certificates.ts';
import { afterCertificateIssued } from '../certificates/artefacts.ts';
import { getUser } from '../db/users.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther } from '../route.ts';
import { readTextUpload } from '../uploads.ts';
import type { CaseStudy, Certification, CertificationLevel } from '../../lib/schemas/certification.ts';
import { marked } from 'marked';
import { changeCaseStudyFiles, missingFileKinds, requireCaseStudy, reviewCaseStudy, rubricOutcome, submitCaseStudy, type RubricOutcome } from './case-study.ts';
import { requireCaseStudyReader } from './case-study-access.ts';
import { caseStudyPath } from './certification-page.ts';
import { loadAssessmentContent } from './content.ts';
import { caseStudyPeerRounds, type CaseStudyPeerRound } from '../peer-review/case-study-view.ts';

/** Room for the form's boundaries and other fields on top of the files themselves. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export interface CaseStudyPage {
  record: CaseStudyRecord;
  programTitle: string;
  certification: Certification;
  level: CertificationLevel;
  caseStudy: CaseStudy;
  briefHtml: string;
  /** The candidate sees their own case study; staff review it. */
  role: 'candidate' | 'staff';
  candidateName: string;
  files: { name: string; bytes: number; href: string }[];
  /** Kinds of file still missing before it can be sent for review. */
  missing: string[];
  /** The candidate may still change it (draft or returned). */
  editable: boolean;
  /** Oldest first, each with its rubric outcome. */
  reviews: (CaseStudyReview & { outcome: RubricOutcome })[];
  /** The certificate its sign-off issued. */
  certificateId: string | null;
  /** Its peer review rounds, newest first (holders of the levels content names review it beside the staff). */
  peerRounds: CaseStudyPeerRound[];
  status: number;
  error: string | null;
  notice: string | null;
}

const NOTICES: Record<string, string> = {
  uploaded: 'Files saved.',
  removed: 'File removed.',
  submitted: 'Sent for review. Your instructor will sign it off or return it with comments.',
  'signed-off': 'Signed off: the certificate has been issued.',
  returned: 'Returned to the candidate with your comments.',
};

export const caseStudyFileHref = (id: string, name: string): string => `/api/case-studies/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}`;

async function applyPost(app: App, user: SessionUser, record: CaseStudyRecord, request: Request, now: number): Promise<string> {
  const content = await loadAssessmentContent(record.program);
  const { caseStudy } = requireCaseStudy(content, { level: record.level, purpose: record.purpose });
  if ((request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const upload = await readTextUpload(request, caseStudy.files.maxTotalBytes + FORM_OVERHEAD_BYTES);
    if (Object.keys(upload.files).length === 0) throw new HttpError(400, 'invalid_input', 'Choose one or more files to upload.');
    await changeCaseStudyFiles(app, user, record.id, content, { add: upload.files }, now);
    return 'uploaded';
  }
  const form = await readForm(request, 64 * 1024);
  const action = form.get('action');
  if (action === 'remove') {
    await changeCaseStudyFiles(app, user, record.id, content, { remove: [form.get('name') ?? ''] }, now);
    return 'removed';
  }
  if (action === 'submit') {
    await submitCaseStudy(app.db, user, record.id, content, now);
    return 'submitted';
  }
  if (action === 'review') {
    const points = Object.fromEntries(caseStudy.rubric.criteria.map((c) => [c.id, form.get(`points:${c.id}`) ?? '']));
    const outcome = await reviewCaseStudy(app.db, user, record.id, content, { decision: form.get('decision'), points, comment: form.get('comment') }, now, app.config.certificates.statusListSize);
    await afterCertificateIssued(app, outcome.certificateId);
    return outcome.decision === 'sign-off' ? 'signed-off' : 'returned';
  }
  throw new HttpError(400, 'invalid_input', 'Upload files, remove one, send the case study for review, or review it.');
}

export async function caseStudyPage(app: App, viewer: SessionUser | null, id: string, request: Request, now = Date.now()): Promise<CaseStudyPage | SeeOther> {
  const user = requireUser(viewer);
  let record = await requireCaseStudyReader(app.db, user, id);
  let status = 200;
  let error: string | null = null;
  if (request.method === 'POST') {
    try {
      const done = await applyPost(app, user, record, request, now);
      return new SeeOther(`${caseStudyPath(record.id)}?done=${done}`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      ({ status } = e);
      error = e.message;
      record = await requireCaseStudyReader(app.db, user, id);
    }
  }
  const content = await loadAssessmentContent(record.program);
  const { level, caseStudy } = requireCaseStudy(content, { level: record.level, purpose: record.purpose });
  const done = request.method === 'GET' ? new URL(request.url).searchParams.get('done') : null;
  return {
    record,
    programTitle: (await getProgram(record.program))?.title ?? record.program,
    certification: content.certification,
    level,
    caseStudy,
    briefHtml: marked.parse(caseStudy.brief, { async: false }),
    role: record.userId === user.id ? 'candidate' : 'staff',
    candidateName: (await getUser(app.db, record.userId))?.name ?? '',
    files: Object.entries(record.files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, text]) => ({ name, bytes: Buffer.byteLength(text), href: caseStudyFileHref(record.id, name) })),
    missing: missingFileKinds(caseStudy.files, record.files),
    editable: record.userId === user.id && (record.status === 'draft' || record.status === 'returned'),
    reviews: (await reviewsOf(app.db, record.id)).map((r) => ({ ...r, outcome: rubricOutcome(caseStudy.rubric, r.points) })),
    certificateId: record.attemptId ? await certificateIdOfAttempt(app.db, record.attemptId) : null,
    peerRounds: await caseStudyPeerRounds(
      app.db,
      record.id,
      caseStudy.rubric,
      caseStudy.peerReview?.reviewers ?? 0,
      (caseStudy.peerReview?.reviewerLevels ?? []).map((id) => content.certification.levels.find((l) => l.id === id)?.name ?? id),
      record.userId !== user.id,
    ),
    status,
    error,
    notice: done ? (NOTICES[done] ?? null) : null,
  };
}

// "Download all your data": everything one account made and earned, as one zip streamed to its owner
// (README.txt inside says what each file and folder is; export-readme.ts). Rows are read from a
// read-only connection of their own inside one read transaction: a consistent snapshot, iterated
// row by row across the awaits of the download (the app's shared connection could not be held by an
// open iterator while it serves other requests), each row written to the zip before the next is read.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import { findAssessmentContent } from '../assessment/content.ts';
import type { AssessmentContent } from '../assessment/attempts.ts';
import { certificatePdf, credentialJwt } from '../certificates/artefacts.ts';
import { bakedBadgeSvg } from '../certificates/badge.ts';
import { certificateContent } from '../certificates/content.ts';
import { publicCertificate } from '../certificates/public-view.ts';
import { certificatesOf } from '../db/certificates.ts';
import { accountOf, attemptsOf, caseStudiesOf, closeSnapshot, draftsOf, feedbackOf, openSnapshot, peerReviewsOf, practiceExamsOf, progressOf, submissionsOf } from '../db/account-export.ts';
import type { Db } from '../db/open.ts';
import { certificateTitle } from '../../lib/ladder-names.ts';
import { exportReadme, type ExportSection } from './export-readme.ts';
import { DownloadClosed, ZipWriter } from './zip-writer.ts';

const iso = (ms: number | null | undefined): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
/** A time for file names: sortable, no colons (which some file systems refuse). */
const stamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
const pretty = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** One path segment from stored text (ids, exercise ids, file names): nothing that could climb out of its folder. */
export function safeSegment(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._@+-]/g, '_').slice(0, 120);
  return cleaned === '' || /^\.+$/.test(cleaned) ? '_' : cleaned;
}

/** A stored relative file path ("src/entity.ts") as zip path segments, each made safe. */
export function safePath(path: string): string {
  return path.split(/[\\/]+/).filter((part) => part !== '').map(safeSegment).join('/') || '_';
}

/** The questions of a paper with the learner's answers, in the wording the learner saw (when the question still exists). */
function answeredQuestions(content: AssessmentContent | null, paperQuestions: readonly { id: string; optionOrder: string[] }[], answers: Record<string, unknown>, marks: Record<string, number> | null) {
  const bank = new Map(content?.bank.map((q) => [q.id, q]) ?? []);
  return paperQuestions.map(({ id, optionOrder }) => {
    const question = bank.get(id);
    const raw = answers[id];
    const chosen = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
    const text = (option: string) => question?.options.find((o) => o.id === option)?.text ?? null;
    return {
      id,
      prompt: question?.prompt ?? null,
      options: optionOrder.map((option) => ({ id: option, text: text(option) })),
      yourAnswer: chosen.map((option) => ({ id: option, text: text(option) })),
      ...(marks && id in marks ? { mark: marks[id] } : {}),
    };
  });
}

const withIsoTimes = <T extends Record<string, unknown>>(row: T, keys: readonly string[]): T =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, keys.includes(k) ? iso(v as number | null) : v])) as T;

export interface ExportStream {
  stream: ReadableStream<Uint8Array>;
  fileName: string;
  /** Settles when the archive is complete or abandoned (rejects with why it stopped). */
  done: Promise<void>;
}

/**
 * Starts streaming `user`'s data; `release` runs once the export is over, whatever the outcome: at once
 * when it cannot start, and before the zip's last byte when it succeeds, so the next export can start as
 * soon as this download ends.
 * `now` dates the export (README, file name).
 */
export async function exportAccountData(app: App, user: SessionUser, release: () => Promise<void> = async () => {}, now = Date.now()): Promise<ExportStream> {
  const zip = new ZipWriter();
  let releasing: Promise<void> | undefined;
  const released = () => (releasing ??= release().catch((error: unknown) => console.error('[practicum] could not release a data export claim (it lapses on its own)', error)));
  let snapshot: Db;
  try {
    snapshot = await openSnapshot(app.config);
  } catch (error) {
    await released();
    throw error;
  }
  const done = (async () => {
    try {
      const sections = await writeEverything(app, snapshot, zip, user, now);
      await zip.add('README.txt', exportReadme({ user, origin: app.config.publicOrigin, now, sections }), new Date(now));
      await released();
      zip.end();
    } catch (error) {
      zip.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      await released();
      await closeSnapshot(snapshot);
    }
  })();
  // A cancelled download is not an error worth a log line; anything else is.
  done.catch((error: unknown) => {
    if (!(error instanceof DownloadClosed)) console.error('[practicum] data export failed', error);
  });
  return { stream: zip.webStream(), fileName: `practicum-data-${stamp(now).slice(0, 10)}.zip`, done };
}

async function writeEverything(app: App, db: Db, zip: ZipWriter, user: SessionUser, now: number): Promise<ExportSection[]> {
  const sections: ExportSection[] = [];
  const count = (name: ExportSection['name'], n: number) => sections.push({ name, count: n });
  const contents = new Map<string, Promise<AssessmentContent | null>>();
  const contentOf = (program: string) => {
    let found = contents.get(program);
    if (!found) contents.set(program, (found = findAssessmentContent(program)));
    return found;
  };

  // The account, its progress, feedback and peer reviews: small, read whole.
  const account = await accountOf(db, user.id);
  if (!account) throw new Error(`account ${user.id} is not in the snapshot`);
  await zip.add('profile.json', pretty({ ...account, createdAt: iso(account.createdAt), lastActiveAt: iso(account.lastActiveAt), cohorts: account.cohorts.map((c) => ({ ...c, joinedAt: iso(c.joinedAt) })) }));
  count('profile.json', 1);

  const progress = await progressOf(db, user.id);
  await zip.add(
    'progress.json',
    pretty({
      lessonsCompleted: progress.lessons.map((l) => ({ ...l, completedAt: iso(l.completedAt) })),
      lessonChecks: progress.checks.map(({ checkId, chosen, ...c }) => ({ ...c, check: checkId, yourAnswer: chosen, answeredAt: iso(c.answeredAt) })),
      solutionsOpened: progress.solutionsOpened.map((s) => ({ exercise: s.exerciseId, openedAt: iso(s.viewedAt) })),
    }),
  );
  count('progress.json', progress.lessons.length + progress.checks.length + progress.solutionsOpened.length);

  const feedback = await feedbackOf(db, user.id);
  await zip.add(
    'feedback.json',
    pretty({
      sessions: feedback.sessions.map((f) => ({ ...f, givenAt: iso(f.givenAt) })),
      programs: feedback.programs.map((f) => ({ ...f, givenAt: iso(f.givenAt), updatedAt: iso(f.updatedAt) })),
    }),
  );
  count('feedback.json', feedback.sessions.length + feedback.programs.length);

  const peer = await peerReviewsOf(db, user.id);
  if (peer.sent.length + peer.written.length > 0) {
    const times = ['sentAt', 'submittedAt', 'assignedAt', 'dueAt'];
    await zip.add(
      'peer-reviews.json',
      pretty({
        sent: peer.sent.map((w) => ({ ...withIsoTimes(w, times), reviewsReceived: w.reviewsReceived.map((r) => withIsoTimes({ ...r }, times)) })),
        written: peer.written.map((r) => withIsoTimes(r, times)),
      }),
    );
  }
  count('peer-reviews.json', peer.sent.length + peer.written.length);

  // Drafts: each exercise's files as last saved in the editor.
  let drafts = 0;
  for (const draft of await draftsOf(db, user.id)) {
    const folder = `drafts/${safeSegment(draft.exerciseId)}`;
    for (const [path, text] of draft.files) await zip.add(`${folder}/${safePath(path)}`, text, new Date(draft.updatedAt));
    drafts += 1;
  }
  count('drafts/', drafts);

  // Submissions: the files as submitted and how they were graded (and reviewed), numbered per exercise.
  let submissions = 0;
  let exercise = '';
  let number = 0;
  for (const s of await submissionsOf(db, user.id)) {
    if (s.exerciseId !== exercise) [exercise, number] = [s.exerciseId, 0];
    number += 1;
    const folder = `submissions/${safeSegment(exercise)}/${String(number).padStart(3, '0')}-${stamp(s.createdAt)}-${safeSegment(s.id)}`;
    const at = new Date(s.createdAt);
    for (const [path, text] of s.files) await zip.add(`${folder}/files/${safePath(path)}`, text, at);
    const { files: _files, exerciseId: _exercise, attemptId, createdAt, gradedAt, reviews, ...facts } = s;
    await zip.add(
      `${folder}/result.json`,
      pretty({ ...facts, exercise, certificationAttempt: attemptId, submittedAt: iso(createdAt), gradedAt: iso(gradedAt), reviews: reviews.map((r) => ({ ...r, at: iso(r.at) })) }),
      at,
    );
    submissions += 1;
  }
  count('submissions/', submissions);

  // Certification attempts: the paper as drawn, the answers, flags and the scored breakdown.
  let attempts = 0;
  for (const a of await attemptsOf(db, user.id)) {
    const content = await contentOf(a.program);
    const level = a.targetLevel ?? content?.certification.levels[0]?.id ?? 'level';
    const marks = a.breakdown?.questions ? Object.fromEntries(a.breakdown.questions.map((q) => [q.id, q.mark])) : null;
    await zip.add(
      `certification-attempts/${safeSegment(a.program)}/${stamp(a.startedAt)}-${safeSegment(level)}-${safeSegment(a.id)}.json`,
      pretty({
        id: a.id,
        program: a.program,
        level,
        purpose: a.purpose,
        kind: a.kind,
        status: a.status,
        startedAt: iso(a.startedAt),
        expiresAt: iso(a.expiresAt),
        submittedAt: iso(a.submittedAt),
        score: a.score,
        passed: a.passed,
        levelEarned: a.level,
        flagged: a.flags,
        components: Object.entries(a.paper.quiz ?? {}).map(([component, quiz]) => ({ component, questions: answeredQuestions(content, quiz.questions, a.answers, marks) })),
        tasks: a.paper.tasks ?? [],
        breakdown: a.breakdown,
      }),
      new Date(a.submittedAt ?? a.startedAt),
    );
    attempts += 1;
  }
  count('certification-attempts/', attempts);

  let practice = 0;
  for (const p of await practiceExamsOf(db, user.id)) {
    await zip.add(
      `practice-exams/${safeSegment(p.program)}/${stamp(p.createdAt)}-${safeSegment(p.level)}-${safeSegment(p.id)}.json`,
      pretty({
        id: p.id,
        program: p.program,
        level: p.level,
        startedAt: iso(p.createdAt),
        submittedAt: iso(p.submittedAt),
        score: p.score,
        questions: answeredQuestions(await contentOf(p.program), p.questions, p.answers, p.marks),
      }),
      new Date(p.submittedAt ?? p.createdAt),
    );
    practice += 1;
  }
  count('practice-exams/', practice);

  // Case studies: the uploaded files and every review decision with its comment.
  let caseStudies = 0;
  for (const c of await caseStudiesOf(db, user.id)) {
    const folder = `case-studies/${safeSegment(c.program)}/${safeSegment(c.level)}-${stamp(c.createdAt)}-${safeSegment(c.id)}`;
    for (const [path, text] of c.files) await zip.add(`${folder}/files/${safePath(path)}`, text, new Date(c.updatedAt));
    const { files: _files, updatedAt: _updated, reviews, ...facts } = c;
    await zip.add(
      `${folder}/case-study.json`,
      pretty({ ...facts, createdAt: iso(c.createdAt), submittedAt: iso(c.submittedAt), reviews: reviews.map((r) => ({ ...r, at: iso(r.at) })) }),
    );
    caseStudies += 1;
  }
  count('case-studies/', caseStudies);

  // Certificates: the printable PDF, the signed credential, the badge with it baked in, and the public record.
  const certificates = await certificatesOf(app.db, user.id);
  for (const record of certificates) {
    const { certification, program } = await certificateContent(record.program);
    const folder = `certificates/${safeSegment(record.program)}-${safeSegment(record.level)}-${safeSegment(record.id)}`;
    const issued = new Date(record.issuedAt);
    await zip.add(`${folder}/certificate.pdf`, await certificatePdf(app, record), issued);
    await zip.add(`${folder}/credential.jwt`, `${await credentialJwt(app, record)}\n`, issued);
    await zip.add(`${folder}/badge.svg`, await bakedBadgeSvg(app, record), issued);
    await zip.add(
      `${folder}/certificate.json`,
      pretty({ title: `${program?.title ?? record.program} — ${certificateTitle(certification, record)}`, ...publicCertificate(record, { certification, program }, app.config.publicOrigin, now) }),
      issued,
    );
  }
  count('certificates/', certificates.length);
  return sections;
}

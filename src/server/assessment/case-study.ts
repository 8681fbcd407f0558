// Levels assessed by a case study: the candidate opens one (eligibility as for an exam), uploads a
// written design plus code as text files within the content's limits (type, size, count; stored once
// per distinct content and counted against the account's storage quota), and submits it for review;
// staff score it against the rubric from content and sign it off (the level's certificate is issued)
// or return it with a comment for another round. Access: case-study-access.ts.
import type { App } from '../app.ts';
import type { SessionUser } from '../auth/roles.ts';
import type { Db } from '../db/open.ts';
import { newSecretId } from '../ids.ts';
import { HttpError } from '../http.ts';
import { requireStorage } from '../storage-quota.ts';
import { insertCaseStudyAttempt } from '../db/attempts.ts';
import { getUser } from '../db/users.ts';
import { STATUS_BITS, STATUS_LIST_SIZE } from '../db/certificates.ts';
import {
  caseStudyBytesFor,
  currentCaseStudy,
  getCaseStudy,
  insertCaseStudy,
  markCaseStudySubmitted,
  recordCaseStudyReview,
  setCaseStudyFiles,
  type CaseStudyRecord,
  type ReviewDecision,
} from '../db/case-studies.ts';
import { assessmentFor, type CaseStudy, type CertificationLevel, type Rubric } from '../../lib/schemas/certification.ts';
import type { ComponentResult, SkillResult } from '../../lib/contracts/attempt-breakdown.ts';
import { meetsMark } from '../../lib/scoring.ts';
import { eligibilityFor, issueLevelCertificate, requireLevel, type AssessmentContent, type Learner, type Target } from './attempts.ts';
import { requireCaseStudyOwner, requireCaseStudyReviewer } from './case-study-access.ts';
import { openCaseStudyRound } from '../peer-review/case-study-rounds.ts';

/** A file name a candidate may upload: one plain name (no folders), its extension from the content. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** A review comment is read by the candidate; a short essay at most. */
export const MAX_COMMENT_CHARS = 4000;

/** The level's case study for a purpose; 409 when it is earned or renewed another way. */
export function requireCaseStudy(content: AssessmentContent, target: Target): { level: CertificationLevel; caseStudy: CaseStudy } {
  const level = requireLevel(content.certification, target.level);
  const assessment = assessmentFor(level, target.purpose);
  if (!assessment) throw new HttpError(409, 'no_renewal', `"${level.name}" has no renewal: earn it again once it has expired.`);
  if (assessment.type !== 'case-study') throw new HttpError(409, 'not_a_case_study', `"${level.name}" is ${target.purpose === 'renew' ? 'renewed' : 'earned'} with an exam, not a case study.`);
  return { level, caseStudy: assessment };
}

const extensionOf = (name: string): string => (name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '');
const KB = 1024;
const size = (bytes: number): string => (bytes >= 10 * KB ? `${Math.round(bytes / KB)} KB` : `${bytes} bytes`);

export interface FileProblem {
  message: string;
  /** 413 for a size limit, 415 for a file type or encoding, 400 for the rest. */
  status: 400 | 413 | 415;
}

/** The problems of a file set against the case study's limits (empty when it may be stored). */
export function fileProblems(rules: CaseStudy['files'], files: Readonly<Record<string, string>>): FileProblem[] {
  const problems: FileProblem[] = [];
  const names = Object.keys(files);
  if (names.length > rules.maxFiles) problems.push({ status: 400, message: `A case study holds at most ${rules.maxFiles} files; this would be ${names.length}.` });
  let total = 0;
  for (const name of names) {
    const text = files[name] ?? '';
    const bytes = Buffer.byteLength(text);
    total += bytes;
    if (!FILE_NAME.test(name)) problems.push({ status: 400, message: `"${name.slice(0, 80)}" is not a file name we accept: letters, digits, ".", "_" and "-", no folders.` });
    else if (!rules.extensions.includes(extensionOf(name))) problems.push({ status: 415, message: `"${name}": only ${rules.extensions.map((e) => `.${e}`).join(', ')} files are accepted.` });
    if (text.includes('\u0000')) problems.push({ status: 415, message: `"${name}" is not a UTF-8 text file.` });
    if (bytes > rules.maxFileBytes) problems.push({ status: 413, message: `"${name}" is ${size(bytes)}; each file may be at most ${size(rules.maxFileBytes)}.` });
  }
  if (total > rules.maxTotalBytes) problems.push({ status: 413, message: `The files add up to ${size(total)}; a case study may hold at most ${size(rules.maxTotalBytes)}.` });
  return problems;
}

/** Kinds of file the case study still lacks before it can be submitted (by their names in content). */
export function missingFileKinds(rules: CaseStudy['files'], files: Readonly<Record<string, string>>): string[] {
  const extensions = new Set(Object.keys(files).map(extensionOf));
  return rules.required.filter((group) => !group.extensions.some((e) => extensions.has(e))).map((g) => `${g.name} (${g.extensions.map((e) => `.${e}`).join(' or ')})`);
}

/**
 * The case study the learner works on for this target: the one in progress (draft, returned or in
 * review), or a new draft when they may take the assessment now (409 with the reasons otherwise).
 */
export async function openCaseStudy(db: Db, user: Learner, content: AssessmentContent, target: Target, now: number): Promise<CaseStudyRecord> {
  requireCaseStudy(content, target);
  const program = content.certification.program;
  const current = await currentCaseStudy(db, user.id, program, target);
  if (current) return current;
  const eligibility = await eligibilityFor(db, user.id, content, target, now);
  if (!eligibility.eligible) {
    throw new HttpError(409, 'not_eligible', eligibility.reasons.map((r) => r.message).join(' '), {
      details: { reasons: eligibility.reasons, ...(eligibility.nextAttemptAt ? { nextAttemptAt: new Date(eligibility.nextAttemptAt).toISOString() } : {}) },
    });
  }
  const id = await insertCaseStudy(db, { userId: user.id, program, level: target.level, purpose: target.purpose, now });
  const created = await getCaseStudy(db, id);
  if (!created) throw new Error(`case study ${id} was not stored`);
  return created;
}

function requireEditable(record: CaseStudyRecord): void {
  if (record.status === 'submitted') throw new HttpError(409, 'in_review', 'This case study is waiting for review; it can be changed again if it is returned to you.');
  if (record.status === 'signed-off') throw new HttpError(409, 'signed_off', 'This case study has been signed off and can no longer change.');
}

/** Adds or replaces files (`add`, name → text) and removes others (`remove`), within the limits and the account's quota. */
export async function changeCaseStudyFiles(
  app: App,
  user: SessionUser,
  id: string,
  content: AssessmentContent,
  change: { add?: Readonly<Record<string, string>>; remove?: readonly string[] },
  now: number,
): Promise<CaseStudyRecord> {
  // Read, change and write the file set in one transaction: two changes at once must not lose one another's files (or both fit in the quota).
  return app.db.transaction(async (tx) => {
    const record = await requireCaseStudyOwner(tx, user, id);
    requireEditable(record);
    const { caseStudy } = requireCaseStudy(content, { level: record.level, purpose: record.purpose });
    const files: Record<string, string> = { ...record.files };
    for (const name of change.remove ?? []) {
      if (!(name in files)) throw new HttpError(404, 'not_found', `The case study has no file "${name.slice(0, 80)}".`);
      delete files[name];
    }
    for (const [name, text] of Object.entries(change.add ?? {})) files[name] = text;
    const problems = fileProblems(caseStudy.files, files);
    if (problems.length > 0) {
      const status = problems.some((p) => p.status === 413) ? 413 : problems.some((p) => p.status === 415) ? 415 : 400;
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_files';
      throw new HttpError(status, code, problems.map((p) => p.message).join(' '), { details: { problems: problems.map((p) => p.message) } });
    }
    await requireStorage({ ...app, db: tx }, user.id, await caseStudyBytesFor(tx, user.id, files));
    await setCaseStudyFiles(tx, record.id, files, now);
    return await getCaseStudy(tx, record.id) ?? record;
  });
}

/** Sends the case study for review once it has every kind of file the content requires. */
export async function submitCaseStudy(db: Db, user: Pick<SessionUser, 'id' | 'role'>, id: string, content: AssessmentContent, now: number): Promise<CaseStudyRecord> {
  const record = await requireCaseStudyOwner(db, user, id);
  requireEditable(record);
  const { caseStudy } = requireCaseStudy(content, { level: record.level, purpose: record.purpose });
  const missing = missingFileKinds(caseStudy.files, record.files);
  if (Object.keys(record.files).length === 0 || missing.length > 0) {
    throw new HttpError(400, 'incomplete', `Add ${missing.length > 0 ? missing.join(' and ') : 'your files'} before sending the case study for review.`, { details: { missing } });
  }
  // Sent and handed to its peer reviewers (when content asks for them) in one step.
  const sent = await db.transaction(async (tx) => {
    if (!await markCaseStudySubmitted(tx, record.id, now)) throw new HttpError(409, 'in_review', 'This case study is already waiting for review.');
    const submitted = await getCaseStudy(tx, record.id) ?? record;
    await openCaseStudyRound(tx, submitted, caseStudy, now);
    return submitted;
  });
  return sent;
}

export interface RubricOutcome {
  /** Points given ÷ the most the rubric allows. */
  share: number;
  /** Every criterion reached its minimum and the share reached the pass mark. */
  passed: boolean;
  criteria: { id: string; title: string; points: number; max: number; minPoints: number; met: boolean; skill?: string }[];
}

/** Scores rubric points (criterion id → points on the rubric's scale). */
export function rubricOutcome(rubric: Rubric, points: Readonly<Record<string, number>>): RubricOutcome {
  const max = Math.max(...rubric.scale.map((s) => s.points));
  const criteria = rubric.criteria.map((c) => {
    const given = points[c.id] ?? 0;
    return { id: c.id, title: c.title, points: given, max, minPoints: c.minPoints, met: given >= c.minPoints, ...(c.skill ? { skill: c.skill } : {}) };
  });
  const share = max === 0 ? 0 : criteria.reduce((sum, c) => sum + c.points, 0) / (max * criteria.length);
  return { share, passed: criteria.every((c) => c.met) && meetsMark(share, rubric.passMark), criteria };
}

/** Reads a reviewer's points: one per criterion, each a value of the rubric's scale. */
export function parsePoints(rubric: Rubric, raw: unknown): Record<string, number> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new HttpError(400, 'invalid_input', 'Send points as {criterionId: points}.');
  const allowed = new Set(rubric.scale.map((s) => s.points));
  const points: Record<string, number> = {};
  for (const c of rubric.criteria) {
    const value = (raw as Record<string, unknown>)[c.id];
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !allowed.has(n)) {
      throw new HttpError(400, 'invalid_points', `Give "${c.title}" one of the rubric's points (${[...allowed].join(', ')}).`);
    }
    points[c.id] = n;
  }
  for (const key of Object.keys(raw)) if (!rubric.criteria.some((c) => c.id === key)) throw new HttpError(400, 'invalid_points', `The rubric has no criterion "${key.slice(0, 60)}".`);
  return points;
}

export interface ReviewOutcome {
  decision: ReviewDecision;
  rubric: RubricOutcome;
  certificateId?: string;
}

/**
 * A reviewer's decision: "sign-off" (only when the rubric is met; issues the level's certificate) or
 * "return" (with a comment saying what to change). Staff of the case study only, never its candidate.
 */
export async function reviewCaseStudy(
  db: Db,
  reviewer: Pick<SessionUser, 'id' | 'role'>,
  id: string,
  content: AssessmentContent,
  input: { decision: unknown; points: unknown; comment: unknown },
  now: number,
  statusListSize = STATUS_LIST_SIZE,
): Promise<ReviewOutcome> {
  const record = await requireCaseStudyReviewer(db, reviewer, id);
  if (record.status !== 'submitted') throw new HttpError(409, 'not_in_review', record.status === 'signed-off' ? 'This case study has already been signed off.' : 'This case study is not waiting for review.');
  const { level, caseStudy } = requireCaseStudy(content, { level: record.level, purpose: record.purpose });
  if (input.decision !== 'sign-off' && input.decision !== 'return') throw new HttpError(400, 'invalid_input', 'Choose to sign off the case study or to return it.');
  const decision: ReviewDecision = input.decision;
  const points = parsePoints(caseStudy.rubric, input.points);
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (comment.length > MAX_COMMENT_CHARS) throw new HttpError(400, 'invalid_input', `Keep the comment under ${MAX_COMMENT_CHARS} characters.`);
  if (decision === 'return' && comment === '') throw new HttpError(400, 'invalid_input', 'Say what the candidate should change before returning the case study.');
  const rubric = rubricOutcome(caseStudy.rubric, points);
  if (decision === 'sign-off' && !rubric.passed) {
    const below = rubric.criteria.filter((c) => !c.met).map((c) => c.title);
    throw new HttpError(
      409,
      'rubric_not_met',
      below.length > 0
        ? `It cannot be signed off: ${below.join(', ')} ${below.length === 1 ? 'is' : 'are'} below the minimum. Return it with a comment instead.`
        : `It cannot be signed off: the rubric total is under its pass mark. Return it with a comment instead.`,
    );
  }
  const candidate: Learner | null = decision === 'sign-off' ? await candidateOf(db, record.userId) : null;
  const outcome: ReviewOutcome = { decision, rubric };
  await db.transaction(async (tx) => {
    let attemptId: string | null = null;
    if (candidate) {
      attemptId = newSecretId();
      await insertCaseStudyAttempt(tx, { id: attemptId, userId: record.userId, program: record.program, level: level.id, purpose: record.purpose, startedAt: record.submittedAt ?? record.createdAt, signedOffAt: now, score: rubric.share });
    }
    if (!await recordCaseStudyReview(tx, { caseStudyId: record.id, reviewerId: reviewer.id, decision, points, comment, attemptId, now })) {
      throw new HttpError(409, 'not_in_review', 'This case study is no longer waiting for review.');
    }
    if (candidate && attemptId) {
      outcome.certificateId = (await issueLevelCertificate(tx, candidate, {
        certification: content.certification,
        level,
        purpose: record.purpose,
        attemptId,
        score: rubric.share,
        distinction: false,
        breakdown: rubricBreakdown(rubric),
        now,
        statusListSize,
      })).id;
    }
  }, candidate ? { queueOn: [STATUS_BITS] } : {});
  return outcome;
}

/** What the certificate keeps of a signed-off rubric: each criterion as a component, and the skill areas the criteria evidence. */
export function rubricBreakdown(rubric: RubricOutcome): { components: ComponentResult[]; skills: SkillResult[] } {
  const weight = 1 / rubric.criteria.length;
  const components = rubric.criteria.map((c) => ({ id: c.id, name: c.title, score: c.points / c.max, passMark: c.minPoints / c.max, passed: c.met, weight }));
  const bySkill = new Map<string, number[]>();
  for (const c of rubric.criteria) if (c.skill) bySkill.set(c.skill, [...(bySkill.get(c.skill) ?? []), c.points / c.max]);
  const skills = [...bySkill.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([skill, scores]) => ({ skill, score: scores.reduce((x, y) => x + y, 0) / scores.length }));
  return { components, skills };
}

async function candidateOf(db: Db, userId: string): Promise<Learner> {
  const user = await getUser(db, userId);
  if (!user) throw new HttpError(404, 'not_found', 'The candidate’s account no longer exists.');
  return { id: user.id, name: user.name, email: user.email };
}

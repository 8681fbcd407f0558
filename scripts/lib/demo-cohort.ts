// A realistic demo cohort built through the platform's own domain functions (accounts, cohorts,
// lesson progress, graded submissions, certification attempts scored by the real rules,
// certificates, feedback) — never raw SQL — so instructors can try the views at once and the
// benchmark measures the dashboard on data shaped like the real thing. An alumni cohort of the same
// instructor, taught over a year earlier, fills the certification ladder: Associates (some expiring
// within the reminder period, some renewed, some expired), Professionals, Experts whose case study an
// instructor signed off, and case studies waiting for review.
import { readVariants, taskRoot } from '../../src/server/variants/render.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/server/db/open.ts';
import { createUser, touchUserActivity } from '../../src/server/db/users.ts';
import type { Cohort } from '../../src/server/db/cohorts.ts';
import { createCohort } from '../../src/server/cohorts/create.ts';
import { joinCohortByCode } from '../../src/server/cohorts/membership.ts';
import { markLessonDone } from '../../src/server/db/progress.ts';
import { saveDraft } from '../../src/server/db/drafts.ts';
import { mutantClassLabel } from '../../src/lib/mutant-spec.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { saveFeedback } from '../../src/server/db/feedback.ts';
import { heldCertificates, saveAttemptAnswers, startAttempt, submitAttempt, type AssessmentContent, type Target } from '../../src/server/assessment/attempts.ts';
import { openCaseStudy, reviewCaseStudy, submitCaseStudy } from '../../src/server/assessment/case-study.ts';
import { addMonths, levelStanding } from '../../src/server/assessment/rules.ts';
import { countCaseStudiesInReview, setCaseStudyFiles } from '../../src/server/db/case-studies.ts';
import { createRng, type Rng } from '../../src/server/assessment/draw.ts';
import { primarySkill } from '../../src/lib/skill-evidence.ts';
import { loadContent } from '../../src/server/content/files.ts';
import type { DashboardContent } from '../../src/server/cohorts/dashboard.ts';
import type { GradeResult } from '../../src/lib/grade-result.ts';
import { seedDemoPeerReview } from './demo-peer-review.ts';
import { seedDemoSimilarity } from './demo-similarity.ts';
import { seedDemoAgenda } from './demo-agenda.ts';
import { seedDemoHomework } from './demo-homework.ts';
import { seedDemoCoverage } from './demo-coverage.ts';

const DAY = 86_400_000;

/** How likely a learner is to get work in a skill area right (the area of a question, or a task's main area). */
type Ability = (skill: string | undefined) => number;
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Tim', 'Zoë', 'Иван', 'Γιώργος', 'Amara', 'Kenji', 'Priya', 'Mateo', 'Fatima'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee', 'Ålander', 'Петров', 'Παπαδόπουλος', 'Okafor', 'Sato', 'Sharma', 'García', 'Haddad'];

export interface DemoOptions {
  learners: number;
  cohortName?: string;
  instructorEmail?: string;
  /** Argon2 hash of the demo password, computed once by the caller (hashing per learner is slow). */
  passwordHash: string;
  seed?: number;
  now?: number;
  program?: string;
}

export interface DemoResult {
  cohort: Cohort;
  instructorId: string;
  instructorEmail: string;
  learners: number;
  certified: number;
  /** The alumni cohort that fills the certification ladder. */
  alumni: { cohort: Cohort; learners: number; ladder: LadderCounts };
}

/** Alumni by where they stand now: holders of each level, and certificates expiring within the reminder period. */
export interface LadderCounts {
  held: Record<string, number>;
  expiringSoon: number;
  expired: number;
  inReview: number;
}

/** Program content from disk, in the shapes the assessment engine and the dashboard take. */
export function demoContent(root: string, programId = 'clean-timestamp'): { assessment: AssessmentContent; dashboard: DashboardContent; lessons: { slug: string; session: number }[] } {
  const set = loadContent(root);
  const program = set.programs.find((p) => p.data.id === programId)?.data;
  const certification = set.certifications.find((c) => c.data.program === programId)?.data;
  if (!program || !certification) throw new Error(`program "${programId}" or its certification is missing from the content`);
  const lessons = program.sessions.flatMap((s) => s.agenda.flatMap((b) => b.lessons.map((slug) => ({ slug, session: s.number }))));
  const exercises = set.exercises
    .map((e) => e.data)
    .filter((e) => e.program === programId && !e.certification)
    .map((e) => ({ id: e.id, title: e.title, session: e.session, skill: e.skill }))
    .sort((a, b) => a.session - b.session || a.id.localeCompare(b.id));
  return {
    assessment: {
      certification,
      bank: set.questions.filter((q) => q.program === programId).map((q) => q.data),
      exerciseTitles: new Map(set.exercises.filter((e) => e.data.program === programId).map((e) => [e.data.id, e.data.title])),
      taskVariants: new Map(
        set.exercises.flatMap((e) => {
          const variants = e.data.program === programId && e.data.certification ? readVariants(root, e.data.id) : null;
          return variants ? [[e.data.id, variants.variants.map((v) => v.id)] as const] : [];
        }),
      ),
    },
    dashboard: { program, lessonSessions: new Map(lessons.map((l) => [l.slug, l.session])), exercises, certification, questions: set.questions.filter((q) => q.program === programId).map((q) => q.data) },
    lessons,
  };
}

interface MutantEntry {
  id: string;
  class?: string;
  required?: boolean;
}

/**
 * The names the grader gives an exercise's checks, so failing submissions fail the way real ones do:
 * the hidden suite's test names; for write-tests exercises, one check per mutant (worded as
 * src/server/grader/kinds/write-tests.ts words it); for reviews, one per answer-key finding
 * ("<file>:<line> <category>", as kinds/review.ts). Names built at run time (template literals) are
 * left out: the grader would report them expanded.
 */
function hiddenTestNames(root: string, exerciseId: string): string[] {
  // A task with variants: its first variant's names (every variant has the same checks, named for its own entity).
  const base = join(taskRoot(root, exerciseId), 'exercises', exerciseId);
  const dir = join(base, 'tests/hidden');
  const names: string[] = [];
  const files = readdirSync(dir);
  for (const file of files.filter((f) => f.endsWith('.test.ts'))) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\bit\(\s*(['"`])(.+?)\1/g)) {
      const name = m[2] ?? '';
      if (name && !name.includes('${')) names.push(name);
    }
  }
  if (files.includes('review-key.json')) {
    const key = JSON.parse(readFileSync(join(dir, 'review-key.json'), 'utf8')) as { findings: { file: string; line: number; category: string }[] };
    names.push(...key.findings.map((f) => `${f.file}:${f.line} ${f.category}`));
  }
  const definition = JSON.parse(readFileSync(join(base, 'exercise.json'), 'utf8')) as { mutants?: (string | MutantEntry)[]; mutantClasses?: Record<string, string> };
  for (const entry of definition.mutants ?? []) {
    const spec: MutantEntry = typeof entry === 'string' ? { id: entry } : entry;
    names.push(`mutant ${spec.id} (${mutantClassLabel(spec.class, definition.mutantClasses)}${spec.required ? ', must be caught' : ''}) is caught by your tests`);
  }
  if (names.length === 0) throw new Error(`exercise "${exerciseId}" has no hidden tests, mutants or review key to name its checks after`);
  return names;
}

function gradeResult(rng: Rng, names: string[], pass: boolean): GradeResult {
  // A failing submission misses anything from a fifth to two thirds of the checks, and at least one.
  const missed = 0.2 + rng() * 0.47;
  const failing = pass ? new Set<string>() : new Set(names.filter(() => rng() < missed).concat(names[Math.floor(rng() * names.length)] ?? []));
  const tests = names.map((name) => ({ name, status: failing.has(name) ? ('fail' as const) : ('pass' as const), ...(failing.has(name) ? { message: 'AssertionError: expected values to match' } : {}) }));
  const passed = tests.filter((t) => t.status === 'pass').length;
  return { version: 3, status: pass ? 'pass' : 'fail', tests, durationMs: Math.round(150 + rng() * 300), score: passed / tests.length, executed: tests.length, expected: tests.length };
}

async function submit(db: Db, userId: string, exerciseId: string, names: string[], rng: Rng, pass: boolean, at: number, attemptId: string | null = null): Promise<void> {
  const result = gradeResult(rng, names, pass);
  const id = await insertQueuedSubmission(db, { userId, exerciseId, attemptId, files: { 'src/solution.ts': `// demo submission ${pass ? 'passing' : 'failing'}\n` }, now: at });
  await completeSubmission(db, id, {
    status: result.status,
    score: result.score ?? 0,
    result,
    durationMs: result.durationMs,
    failedTests: result.tests.filter((t) => t.status !== 'pass').map((t) => t.name),
    now: at + result.durationMs,
  });
}

/** One certification attempt through the assessment engine: draw, answer, grade the tasks, submit. */
async function takeCertification(
  db: Db,
  learner: { id: string; name: string; email: string },
  assessment: AssessmentContent,
  names: ReadonlyMap<string, string[]>,
  rng: Rng,
  ability: Ability,
  at: number,
  target?: Target,
): Promise<'certified' | 'failed' | 'not-eligible'> {
  let view;
  try {
    view = await startAttempt(db, learner, assessment, at, rng, target);
  } catch (error) {
    // A learner who missed a prerequisite exercise is simply not eligible (yet).
    if (error instanceof Error && 'status' in error && error.status === 409) return 'not-eligible';
    throw error;
  }
  const answers: Record<string, string | string[]> = {};
  for (const q of view.questions) {
    const item = assessment.bank.find((b) => b.id === q.id);
    const right = item?.options.filter((o) => o.correct).map((o) => o.id) ?? [];
    const pick = rng() < 0.1 + 0.8 * ability(item?.skill) ? right : [q.options[Math.floor(rng() * q.options.length)]?.id ?? ''];
    answers[q.id] = q.type === 'multiple' ? pick : (pick[0] ?? '');
  }
  // Answers saved a fifth of the way in, tasks graded half way, submitted shortly before the exam's time runs out.
  const length = Date.parse(view.expiresAt) - at;
  await saveAttemptAnswers(db, learner.id, view.attemptId, { answers, flags: [] }, at + Math.round(length * 0.2));
  for (const task of view.tasks) {
    const component = assessment.certification.components.find((c) => c.type === 'task' && c.exercise === task.exerciseId);
    const skill = component?.type === 'task' ? primarySkill(component) : undefined;
    await submit(db, learner.id, task.exerciseId, names.get(task.exerciseId) ?? [], rng, rng() < ability(skill), at + Math.round(length * 0.5), view.attemptId);
  }
  return (await submitAttempt(db, learner, view.attemptId, assessment, at + length - 10 * 60_000)).certificateId ? 'certified' : 'failed';
}

/** Takes an exam until it passes (a few days apart, past any cool-down); throws when the rules refuse it, as that is a bug here. */
async function passExam(db: Db, learner: { id: string; name: string; email: string }, assessment: AssessmentContent, names: ReadonlyMap<string, string[]>, rng: Rng, ability: number, at: number, target: Target): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const when = at + attempt * 4 * DAY;
    const outcome = await takeCertification(db, learner, assessment, names, rng, () => ability + 0.1 + attempt * 0.1, when, target);
    if (outcome === 'certified') return when;
    if (outcome === 'not-eligible') throw new Error(`demo: ${learner.name} may not take ${target.purpose === 'renew' ? 'the renewal of' : ''} "${target.level}" on ${new Date(when).toISOString()}`);
  }
  throw new Error(`demo: ${learner.name} failed "${target.level}" three times`);
}

const DESIGN = `# Field-service sync: timestamps and events

Each work order is an entity on BaseTimestampEntity; the service owns createdAt and updatedAt from its
clock, tablets only propose changes with their local instant as a hint. Changes are merged per field,
raised as WorkOrderChanged events after the batch is stored, and consumers keep the ids they have seen.
`;
const CODE = `import { BaseTimestampEntity } from '@practicum/reference';

export class WorkOrder extends BaseTimestampEntity {
  // The merge of one offline change set, validated before the batch is stored.
}
`;

/**
 * One alumni learner's path up the ladder, through the same domain functions a learner and their
 * instructor use: Associate, then as the profile says a renewal, the Professional exam (six months
 * later), and an Expert case study submitted and signed off (or still waiting).
 */
async function climbLadder(
  db: Db,
  learner: { id: string; name: string; email: string },
  reviewer: { id: string; role: 'instructor' },
  assessment: AssessmentContent,
  names: ReadonlyMap<string, string[]>,
  rng: Rng,
  profile: AlumniProfile,
  now: number,
): Promise<void> {
  const [associate, professional, expert] = assessment.certification.levels;
  if (!associate || !professional || !expert) throw new Error('demo: the ladder needs three levels');
  const days = (n: number) => Math.floor(rng() * n) * DAY;
  const ability = 0.85 + rng() * 0.15;
  const earnedAt = {
    expiring: () => addMonths(now, -associate.validityMonths) + DAY + days(25),
    renewed: () => addMonths(now, -associate.validityMonths) - 10 * DAY - days(30),
    expired: () => addMonths(now, -associate.validityMonths - 2) - days(20),
    professional: () => addMonths(now, -10) - days(30),
    expert: () => addMonths(now, -10) - days(15),
    'expert-in-review': () => addMonths(now, -10) - days(15),
  }[profile]();
  const associateAt = await passExam(db, learner, assessment, names, rng, ability, earnedAt, { level: associate.id, purpose: 'certify' });
  if (profile === 'renewed') {
    const expiry = levelStanding(assessment.certification, associate.id, await heldCertificates(db, learner.id, assessment.certification.program), associateAt + DAY).expiresAt ?? now;
    await passExam(db, learner, assessment, names, rng, ability, expiry - 25 * DAY, { level: associate.id, purpose: 'renew' });
  }
  if (profile !== 'professional' && profile !== 'expert' && profile !== 'expert-in-review') return;
  const wait = professional.prerequisites.level?.heldForMonths ?? 0;
  const proAt = await passExam(db, learner, assessment, names, rng, ability, addMonths(associateAt, wait) + 3 * DAY + days(10), { level: professional.id, purpose: 'certify' });
  if (profile === 'professional') return;
  const opened = profile === 'expert' ? proAt + 30 * DAY : now - 3 * DAY;
  const study = await openCaseStudy(db, learner, assessment, { level: expert.id, purpose: 'certify' }, opened);
  await setCaseStudyFiles(db, study.id, { 'design.md': DESIGN, 'work-order.ts': CODE }, opened + DAY);
  await submitCaseStudy(db, { id: learner.id, role: 'learner' }, study.id, assessment, opened + 2 * DAY);
  if (profile === 'expert-in-review') return;
  const rubric = expert.assessment.type === 'case-study' ? expert.assessment.rubric : null;
  if (!rubric) throw new Error('demo: the expert level is not assessed by a case study');
  const top = Math.max(...rubric.scale.map((p) => p.points));
  const points = Object.fromEntries(rubric.criteria.map((c) => [c.id, Math.min(top, c.minPoints + (rng() < 0.5 ? 1 : 0))]));
  await reviewCaseStudy(db, reviewer, study.id, assessment, { decision: 'sign-off', points, comment: 'Clear ownership of every timestamp; the merge is well tested.' }, opened + 9 * DAY);
}

type AlumniProfile = 'expiring' | 'renewed' | 'expired' | 'professional' | 'expert' | 'expert-in-review';
/** One in ten of each kind of path, so every level and state shows up in a small cohort too. */
const ALUMNI_PROFILES: readonly AlumniProfile[] = ['expiring', 'expiring', 'renewed', 'expired', 'professional', 'professional', 'professional', 'expert', 'expert', 'expert-in-review'];

/** Where the alumni stand now, by the ladder's own rules. */
async function ladderCounts(db: Db, userIds: readonly string[], assessment: AssessmentContent, now: number): Promise<LadderCounts> {
  const counts: LadderCounts = { held: Object.fromEntries(assessment.certification.levels.map((l) => [l.id, 0])), expiringSoon: 0, expired: 0, inReview: 0 };
  for (const id of userIds) {
    const held = await heldCertificates(db, id, assessment.certification.program);
    for (const level of assessment.certification.levels) {
      const standing = levelStanding(assessment.certification, level.id, held, now);
      if (standing.held) counts.held[level.id] = (counts.held[level.id] ?? 0) + 1;
      if (standing.renewalDue) counts.expiringSoon++;
      if (standing.lapsed) counts.expired++;
      if (level.assessment.type === 'case-study') counts.inReview += await countCaseStudiesInReview(db, id, assessment.certification.program, { level: level.id, purpose: 'certify' });
    }
  }
  return counts;
}

export async function seedDemoCohort(db: Db, root: string, options: DemoOptions): Promise<DemoResult> {
  const rng = createRng(options.seed ?? 20261123);
  // A second stream for how long learners work before submitting, so adding it left every other draw as it was.
  const workRng = createRng((options.seed ?? 20261123) ^ 0x5eed);
  const now = options.now ?? Date.now();
  const content = demoContent(root, options.program);
  const { assessment, lessons } = content;
  const program = content.dashboard.program;
  const start = now - 21 * DAY;
  const sessionDates = program.sessions.map((_, i) => new Date(start + i * 3 * DAY).toISOString().slice(0, 10));
  const instructorEmail = options.instructorEmail ?? 'demo-instructor@practicum.local';
  const tag = `${Date.now().toString(36)}${Math.floor(rng() * 1e6).toString(36)}`;

  return await db.transaction(async (tx): Promise<DemoResult> => {
    const instructor = await createUser(tx, { email: instructorEmail, name: 'Demo Instructor', passwordHash: options.passwordHash, role: 'instructor', now: start - DAY });
    const cohort = await createCohort(tx, instructor, { name: options.cohortName ?? `Demo cohort (${options.learners} learners)`, program: program.id, sessionDates }, [program], start - DAY);
    const names = new Map(content.dashboard.exercises.map((e) => [e.id, hiddenTestNames(root, e.id)]));
    const tasks = assessment.certification.components.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
    for (const task of tasks) names.set(task, hiddenTestNames(root, task));
    let certified = 0;

    for (let i = 0; i < options.learners; i++) {
      const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Learner';
      const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Demo';
      const user = await createUser(tx, { email: `learner${i + 1}.${tag}@demo.practicum.local`, name: `${first} ${last}`, passwordHash: options.passwordHash, now: start - DAY });
      await joinCohortByCode(tx, cohort.joinCode, user.id, start - DAY + Math.floor(rng() * DAY));
      // Profiles: most finish, some fall behind, some stop (at risk), a few never start.
      const roll = rng();
      const ability = 0.55 + rng() * 0.45;
      // Each area a little apart from the learner's overall ability: the later areas of the course (as
      // program.json lists them) are on average the harder ones, so the chart shows some below target.
      const areaAbility = new Map(program.skillAreas.map((area, k) => [area.id, Math.min(1, ability + 0.05 - 0.08 * k + (workRng() - 0.5) * 0.2)]));
      const reach = roll < 0.05 ? 0 : roll < 0.15 ? 1 : roll < 0.3 ? 2 : 3;
      const stoppedEarly = roll >= 0.05 && roll < 0.12;
      let lastActive = start;
      // A session's work is done from the day before it to a few hours after; weaker learners straggle for days.
      const workWindow = () => Math.floor((rng() * (ability > 0.7 ? 1.2 : 4) - 1) * DAY);
      for (const lesson of lessons) {
        if (lesson.session > reach || (lesson.session === reach && reach < 3 && rng() < 0.4)) continue;
        const at = start + (lesson.session - 1) * 3 * DAY + workWindow();
        await markLessonDone(tx, user.id, program.id, lesson.slug, at);
        lastActive = Math.max(lastActive, at);
      }
      for (const exercise of content.dashboard.exercises) {
        if (exercise.session > reach) continue;
        let at = start + (exercise.session - 1) * 3 * DAY + workWindow();
        const failures = Math.floor(rng() * (1 - ability) * 6);
        // The editor saves a draft as soon as the learner starts typing; weaker learners take longer.
        const workMinutes = Math.round(6 + workRng() * 30 * (1.6 - ability));
        await saveDraft(tx, user.id, exercise.id, { 'src/solution.ts': '// demo work in progress\n' }, at - workMinutes * 60_000);
        for (let f = 0; f < failures; f++, at += 15 * 60_000) await submit(tx, user.id, exercise.id, names.get(exercise.id) ?? [], rng, false, at);
        if (rng() < 0.985) await submit(tx, user.id, exercise.id, names.get(exercise.id) ?? [], rng, true, at);
        lastActive = Math.max(lastActive, at);
      }
      for (let session = 1; session <= Math.min(reach, 3); session++) {
        if (rng() < 0.7) {
          const r = () => Math.min(5, Math.max(1, Math.round(3.2 + ability * 2 + (rng() - 0.5) * 1.5)));
          await saveFeedback(tx, { userId: user.id, program: program.id, session, ratings: { content: r(), pace: r(), exercises: r(), instruction: r(), overall: r() }, comment: rng() < 0.2 ? 'More time for the hands-on exercises, please.' : '', now: lastActive });
        }
      }
      if (reach === 3 && !stoppedEarly) {
        const learner = { id: user.id, name: user.name, email: user.email };
        // A failed first attempt is usually retaken after the cool-down, a little better prepared.
        for (let attempt = 0; attempt < 3; attempt++) {
          const at = start + (6 + attempt * 3) * DAY + Math.floor(rng() * 2 * DAY);
          const outcome = await takeCertification(tx, learner, assessment, names, rng, (skill) => (areaAbility.get(skill ?? '') ?? ability) + attempt * 0.1, at);
          if (outcome === 'not-eligible') break;
          lastActive = Math.max(lastActive, at + 80 * 60_000);
          if (outcome === 'certified') {
            certified++;
            break;
          }
        }
      }
      // Inactive learners stopped a while ago; everyone else was around recently.
      const seen = stoppedEarly ? Math.min(lastActive, now - 10 * DAY) : Math.max(lastActive, now - Math.floor(rng() * 3 * DAY));
      await touchUserActivity(tx, user.id, seen);
    }

    await seedDemoAgenda(tx, cohort, content.dashboard.exercises, names, now);

    // The alumni: a cohort taught a year and a half ago whose learners went on up the ladder.
    const alumniStart = addMonths(now, -18);
    const alumniDates = program.sessions.map((_, i) => new Date(alumniStart + i * 3 * DAY).toISOString().slice(0, 10));
    const alumniCohort = await createCohort(tx, instructor, { name: `${options.cohortName ?? 'Demo cohort'} alumni`, program: program.id, sessionDates: alumniDates }, [program], alumniStart - DAY);
    const tasksOfLadder = assessment.certification.components.flatMap((c) => (c.type === 'task' ? [c.exercise] : []));
    for (const task of tasksOfLadder) if (!names.has(task)) names.set(task, hiddenTestNames(root, task));
    const reviewer = { id: instructor.id, role: 'instructor' as const };
    const alumniCount = Math.min(200, Math.max(ALUMNI_PROFILES.length, Math.round(options.learners / 10)));
    const alumniIds: string[] = [];
    for (let i = 0; i < alumniCount; i++) {
      const first = FIRST_NAMES[(i * 7 + 3) % FIRST_NAMES.length] ?? 'Alumna';
      const last = LAST_NAMES[(i * 3 + 5) % LAST_NAMES.length] ?? 'Demo';
      const user = await createUser(tx, { email: `alumni${i + 1}.${tag}@demo.practicum.local`, name: `${first} ${last}`, passwordHash: options.passwordHash, now: alumniStart - 2 * DAY });
      await joinCohortByCode(tx, alumniCohort.joinCode, user.id, alumniStart - DAY);
      for (const lesson of lessons) await markLessonDone(tx, user.id, program.id, lesson.slug, alumniStart + (lesson.session - 1) * 3 * DAY + DAY);
      for (const exercise of content.dashboard.exercises) await submit(tx, user.id, exercise.id, names.get(exercise.id) ?? [], rng, true, alumniStart + (exercise.session - 1) * 3 * DAY + DAY);
      const profile = ALUMNI_PROFILES[i % ALUMNI_PROFILES.length] ?? 'expiring';
      await climbLadder(tx, { id: user.id, name: user.name, email: user.email }, reviewer, assessment, names, rng, profile, now);
      await touchUserActivity(tx, user.id, now - Math.floor(rng() * 20) * DAY);
      alumniIds.push(user.id);
    }
    await seedDemoPeerReview(tx, { cohort, alumniCohort, instructorId: instructor.id, program, assessment, seed: options.seed ?? 20261123, now });
    await seedDemoHomework(tx, root, { cohort, instructorId: instructor.id, program, seed: options.seed ?? 20261123, now });
    await seedDemoSimilarity(tx, root, { cohort, certification: assessment.certification, now });
    await seedDemoCoverage(tx, root, { seed: options.seed ?? 20261123 });
    return {
      cohort,
      instructorId: instructor.id,
      instructorEmail,
      learners: options.learners,
      certified,
      alumni: { cohort: alumniCohort, learners: alumniCount, ladder: await ladderCounts(tx, alumniIds, assessment, now) },
    };
  });
}

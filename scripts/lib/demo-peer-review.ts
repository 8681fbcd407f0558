// Peer review in the demo, through the platform's own functions (never raw SQL): most learners of the
// demo cohort who passed the final project send a passing version of it (task entity, tests, README)
// for review between sessions 2 and 3; the ring assigns two peers to each; most reviews are submitted
// (some late) with rubric scores, an overall comment and comments on lines, some are drafts, some not
// started; the instructor rates many submitted reviews. In the alumni cohort, some reviews of the
// Expert case studies sent for review (assigned to Professional and Expert holders) are submitted too.
import type { Db } from '../../src/server/db/open.ts';
import type { Cohort } from '../../src/server/db/cohorts.ts';
import { caseStudiesOfCohort } from '../../src/server/db/case-studies.ts';
import { assignmentsOfPool, getWork, membersNotSent } from '../../src/server/db/peer-reviews.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { caseStudyRounds } from '../../src/server/peer-review/case-study-rounds.ts';
import { sendForReview } from '../../src/server/peer-review/rounds.ts';
import { addLineComment, fileLines, rateReview, saveReview, submitReview } from '../../src/server/peer-review/reviews.ts';
import { createRng, type Rng } from '../../src/server/assessment/draw.ts';
import type { AssessmentContent } from '../../src/server/assessment/attempts.ts';
import type { Program } from '../../src/lib/schemas/program.ts';
import type { ReviewRubric } from '../../src/lib/schemas/peer-review.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DemoPeerReviewInput {
  cohort: Cohort;
  alumniCohort: Cohort;
  instructorId: string;
  program: Program;
  assessment: AssessmentContent;
  seed: number;
  now: number;
}

export interface DemoPeerReviewCounts {
  sent: number;
  assigned: number;
  submitted: number;
  drafts: number;
  rated: number;
  caseStudyReviews: number;
}

/** A learner's project as a reviewer reads it: the variant decides which slip a peer can point at. */
function projectFiles(name: string, variant: number): Record<string, string> {
  const clock = variant % 3 === 0 ? 'const now = new Date(); // TODO: use the clock' : 'const now = this.clock.now();';
  const cycle = variant % 2 === 0 ? '    const seen = new Set<string>();' : '    const seen: string[] = []; // grows with every visit';
  const task = `// Task entity: a project's unit of work with an assignee, a due date, a priority and dependencies.
import { BaseTimestampEntity, coerceToUtc, ValidationError, type EntityInit } from '@practicum/reference';

export class Task extends BaseTimestampEntity {
  constructor(props: TaskProps, init: TaskInit) {
    super(init);
    this.directory = init.directory;
    this.projectId = props.projectId;
    this.title = props.title;
    this.priority = props.priority ?? 3;
    this.dueDate = props.dueDate === undefined ? undefined : coerceToUtc(props.dueDate);
    this.validate();
  }

  get isOverdue(): boolean {
    ${clock}
    return this.dueDate !== undefined && this.dueDate < now && this.status !== 'done';
  }

  changePriority(priority: number): void {
    const before = this.priority;
    this.priority = priority;
    try {
      this.touch('priority_changed');
    } catch (error) {
      this.priority = before;
      throw error;
    }
  }

  addDependency(task: Task, lookup: TaskLookup): void {
    if (task.projectId !== this.projectId) throw new ValidationError('dependencies', 'another project');
${cycle}
    const stack = [task.id];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === this.id) throw new ValidationError('dependencies', 'would close a cycle');
      for (const next of lookup(id)?.dependencyIds ?? []) stack.push(next);
    }
    this.#dependencyIds.push(task.id);
    this.touch('dependency_added');
  }

  protected validateEntity(): void {
    if (!this.projectId) throw new ValidationError('projectId', 'is required');
    if (!Number.isInteger(this.priority) || this.priority < 1 || this.priority > 5) throw new ValidationError('priority', 'must be 1 to 5');
  }
}
`;
  const tests = `import { describe, expect, it } from 'vitest';
import { FixedClock } from '@practicum/reference';
import { Task } from './task.ts';

const clock = new FixedClock('2026-03-01T09:00:00Z');

describe('priority', () => {
  it('refuses 0 and 6 and leaves the task as it was', () => {
    const task = newTask({ priority: 2 });
    expect(() => task.changePriority(6)).toThrow('priority');
    expect(task.priority).toBe(2);
  });
});

describe('due dates', () => {
  it('accepts a due date exactly now', () => {
    expect(() => newTask({ dueDate: '2026-03-01T09:00:00Z' })).not.toThrow();
  });
});
`;
  const readme = `# Task entity (${name})

## Design decisions

Rules that must hold on every path live in validateEntity(); the past-due rule is checked only where a
due date is set, so an overdue task can still be changed.

## Running the tests

npm test

## Monitoring

TaskService times every command and counts refused changes by field.
`;
  return { 'src/task.ts': task, 'src/task.test.ts': tests, 'README.md': readme };
}

/** The line of a file holding `needle` (1-based), or its first line. */
function lineOf(text: string, needle: string): number {
  const i = fileLines(text).findIndex((l) => l.includes(needle));
  return i < 0 ? 1 : i + 1;
}

const LINE_NOTES: { file: string; needle: string; body: string }[] = [
  { file: 'src/task.ts', needle: 'new Date()', body: 'This reads the system clock: use this.clock.now() so tests and production agree on "now".' },
  { file: 'src/task.ts', needle: 'const seen: string[]', body: 'seen is never read, and an array makes each lookup linear: a Set of visited ids stops the walk from revisiting tasks.' },
  { file: 'src/task.ts', needle: 'this.priority = before;', body: 'Nice: the old value is restored when touch() refuses the change.' },
  { file: 'src/task.ts', needle: 'stack.push(next)', body: 'Without checking seen here a diamond of dependencies is walked twice.' },
  { file: 'src/task.test.ts', needle: 'exactly now', body: 'Good boundary test. Add one for a second in the past too.' },
  { file: 'README.md', needle: '## Monitoring', body: 'Say which metric names the service records, so on-call can find them.' },
  { file: 'design.md', needle: 'tablets only propose changes', body: 'How far may a tablet clock drift before the hint is ignored? Give the number you would alert on.' },
  { file: 'design.md', needle: 'consumers keep the ids', body: 'For how long are the ids kept? A bound here keeps the consumer\'s memory flat.' },
  { file: 'work-order.ts', needle: 'The merge of one offline change set', body: 'This is the riskiest piece: I would like to see the merge itself with a test for two edits of one field.' },
];

const OVERALL = [
  'The rules sit in validateEntity() and every change restores the old value when it is refused: easy to trust. Main thing to change: the clock in isOverdue.',
  'Clear and well tested at the boundaries. The cycle check revisits tasks; keep the ids you have seen.',
  'Works, but the tests stop at the happy path: add the priority and due-date boundaries from the rubric.',
  'Very readable. I would name the events each method records in a short comment and test that a refused change records none.',
];

function scores(rubric: ReviewRubric, rng: Rng, bias: number): Record<string, number> {
  const points = rubric.scale.map((s) => s.points);
  return Object.fromEntries(rubric.criteria.map((c) => [c.id, points[Math.min(points.length - 1, Math.max(0, Math.floor(bias * points.length + (rng() - 0.5) * 2)))] ?? points[0] ?? 0]));
}

/** Writes one review through the reviewer's own functions: line comments, then points and comment, then (maybe) submits. */
async function writeReview(
  db: Db,
  reviewer: { id: string; role: 'learner' },
  workId: string,
  files: Readonly<Record<string, string>>,
  rubric: ReviewRubric,
  rng: Rng,
  at: number,
  submit: boolean,
): Promise<void> {
  const notes = LINE_NOTES.filter((n) => n.file in files && (files[n.file] ?? '').includes(n.needle));
  const count = 1 + Math.floor(rng() * Math.min(3, notes.length));
  for (const note of notes.slice(0, count)) await addLineComment(db, reviewer, workId, { file: note.file, line: lineOf(files[note.file] ?? '', note.needle), body: note.body }, at);
  const input = { points: scores(rubric, rng, 0.45 + rng() * 0.5), comment: OVERALL[Math.floor(rng() * OVERALL.length)] ?? '' };
  if (submit) await submitReview(db, reviewer, workId, rubric, input, at + HOUR);
  else await saveReview(db, reviewer, workId, rubric, { points: input.points }, at + HOUR);
}

export async function seedDemoPeerReview(db: Db, input: DemoPeerReviewInput): Promise<DemoPeerReviewCounts> {
  const counts: DemoPeerReviewCounts = { sent: 0, assigned: 0, submitted: 0, drafts: 0, rated: 0, caseStudyReviews: 0 };
  const settings = input.program.peerReview;
  if (!settings) return counts;
  const rng = createRng(input.seed ^ 0x9e1e);
  const start = Date.parse(`${input.cohort.sessionDates[0] ?? new Date(input.now).toISOString().slice(0, 10)}T09:00:00Z`);
  const session3 = Date.parse(`${input.cohort.sessionDates.at(-1) ?? ''}T09:00:00Z`) || start + 6 * DAY;
  const instructor = { id: input.instructorId, role: 'instructor' as const };

  // Those who passed send a reviewed version of their project after the last session's work (a few never do).
  const passed = (await membersNotSent(db, input.cohort.id, settings.exercise)).filter((m) => m.passed);
  for (const [i, member] of passed.entries()) {
    if (rng() < 0.15) continue;
    const sentAt = Math.min(input.now - DAY, session3 + 12 * HOUR + Math.floor(rng() * 36 * HOUR));
    const files = projectFiles(member.name, i);
    const id = await insertQueuedSubmission(db, { userId: member.id, exerciseId: settings.exercise, files, changed: true, now: sentAt - 20 * 60_000 });
    await completeSubmission(db, id, { status: 'pass', score: 1, result: { version: 3, status: 'pass', tests: [], durationMs: 900, score: 1, executed: 0, expected: 0 }, durationMs: 900, failedTests: [], now: sentAt - 19 * 60_000 });
    await sendForReview(db, { id: member.id }, input.program.id, settings, sentAt);
    counts.sent++;
  }

  // Most reviews are submitted (a few after their due time), some are drafts, some not started.
  for (const a of await assignmentsOfPool(db, input.cohort.id, settings.exercise)) {
    counts.assigned++;
    const roll = rng();
    if (roll >= 0.85) continue;
    const work = await getWork(db, a.workId);
    if (!work) continue;
    const late = roll < 0.1;
    const at = Math.min(input.now - HOUR * 2, a.assignedAt + (late ? settings.dueDays * DAY + 10 * HOUR : Math.floor(rng() * (settings.dueDays - 0.2) * DAY)));
    const submit = roll < 0.7;
    await writeReview(db, { id: a.reviewerId, role: 'learner' }, a.workId, work.files, settings.rubric, rng, at, submit);
    if (!submit) {
      counts.drafts++;
      continue;
    }
    counts.submitted++;
    if (rng() < 0.6) {
      await rateReview(db, instructor, a.workId, a.id, 1 + Math.floor(rng() * 3), Math.min(input.now - HOUR, at + DAY));
      counts.rated++;
    }
  }

  // The alumni's Expert case studies: the holders asked to review submit about half of them.
  const expert = input.assessment.certification.levels.find((l) => l.assessment.type === 'case-study' && l.assessment.peerReview);
  const rubric = expert?.assessment.type === 'case-study' ? expert.assessment.rubric : null;
  if (rubric) {
    for (const study of await caseStudiesOfCohort(db, input.alumniCohort.id, input.program.id)) {
      for (const { work, assignments } of await caseStudyRounds(db, study.id)) {
        for (const a of assignments) {
          if (rng() < 0.5) continue;
          await writeReview(db, { id: a.reviewerId, role: 'learner' }, work.id, work.files, rubric, rng, Math.min(input.now - 2 * HOUR, a.assignedAt + DAY + Math.floor(rng() * 3 * DAY)), true);
          counts.caseStudyReviews++;
        }
      }
    }
  }
  return counts;
}

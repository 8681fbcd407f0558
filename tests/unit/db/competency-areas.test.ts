// Migration 019 moves Clean Timestamp results stored with the old skill areas (implementation,
// debugging, testing, architecture) onto the four areas of the course's competency assessment. A
// database holding attempts and a certificate from before it migrates; every attempt then reports per
// area exactly what scoring the same evidence with today's question tags and task areas gives, the
// cohort report's projection (attempt_results) and the certificate follow, and nothing else moves.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { quizComponentSchema, taskComponentSchema } from '../../../src/lib/schemas/certification.ts';
import { scoreExam, type QuizItemMark } from '../../../src/lib/scoring.ts';
import { readAttemptBreakdown, readCertificateBreakdown } from '../../../src/lib/contracts/attempt-breakdown.ts';
import { loadBank } from '../assessment/helpers.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

let t: TempDb | undefined;
afterEach(() => t?.cleanup());

const OLD_AREAS = ['implementation', 'debugging', 'testing', 'architecture'];
const NEW_AREAS = ['domain-event-handling', 'entity-implementation', 'performance-optimization', 'production-troubleshooting'];
/** Before this change a question's area was the prefix of its id. */
const oldAreaOf = (id: string): string => ({ arch: 'architecture', dbg: 'debugging', impl: 'implementation', test: 'testing' })[id.split('-')[0] ?? ''] ?? 'testing';

/** The Associate exam's components as certification.json defines them today (the ones old attempts hold). */
const OLD_COMPONENTS = ['theory', 'implementation', 'troubleshooting', 'optimization', 'code-review'];
const raw = JSON.parse(readFileSync(fileURLToPath(new URL('../../../assessments/clean-timestamp/certification.json', import.meta.url)), 'utf8')) as { components: unknown };
const components = z
  .array(z.discriminatedUnion('type', [quizComponentSchema, taskComponentSchema]))
  .parse(raw.components)
  .filter((c) => OLD_COMPONENTS.includes(c.id));
const bank = new Map(loadBank().map((q) => [q.id, q]));

interface Evidence {
  marks: [string, number][];
  tasks: Record<string, number>;
}

/** A breakdown as the engine stored it before this change: old areas on questions and per skill. */
function oldBreakdown(e: Evidence) {
  const total = components.reduce((s, c) => s + c.weight, 0);
  const weightOf = (id: string) => (components.find((c) => c.id === id)?.weight ?? 0) / total;
  const scoreOf = (id: string) => (id === 'theory' ? e.marks.reduce((s, [, m]) => s + m, 0) / e.marks.length : (e.tasks[id] ?? 0));
  const oldTaskArea: Record<string, string> = { implementation: 'implementation', troubleshooting: 'debugging', optimization: 'architecture', 'code-review': 'architecture' };
  const sums = new Map<string, { ws: number; w: number; n: number }>();
  const add = (skill: string, w: number, s: number) => {
    const x = sums.get(skill) ?? { ws: 0, w: 0, n: 0 };
    sums.set(skill, { ws: x.ws + w * s, w: x.w + w, n: x.n + 1 });
  };
  for (const [id, mark] of e.marks) add(oldAreaOf(id), weightOf('theory') / e.marks.length, mark);
  for (const [id, score] of Object.entries(e.tasks)) add(oldTaskArea[id] ?? 'testing', weightOf(id), score);
  return {
    components: OLD_COMPONENTS.map((id) => ({ id, name: id, score: scoreOf(id), passMark: 0.7, passed: scoreOf(id) >= 0.7, weight: weightOf(id) })),
    skills: [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([skill, s]) => ({ skill, score: s.ws / s.w, weight: s.w, evidence: s.n })),
    questions: e.marks.map(([id, mark]) => ({ id, skill: oldAreaOf(id), mark, chosen: mark > 0 ? ['a'] : [] })),
    tasks: Object.fromEntries(Object.entries(e.tasks).map(([id, score]) => [id, { score, submissionId: `s-${id}`, status: score === 1 ? 'pass' : 'fail' }])),
  };
}

/** What scoring the same evidence today reports per area. */
function expectedSkills(e: Evidence) {
  const theory: QuizItemMark[] = e.marks.map(([id, mark]) => ({ questionId: id, skill: bank.get(id)?.skill ?? 'missing', mark }));
  return scoreExam({ components, overallPassMark: 0.75 }, { quiz: { theory }, tasks: e.tasks }).skills;
}

const ANN: Evidence = {
  marks: [
    ['arch-batch-publish', 1],
    ['arch-validation-in-entity', 1],
    ['dbg-naive-cutoff', 0],
    ['dbg-n-plus-one-symptom', 1],
    ['impl-semver-regex', 1],
    ['impl-release-created-once', 0.5],
    ['test-detect-n-plus-one', 2 / 3],
    ['test-utc-assertions', 1],
    ['dbg-tenant-event-collision', 0],
    ['arch-health-check', 1],
  ],
  tasks: { implementation: 1, troubleshooting: 1, optimization: 13 / 15, 'code-review': 0.8 },
};
const BOB: Evidence = {
  marks: [
    ['test-bulk-atomic', 0],
    ['arch-shared-batch-instant', 1],
    ['dbg-leaky-service-fix', 1],
    ['impl-abstract-members', 1],
    ['test-in-memory-integration', 0],
    ['dbg-concurrency-error', 1],
    ['impl-touch-validates-first', 0],
    ['arch-domain-events-purpose', 1],
    ['test-tobe-dates', 1],
    ['dbg-forgot-touch', 1],
  ],
  tasks: { implementation: 0.5, troubleshooting: 0, optimization: 1, 'code-review': 0.6 },
};

async function insertAttempt(db: TempDb['db'], id: string, userId: string, program: string, breakdown: unknown, level: string | null): Promise<void> {
  await db.run("INSERT INTO attempts (id, user_id, program, paper, answers, flags, status, started_at, expires_at, submitted_at, score, passed, level, breakdown) VALUES (?, ?, ?, '{}', '{}', '[]', 'submitted', 0, 1, 1, 0.8, ?, ?, ?)", id, userId, program, level === null ? 0 : 1, level, JSON.stringify(breakdown));
}

const byArea = (skills: { skill: string; score: number }[]) => Object.fromEntries(skills.map((s) => [s.skill, s.score]));

describe('migration 019: competency areas', () => {
  it('recomputes stored Clean Timestamp results per new area from their questions and tasks, and the projection and certificate follow', async () => {
    t = await tempDb({ migrate: false });
    const { db } = t;
    await migrate(db, migrations.filter((m) => m.version < 18));
    await db.run("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u1', 'ann@example.com', 'Ann', 'x', 'learner', 0), ('u2', 'bob@example.com', 'Bob', 'x', 'learner', 0)");
    const ann = oldBreakdown(ANN);
    const bob = oldBreakdown(BOB);
    await insertAttempt(db, 'ann-1', 'u1', 'clean-timestamp', ann, 'developer');
    await insertAttempt(db, 'bob-1', 'u2', 'clean-timestamp', bob, null);
    // Another program's areas are its own, whatever their names.
    const other = { ...oldBreakdown(BOB), components: [{ id: 'theory', name: 'Theory', score: 1, passMark: 0.5, passed: true, weight: 1 }] };
    await insertAttempt(db, 'other-1', 'u2', 'money-basics', other, 'practitioner');
    await db.run("INSERT INTO status_lists (id, size, created_at) VALUES (1, 131072, 0)");
    await db.run("INSERT INTO certificates (id, user_id, attempt_id, program, level, learner_name, learner_email, score, breakdown, issued_at, status_list, status_index) VALUES ('c1', 'u1', 'ann-1', 'clean-timestamp', 'developer', 'Ann', 'ann@example.com', 0.9, ?, 1, 1, 7)", JSON.stringify({ components: ann.components, skills: ann.skills.map((s) => ({ skill: s.skill, score: s.score })) }));
    expect(Object.keys(JSON.parse((await db.get("SELECT skills FROM attempt_results WHERE attempt_id = 'ann-1'") as { skills: string }).skills) as object).sort()).toEqual([...OLD_AREAS].sort());

    expect(await migrate(db)).toContain(19);

    for (const [id, evidence, before] of [['ann-1', ANN, ann], ['bob-1', BOB, bob]] as const) {
      const row = await db.get('SELECT breakdown, score, passed FROM attempts WHERE id = ?', id) as { breakdown: string; score: number; passed: number };
      const after = readAttemptBreakdown(row.breakdown);
      const expected = expectedSkills(evidence);
      expect(expected.map((s) => s.skill)).toEqual(NEW_AREAS);
      // Per area: the score, the share of the overall score its evidence carries, how many pieces.
      expect(after.skills.map((s) => s.skill)).toEqual(NEW_AREAS);
      after.skills.forEach((s, i) => {
        const want = expected[i]!;
        expect(s.score, `${id} ${s.skill}`).toBeCloseTo(want.score, 12);
        expect((s as { weight?: number }).weight, `${id} ${s.skill} weight`).toBeCloseTo(want.weight, 12);
        expect((s as { evidence?: number }).evidence, `${id} ${s.skill} evidence`).toBe(want.evidence);
      });
      expect(after.questions).toEqual(before.questions.map((q) => ({ ...q, skill: bank.get(q.id)?.skill })));
      expect([after.components, after.tasks, row.score, row.passed]).toEqual([before.components, before.tasks, 0.8, id === 'ann-1' ? 1 : 0]);
      // The cohort report reads the projection the trigger of migration 010 keeps.
      const projected = JSON.parse((await db.get('SELECT skills FROM attempt_results WHERE attempt_id = ?', id) as { skills: string }).skills) as Record<string, number>;
      expect(Object.keys(projected).sort()).toEqual(NEW_AREAS);
      for (const s of after.skills) expect(projected[s.skill]).toBeCloseTo(s.score, 12);
    }

    // The certificate reports what its attempt now reports; its components and score stay.
    const cert = readCertificateBreakdown((await db.get("SELECT breakdown FROM certificates WHERE id = 'c1'") as { breakdown: string }).breakdown);
    const annAfter = readAttemptBreakdown((await db.get("SELECT breakdown FROM attempts WHERE id = 'ann-1'") as { breakdown: string }).breakdown);
    expect(cert.skills).toEqual(annAfter.skills.map((s) => ({ skill: s.skill, score: s.score })));
    expect(cert.components).toEqual(ann.components);
    // By hand, Ann's Domain Event Handling: three event questions (marks 1, 0.5, 0) at 0.25/10 each, the
    // Release task (1) at 0.3 × 1/4, the leaky service (1) at 0.15 × 1/4, the review (0.8) at 0.15 × 1/8.
    const ws = 0.025 * (1 + 0.5 + 0) + 0.075 * 1 + 0.0375 * 1 + 0.01875 * 0.8;
    expect(byArea(annAfter.skills)['domain-event-handling']).toBeCloseTo(ws / (0.025 * 3 + 0.075 + 0.0375 + 0.01875), 12);

    expect(JSON.parse((await db.get("SELECT breakdown FROM attempts WHERE id = 'other-1'") as { breakdown: string }).breakdown)).toEqual(other);
  });

  it('gives a question no longer in the bank its old area successor, and leaves breakdowns already on the new areas alone', async () => {
    t = await tempDb({ migrate: false });
    const { db } = t;
    await migrate(db, migrations.filter((m) => m.version < 19));
    await db.run("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('u1', 'ann@example.com', 'Ann', 'x', 'learner', 0)");
    const retired = oldBreakdown({ ...ANN, marks: [...ANN.marks.slice(0, 9), ['dbg-retired-question', 1]] });
    retired.questions[9]!.skill = 'debugging';
    await insertAttempt(db, 'old', 'u1', 'clean-timestamp', retired, null);
    const current = { ...oldBreakdown(BOB), skills: [{ skill: 'entity-implementation', score: 0.5, weight: 1, evidence: 3 }], questions: [] };
    await insertAttempt(db, 'new', 'u1', 'clean-timestamp', current, null);

    expect(await migrate(db)).toEqual([19, ...migrations.filter((m) => m.version > 19).map((m) => m.version)]);
    const old = readAttemptBreakdown((await db.get("SELECT breakdown FROM attempts WHERE id = 'old'") as { breakdown: string }).breakdown);
    expect(old.questions[9]).toMatchObject({ id: 'dbg-retired-question', skill: 'production-troubleshooting', mark: 1 });
    expect(old.skills.map((s) => s.skill)).toEqual(NEW_AREAS);
    expect(JSON.parse((await db.get("SELECT breakdown FROM attempts WHERE id = 'new'") as { breakdown: string }).breakdown)).toEqual(current);
  });
});

// Competency by skill area, as instructors read it: the demo cohort (seed:demo, attempts scored by the
// real rules) shows the four areas of the course's competency assessment against their program.json
// targets, the results CSV carries the same areas per attempt, and only the exam that measures
// competency (the certification's first level) is averaged, not a higher level's.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildCohortDashboard } from '../../../src/server/cohorts/dashboard.ts';
import { buildCohortReport } from '../../../src/server/cohorts/report.ts';
import { resultsCsv } from '../../../src/server/cohorts/export.ts';
import { insertCohort } from '../../../src/server/db/cohorts.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { parseCsv } from '../../../src/lib/csv.ts';
import { readAttemptBreakdown } from '../../../src/lib/contracts/attempt-breakdown.ts';
import { demoContent, seedDemoCohort } from '../../../scripts/lib/demo-cohort.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const root = join(import.meta.dirname, '../../..');
const NOW = Date.parse('2026-11-23T12:00:00Z');
let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

/** The course's competency assessment table, as the handover lists it. */
const SEED_AREAS = [
  ['BaseTimestampEntity Implementation', 0.8],
  ['Domain Event Handling', 0.8],
  ['Production Troubleshooting', 0.75],
  ['Performance Optimization', 0.75],
];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('competency by skill area', { timeout: 60_000 }, () => {
  it('shows the demo cohort the four areas against their targets, each averaged over learners\u2019 best first-level attempt', async () => {
    temp = await tempDb();
    const { db } = temp;
    const { cohort } = await seedDemoCohort(db, root, { learners: 40, passwordHash: 'x', seed: 11, now: NOW, instructorEmail: 'i@example.com' });
    const content = demoContent(root).dashboard;
    const { report } = await buildCohortDashboard(db, cohort, content, NOW);
    expect(report.competency.map((c) => [c.name, c.target])).toEqual(SEED_AREAS);
    const first = content.certification?.levels[0]?.id;

    // Independently: each learner's best (then latest) attempt for the first level, per area.
    const rows = await db.all(`SELECT a.user_id, a.score, a.submitted_at, a.breakdown, a.target_level FROM attempts a JOIN cohort_members m ON m.user_id = a.user_id AND m.cohort_id = ?
         WHERE a.status = 'submitted' AND a.breakdown IS NOT NULL ORDER BY a.score, a.submitted_at`, cohort.id) as { user_id: string; score: number; breakdown: string; target_level: string | null }[];
    const best = new Map<string, Record<string, number>>();
    for (const r of rows) {
      if ((r.target_level ?? first) !== first) continue;
      best.set(r.user_id, Object.fromEntries(readAttemptBreakdown(r.breakdown).skills.map((s) => [s.skill, s.score])));
    }
    expect(best.size).toBeGreaterThan(5);
    for (const c of report.competency) {
      const values = [...best.values()].flatMap((skills) => (skills[c.skill] === undefined ? [] : [skills[c.skill] as number]));
      expect(c.assessed, c.name).toBe(best.size);
      expect(c.average, c.name).toBeCloseTo(mean(values), 12);
      expect(c.met).toBe((c.average ?? 0) >= c.target);
    }

    // The results CSV: one column per area, in the program's order, after the components.
    const [header, ...lines] = parseCsv(await resultsCsv(db, report));
    const areaColumns = report.competency.map((c) => `skill_${c.skill}`);
    expect(header?.filter((h) => h.startsWith('skill_'))).toEqual(areaColumns);
    expect(header?.findIndex((h) => h.startsWith('skill_'))).toBeGreaterThan(header?.findLastIndex((h) => h.startsWith('component_')) ?? Infinity);
    const stored = new Map((await db.all("SELECT id, breakdown FROM attempts WHERE status = 'submitted' AND breakdown IS NOT NULL") as { id: string; breakdown: string }[]).map((r) => [r.id, readAttemptBreakdown(r.breakdown)]));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const attempt = stored.get(line[header!.indexOf('attempt')] ?? '');
      if (!attempt) throw new Error('a CSV row names no stored attempt');
      for (const column of areaColumns) {
        const score = attempt.skills.find((s) => `skill_${s.skill}` === column)?.score;
        expect(line[header!.indexOf(column)]).toBe(score === undefined ? '' : String(Number(score.toFixed(4))));
      }
    }
  });

  it('averages only the first level\u2019s exam, taken or renewed, not a higher level\u2019s better-scoring one', async () => {
    temp = await tempDb();
    const { db } = temp;
    const program = demoContent(root).dashboard.program;
    const owner = (await createUser(db, { email: 'teach@example.com', name: 'Teach', passwordHash: 'x', role: 'instructor' })).id;
    const ann = (await createUser(db, { email: 'ann@example.com', name: 'Ann', passwordHash: 'x' })).id;
    const cohort = await insertCohort(db, { name: 'C', program: program.id, ownerId: owner, sessionDates: [] });
    await db.run('INSERT INTO cohort_members VALUES (?, ?, ?)', cohort.id, ann, 0);
    const attempt = (id: string, level: string | null, score: number, skills: Record<string, number>, at: number) =>
      db.run("INSERT INTO attempts (id, user_id, program, target_level, paper, status, started_at, expires_at, submitted_at, score, passed, breakdown) VALUES (?, ?, ?, ?, '{}', 'submitted', ?, ?, ?, ?, 1, ?)", id, ann, program.id, level, at, at + 1, at + 1, score, JSON.stringify({ components: [], skills: Object.entries(skills).map(([skill, s]) => ({ skill, score: s })), questions: [], tasks: {} }));
    const four = (x: number) => Object.fromEntries(program.skillAreas.map((a) => [a.id, x]));
    await attempt('before-ladder', null, 0.7, four(0.7), 1);
    await attempt('associate', 'associate', 0.8, four(0.8), 2);
    await attempt('professional', 'professional', 0.95, { 'entity-implementation': 1, 'performance-optimization': 1 }, 3);
    const base = { db, cohort, program, lessonSessions: new Map<string, number>(), exercises: [], now: NOW };
    const byArea = async (level: string | null) => Object.fromEntries((await buildCohortReport({ ...base, competencyLevel: level })).competency.map((c) => [c.skill, c.average]));
    expect(await byArea('associate')).toEqual(four(0.8));
    // Without a level every attempt counts: the best one is the Professional exam, which measures two areas.
    expect(await byArea(null)).toEqual({ ...Object.fromEntries(program.skillAreas.map((a) => [a.id, null])), 'entity-implementation': 1, 'performance-optimization': 1 });
  });
});

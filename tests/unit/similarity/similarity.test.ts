// The similarity check on real content and a real SQLite file: the fixtures of
// tests/fixtures/similarity/ (a copy with renamed identifiers, reordered methods and other comments is
// flagged; an independently written solution of the same task is not), the starter's code counting
// for nobody, reviews compared on the findings off the answer key, and the stored pairs (idempotent
// re-checks that keep a review, a new submission starting it over, the check across cohorts).
import { taskRoot } from '../../../src/server/variants/render.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoContent } from '../../../scripts/lib/demo-cohort.ts';
import { diskTaskSpecs, fixtureSolution, placeFinalSubmission } from '../../../scripts/lib/demo-similarity.ts';
import { createCohort } from '../../../src/server/cohorts/create.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { checkState, pairsOfCohort, setAcrossProgram, setPairReview } from '../../../src/server/db/similarity.ts';
import { checkCohort, DEFAULT_THRESHOLD, similarPairs, taskStarterHashes, type TaskSpec } from '../../../src/server/similarity/check.ts';
import { fingerprint, score, starterHashes, tokenize } from '../../../src/server/similarity/winnow.ts';
import { findingsFile } from '../../../src/lib/contracts/submission.ts';
import { ROOT } from '../../helpers/server.ts';
import { seedCandidate } from '../../helpers/similarity-seed.ts';
import { tempDb, type TempDb } from '../../helpers/temp-db.ts';

const { assessment, dashboard } = demoContent(ROOT);
const tasks = diskTaskSpecs(ROOT, assessment.certification);
const task = (id: string): TaskSpec => {
  const found = tasks.find((t) => t.exerciseId === id);
  if (!found) throw new Error(`no task ${id}`);
  return found;
};
const fixture = (exerciseId: string, kind: 'original' | 'copied' | 'independent'): Record<string, string> => {
  const files = fixtureSolution(ROOT, exerciseId, kind);
  if (!files) throw new Error(`no fixture ${exerciseId}/${kind}`);
  return files;
};

describe('the fixtures', () => {
  for (const [exerciseId, file] of [
    ['cert-release-entity', 'src/release.ts'],
    ['cert-leaky-service', 'src/leaky-service.ts'],
  ] as const) {
    it(`${exerciseId}: the copy is flagged with its matched fragments, the independent solution is not`, () => {
      const original = fixture(exerciseId, 'original');
      const copied = fixture(exerciseId, 'copied');
      const independent = fixture(exerciseId, 'independent');
      // The copy is not the same text: its methods come in another order and its comments differ.
      expect(copied[file]).not.toBe(original[file]);
      const methods = (text: string) => [...text.matchAll(/^ {2}(?:async |protected |get )*(\w+)\(/gm)].map((m) => m[1]);
      expect(methods(copied[file] ?? '')).not.toEqual(methods(original[file] ?? ''));
      expect(new Set(methods(copied[file] ?? ''))).toEqual(new Set(methods(original[file] ?? '')));

      const finals = [
        { submissionId: 's-original', userId: 'u-original', files: original },
        { submissionId: 's-copied', userId: 'u-copied', files: copied },
        { submissionId: 's-independent', userId: 'u-independent', files: independent },
      ];
      const flagged = similarPairs(task(exerciseId), finals, DEFAULT_THRESHOLD);
      expect(flagged.map((p) => [p.userA, p.userB])).toEqual([['u-copied', 'u-original']]);
      const [pair] = flagged;
      expect(pair?.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
      expect(pair?.fragments.length).toBeGreaterThan(0);
      const lines = (text: string | undefined) => (text ?? '').split('\n').length;
      for (const f of pair?.fragments ?? []) {
        expect(f.a.file).toBe(file);
        expect(f.a.start).toBeGreaterThanOrEqual(1);
        expect(f.a.end).toBeLessThanOrEqual(lines(copied[file]));
        expect(f.b.end).toBeLessThanOrEqual(lines(original[file]));
      }
      // The score counted through the index is the Dice coefficient of the two fingerprint sets.
      const starter = taskStarterHashes(task(exerciseId));
      expect(pair?.score).toBeCloseTo(score(fingerprint(copied, starter), fingerprint(original, starter)).score, 3);
      expect(score(fingerprint(original, starter), fingerprint(independent, starter)).score).toBeLessThan(DEFAULT_THRESHOLD / 2);
      expect(score(fingerprint(copied, starter), fingerprint(independent, starter)).score).toBeLessThan(DEFAULT_THRESHOLD / 2);
      // Scores of every pair, whatever the threshold: the independent solution stays far below it.
      const all = similarPairs(task(exerciseId), finals, Number.MIN_VALUE);
      expect(all.every((p) => p.userA === 'u-copied' && p.userB === 'u-original')).toBe(true);
    });
  }

  it('every fixture of a task is a different submission of the same editable file', () => {
    for (const exerciseId of ['cert-release-entity', 'cert-leaky-service']) {
      const spec = task(exerciseId);
      for (const kind of ['original', 'copied', 'independent'] as const) expect(Object.keys(fixture(exerciseId, kind))).toEqual([...spec.editable]);
    }
  });
});

describe('tokens and fingerprints', () => {
  it('renamed identifiers, other literals, comments and layout give the same tokens', () => {
    const a = tokenize('const total = items.length; // count\nif (total > 3) throw new Error(`too many: ${total}`);');
    const b = tokenize('/* n */ const n =\n  list.length\nif (n > 10) throw new Error(`over: ${n}` )');
    expect(b.map((t) => t.kind)).toEqual(a.map((t) => t.kind));
  });

  it('regular expressions and divisions are told apart, and lines are counted from 1', () => {
    const tokens = tokenize('const a = b / c;\nconst r = /x\\/y/g;');
    expect(tokens.at(-1)?.line).toBe(2);
    expect(tokens.filter((t) => t.line === 2)).toHaveLength(4);
  });

  it("the starter's code counts for nobody: two candidates who changed nothing share no fingerprint", () => {
    const spec = task('cert-release-entity');
    const starter = Object.fromEntries(spec.editable.map((p) => [p, spec.starter[p] ?? '']));
    expect(fingerprint(starter, starterHashes(spec.starter)).set.size).toBe(0);
    const finals = ['u1', 'u2'].map((u) => ({ submissionId: `s-${u}`, userId: u, files: starter }));
    expect(similarPairs(spec, finals, DEFAULT_THRESHOLD)).toEqual([]);
  });

  it('files the learner cannot change are not compared', () => {
    const spec = task('cert-leaky-service');
    const readonly = spec.starter['src/task.ts'] ?? '';
    const withReadonly = (files: Record<string, string>) => ({ ...files, 'src/task.ts': `${readonly}\nexport const extra = [1, 2, 3].map((n) => n * 2).filter((n) => n > 2).join(',');\n` });
    const finals = [
      { submissionId: 's1', userId: 'u1', files: withReadonly(fixture('cert-leaky-service', 'original')) },
      { submissionId: 's2', userId: 'u2', files: withReadonly(fixture('cert-leaky-service', 'independent')) },
    ];
    expect(similarPairs(spec, finals, DEFAULT_THRESHOLD)).toEqual([]);
  });
});

describe('code reviews', () => {
  const spec = task('cert-code-review');
  const key = [...spec.key].map((k) => {
    const [at = '', category = ''] = k.split(' ');
    const [file = '', line = '0'] = at.split(':');
    return { file, line: Number(line), category };
  });
  const review = (extra: { line: number; category: string }[]) => ({ 'findings.json': findingsFile([...key, ...extra.map((e) => ({ file: 'src/subscription.ts', ...e }))]) });

  it('has an answer key to set aside', () => expect(spec.key.size).toBeGreaterThan(3));

  it('two perfect reviews are not flagged; two sharing the same wrong findings are, on those lines', () => {
    const wrong = [
      { line: 3, category: 'types' },
      { line: 11, category: 'testing' },
      { line: 19, category: 'performance' },
    ];
    const finals = [
      { submissionId: 's1', userId: 'u1', files: review([]) },
      { submissionId: 's2', userId: 'u2', files: review([]) },
      { submissionId: 's3', userId: 'u3', files: review(wrong) },
      { submissionId: 's4', userId: 'u4', files: review([...wrong, { line: 80, category: 'events' }]) },
    ];
    const flagged = similarPairs(spec, finals, DEFAULT_THRESHOLD);
    expect(flagged.map((p) => [p.userA, p.userB])).toEqual([['u3', 'u4']]);
    expect(flagged[0]?.fragments).toHaveLength(3);
  });
});

describe('stored pairs', () => {
  let t: TempDb;
  afterEach(() => t?.cleanup());

  async function setUp() {
    t = await tempDb();
    const now = Date.parse('2026-11-20T10:00:00Z');
    const instructor = await createUser(t.db, { email: 'teach@example.com', name: 'Teacher', passwordHash: 'x', role: 'instructor', now: now - 86_400_000 });
    const cohort = await createCohort(t.db, instructor, { name: 'Winter', program: dashboard.program.id, sessionDates: ['2026-11-01', '2026-11-04', '2026-11-07'] }, [dashboard.program], now - 86_400_000);
    const other = await createCohort(t.db, instructor, { name: 'Spring', program: dashboard.program.id, sessionDates: ['2026-11-01', '2026-11-04', '2026-11-07'] }, [dashboard.program], now - 86_400_000);
    const candidate = (email: string, joinCode: string, kind: 'original' | 'copied' | 'independent') =>
      seedCandidate(t.db, { joinCode, email, name: email.split('@')[0] ?? email, passwordHash: 'x', finals: { 'cert-release-entity': fixture('cert-release-entity', kind) }, now });
    return { now, instructor, cohort, other, candidate };
  }

  it('a re-check keeps the pair and its review; a new final submission is a new pair to review', async () => {
    const { now, instructor, cohort, candidate } = await setUp();
    const a = await candidate('ada@example.com', cohort.joinCode, 'original');
    const b = await candidate('bea@example.com', cohort.joinCode, 'copied');
    await candidate('cy@example.com', cohort.joinCode, 'independent');
    const first = await checkCohort(t.db, cohort, tasks, DEFAULT_THRESHOLD, now + 200_000);
    expect(first).toMatchObject({ submissions: 3, pairs: 1 });
    expect(await checkState(t.db, cohort.id)).toMatchObject({ checkedAt: now + 200_000, pairs: 1, submissions: 3 });
    const [pair] = await pairsOfCohort(t.db, cohort.id);
    expect(pair && [pair.submissionA, pair.submissionB].sort()).toEqual([a.submissionIds['cert-release-entity'], b.submissionIds['cert-release-entity']].sort());
    await setPairReview(t.db, pair?.id ?? '', { reviewed: true, note: 'Talked to both: shared at the meetup.', by: instructor.id, now: now + 300_000 });

    await checkCohort(t.db, cohort, tasks, DEFAULT_THRESHOLD, now + 400_000);
    const [again] = await pairsOfCohort(t.db, cohort.id);
    expect(again).toMatchObject({ id: pair?.id, reviewedBy: instructor.id, reviewNote: 'Talked to both: shared at the meetup.', computedAt: now + 400_000, score: pair?.score });

    // A later, better-or-equal graded submission of the same attempt becomes the final one.
    await placeFinalSubmission(t.db, b.id, b.attemptId, 'cert-release-entity', fixture('cert-release-entity', 'original'), now + 90_000);
    await checkCohort(t.db, cohort, tasks, DEFAULT_THRESHOLD, now + 500_000);
    const [fresh] = await pairsOfCohort(t.db, cohort.id);
    expect(fresh?.id).not.toBe(pair?.id);
    expect(fresh).toMatchObject({ reviewedAt: null, reviewNote: null, score: 1 });
  });

  it('other cohorts of the program are compared only when the instructor includes them', async () => {
    const { now, cohort, other, candidate } = await setUp();
    await candidate('ada@example.com', cohort.joinCode, 'original');
    await candidate('cy@example.com', cohort.joinCode, 'independent');
    await candidate('bea@example.com', other.joinCode, 'copied');
    expect((await checkCohort(t.db, cohort, tasks, DEFAULT_THRESHOLD, now + 200_000)).pairs).toBe(0);
    await setAcrossProgram(t.db, cohort.id, true);
    expect(await checkCohort(t.db, cohort, tasks, DEFAULT_THRESHOLD, now + 300_000)).toMatchObject({ pairs: 1, submissions: 2 });
    expect((await pairsOfCohort(t.db, cohort.id)).map((p) => [p.nameA, p.nameB].sort())).toEqual([['ada', 'bea']]);
    // The other cohort's own check stays within it.
    expect((await checkCohort(t.db, other, tasks, DEFAULT_THRESHOLD, now + 300_000)).pairs).toBe(0);
  });

  it('the original fixture is the reference solution, byte for byte', () => {
    expect(fixture('cert-release-entity', 'original')['src/release.ts']).toBe(readFileSync(join(taskRoot(ROOT, 'cert-release-entity'), 'solutions/cert-release-entity/src/release.ts'), 'utf8'));
  });
});

// The engine is program-agnostic: a second program written as content only
// (tests/fixtures/programs/money-basics: one session, two lessons, three exercises of three kinds, a
// quiz bank and a certification) is built with this project's code unchanged, served, and taken from
// sign-up to a verified certificate over real HTTP, with real SQLite and the real sandboxed grader.
// The candidate passes the prerequisites with the program's reference solutions, answers the quiz with
// the keys in its question files and submits the review task with its reference findings.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Certification } from '../../src/lib/schemas/certification.ts';
import type { Question } from '../../src/lib/schemas/question.ts';
import { verifyCredentialJwt } from '../../src/server/certificates/credential.ts';
import { assembleProgramRoot, buildProgramRoot, type ProgramRoot } from '../helpers/program-root.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const PROGRAM = 'money-basics';
const fixture = join(ROOT, 'tests/fixtures/programs', PROGRAM);
const certification = JSON.parse(readFileSync(join(fixture, 'assessments', PROGRAM, 'certification.json'), 'utf8')) as Certification;
const questionsDir = join(fixture, 'assessments', PROGRAM, 'questions');
const bank = new Map(
  readdirSync(questionsDir).map((name) => {
    const q = JSON.parse(readFileSync(join(questionsDir, name), 'utf8')) as Question;
    return [q.id, q] as const;
  }),
);
const quiz = certification.components.find((c) => c.type === 'quiz');
const task = certification.components.find((c) => c.type === 'task');

/** A solution folder as the API takes it: { relative path: text }. */
function filesUnder(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(full, base));
    else out[full.slice(base.length + 1)] = readFileSync(full, 'utf8');
  }
  return out;
}

/** The answer a candidate who knows the key gives: the correct option id, or ids for a "multiple". */
function keyOf(id: string): string | string[] {
  const question = bank.get(id);
  if (!question) throw new Error(`question "${id}" on the paper is not in ${questionsDir}`);
  const correct = question.options.filter((o) => o.correct).map((o) => o.id);
  return question.type === 'multiple' ? correct : (correct[0] ?? '');
}

interface AttemptView {
  attemptId: string;
  questions: { id: string; options: { id: string; text: string }[] }[];
  tasks: { exerciseId: string; bestScore: number | null }[];
}

let built: ProgramRoot | undefined;
let server: RunningServer;
let candidate: HttpClient;
let attempt: AttemptView;

beforeAll(async () => {
  built = assembleProgramRoot(fixture);
  buildProgramRoot(built.root);
  server = await startServer({}, built.root);
  candidate = server.client();
  await candidate.signUp('ada@example.com', 'Ada Cents');
}, 300_000);

afterAll(async () => {
  await server?.stop();
  built?.remove();
});

describe('a second program, content only', () => {
  it('serves its catalogue entry, its lessons with their components, and its exercises', async () => {
    const programs = await (await candidate.get('/programs')).text();
    expect(programs).toContain('Money in Integer Cents');
    const lesson = await candidate.get(`/programs/${PROGRAM}/cents-not-floats`);
    expect(lesson.status).toBe(200);
    const html = await lesson.text();
    expect(html).toContain('data-testid="exercise-link"');
    expect(html).toContain('Exercise: Parse a price into cents');
    expect(html).toContain('data-check="exact-sum"');
    expect(html).toContain('Parsing is where floats sneak in');
    const exercise = await candidate.get('/exercises/mb-split-tests');
    expect(exercise.status).toBe(200);
    expect(await exercise.text()).toContain('Test a split of cents');
  });

  it("hands its exercises the program's own reference library, and no other", async () => {
    const view = (await (await candidate.get('/api/exercises/mb-parse-cents')).json()) as {
      submittable: string[];
      reference: { specifier: string; entry: string; files: { path: string; content: string }[] };
    };
    expect(view.submittable).toEqual(['src/parse-cents.ts']);
    expect(view.reference.specifier).toBe('@money-basics/money');
    expect(view.reference.entry).toBe('index.ts');
    expect(view.reference.files.map((f) => f.path)).toEqual(['cents.ts', 'index.ts']);
    expect(view.reference.files.find((f) => f.path === 'cents.ts')?.content).toContain('export function formatCents');
    // the platform's library is not this program's: a learner file cannot import it
    const borrowed = await candidate.post('/api/exercises/mb-parse-cents/runs', {
      files: { 'src/parse-cents.ts': "import { FixedClock } from '@practicum/reference';\nexport const parseCents = (t: string): number => (FixedClock ? Number(t) : 0);\n" },
    });
    const body = (await borrowed.json()) as { status: string; message?: string };
    expect(body.status).toBe('error');
    expect(body.message).toMatch(/@practicum\/reference/);
  });

  it('refuses an attempt until the prerequisites pass, then passes them with the reference solutions', async () => {
    const early = await candidate.post(`/api/certifications/${PROGRAM}/attempts`);
    expect(early.status).toBe(409);
    const prerequisites = certification.levels[0]?.prerequisites.exercises ?? [];
    expect(prerequisites).toEqual(['mb-parse-cents', 'mb-split-tests']);
    for (const id of prerequisites) {
      const res = await candidate.post(`/api/exercises/${id}/submissions`, { files: filesUnder(join(fixture, 'solutions', id)) });
      const body = (await res.json()) as { status?: string };
      expect(body.status, `${id}: ${JSON.stringify(body).slice(0, 400)}`).toBe('pass');
    }
  });

  it('draws a paper by the certification rules, takes the key answers and the reference review, and certifies', async () => {
    const started = await candidate.post(`/api/certifications/${PROGRAM}/attempts`);
    expect(started.status).toBe(201);
    attempt = (await started.json()) as AttemptView;
    expect(quiz?.type).toBe('quiz');
    expect(attempt.questions).toHaveLength(quiz?.type === 'quiz' ? quiz.questionCount : -1);
    // the question that reveals the review task is never on a paper that has the task
    expect(attempt.questions.map((q) => q.id)).not.toContain('review-vat-line');
    expect(attempt.tasks.map((t) => t.exerciseId)).toEqual([task?.type === 'task' ? task.exercise : '']);

    const answers = Object.fromEntries(attempt.questions.map((q) => [q.id, keyOf(q.id)]));
    const saved = await candidate.put(`/api/certifications/attempts/${attempt.attemptId}/answers`, { answers });
    expect(saved.status).toBe(200);

    const findings = (JSON.parse(readFileSync(join(fixture, 'solutions/mb-review-invoice/findings.json'), 'utf8')) as { findings: unknown[] }).findings;
    const graded = await candidate.post(`/api/certifications/attempts/${attempt.attemptId}/tasks/mb-review-invoice`, { findings });
    expect(graded.status).toBe(200);
    const result = (await graded.json()) as { status: string; submissions?: { limit: number; remaining: number } };
    expect(result.status).toBe('pass');
    const exam = certification.levels[0]?.assessment;
    const perTask = exam?.type === 'exam' ? exam.attempts.submissionsPerTask : -1;
    expect(result.submissions).toMatchObject({ limit: perTask, remaining: perTask - 1 });

    const submitted = await candidate.post(`/api/certifications/attempts/${attempt.attemptId}/submit`);
    expect(submitted.status).toBe(200);
    const outcome = (await submitted.json()) as { passed: boolean; score: number; level: string | null; certificateId?: string; components: { id: string; score: number; passed: boolean }[] };
    expect(outcome).toMatchObject({ passed: true, score: 1, level: 'practitioner' });
    expect(outcome.components.map((c) => [c.id, c.score, c.passed])).toEqual([
      ['theory', 1, true],
      ['review-task', 1, true],
    ]);
    expect(outcome.certificateId).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const id = outcome.certificateId ?? '';
    const publicView = (await (await server.client().get(`/api/certificates/${id}`)).json()) as {
      status: string;
      holder: string;
      program: { title: string };
      level: { name: string };
      achievement: { criteria: string };
      skills: { name: string }[];
    };
    expect(publicView).toMatchObject({ status: 'active', holder: 'Ada Cents', program: { title: 'Money in Integer Cents' }, level: { name: 'Money Practitioner' } });
    expect(publicView.achievement.criteria).toBe(certification.levels[0]?.criteria);
    expect(publicView.skills.map((s) => s.name)).toContain('Review');
    const page = await (await server.client().get(`/verify/${id}`)).text();
    expect(page).toContain('data-status="active"');
    expect(page).toContain('Money Practitioner');

    const jwt = await (await candidate.get(`/api/certificates/${id}/credential`)).text();
    const jwks = (await (await server.client().get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    expect((await verifyCredentialJwt(jwt, jwks)).valid).toBe(true);
  });
});

// What a candidate and a practising learner get back over real HTTP, against the built server, real
// SQLite and the real sandboxed grader: certification feedback carries no answer key and no hidden
// test detail on any path (submit response, exercise view, page), a task allows a fixed number of
// graded submissions per attempt, submitting an attempt with work outstanding needs confirmation,
// and "show solution" needs real tries, not the starter submitted three times.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { getSubmissionsFor } from '../helpers/db.ts';
import { exerciseFile, filesUnder, variantOfTask, variantRoot } from '../helpers/task-variants.ts';

interface KeyFinding {
  file: string;
  line: number;
  category: string;
  explanation: string;
}
interface Allowance {
  limit: number;
  used: number;
  remaining: number;
}
interface Shown {
  status: string;
  disclosure?: string;
  message?: string;
  tests: { name: string; status: string; message?: string; output?: string; task_id?: number }[];
  submissions?: Allowance;
}
interface View {
  editable: { path: string; content: string }[];
  lastResult: Shown | null;
  solutionAvailable: boolean;
  attempt: { id: string; expiresAt: string; serverNow: string; submissions: Allowance } | null;
}

/** The Associate level: its prerequisites and its exam's submissions per task. */
const CERT = (() => {
  const { levels } = JSON.parse(readFileSync(join(ROOT, 'assessments/clean-timestamp/certification.json'), 'utf8')) as {
    levels: { prerequisites: { exercises: string[] }; assessment: { attempts: { submissionsPerTask: number } } }[];
  };
  const [associate] = levels;
  if (!associate) throw new Error('the certification has no level');
  return { prerequisites: associate.prerequisites, attempts: associate.assessment.attempts };
})();
/** The variant of each task the candidate's attempt holds (found once the attempt starts). */
const given = new Map<string, string | null>();
const reviewKey = (id: string) => (JSON.parse(exerciseFile(id, given.get(id) ?? null, 'tests/hidden/review-key.json')) as { findings: KeyFinding[] }).findings;

/** Fails with every fragment of the answer key that a text gives away. */
function expectNoKey(text: string, key: readonly KeyFinding[]): void {
  const leaks: string[] = [];
  if (text.includes('Missed')) leaks.push('"Missed"');
  for (const k of key) {
    for (const fragment of [k.explanation.slice(0, 30), k.explanation.slice(-30), `${k.file}:${k.line} ${k.category}`, `${k.file}:${k.line}"`]) {
      if (text.includes(fragment)) leaks.push(fragment);
    }
  }
  expect(leaks).toEqual([]);
}

let server: RunningServer;
let candidate: HttpClient;
let attemptId = '';
const REVIEW = 'cert-code-review';
const taskUrl = (exercise: string) => `/api/certifications/attempts/${attemptId}/tasks/${exercise}`;

beforeAll(async () => {
  server = await startServer();
  candidate = server.client();
  await candidate.signUp('candidate@example.com', 'Candidate');
  for (const id of CERT.prerequisites.exercises) {
    const res = await candidate.post(`/api/exercises/${id}/submissions`, { files: filesUnder(join(ROOT, 'solutions', id)) });
    const body = (await res.json()) as { status?: string };
    if (body.status !== 'pass') throw new Error(`prerequisite ${id} did not pass: ${JSON.stringify(body).slice(0, 300)}`);
  }
  const started = await candidate.post('/api/certifications/clean-timestamp/attempts');
  expect(started.status).toBe(201);
  attemptId = ((await started.json()) as { attemptId: string }).attemptId;
  for (const id of [REVIEW, 'cert-release-entity']) given.set(id, await variantOfTask(candidate, attemptId, id));
});
afterAll(() => server?.stop());

describe('certification feedback over HTTP', () => {
  it('an empty findings.json to the code review returns no key information, on any path', async () => {
    const key = reviewKey(REVIEW);
    const res = await candidate.post(taskUrl(REVIEW), { findings: [] });
    expect(res.status).toBe(200);
    const text = await res.text();
    expectNoKey(text, key);
    const body = JSON.parse(text) as Shown;
    expect(body).toMatchObject({ status: 'fail', disclosure: 'own-findings', tests: [] });
    expect(body.submissions).toEqual({ limit: CERT.attempts.submissionsPerTask, used: 1, remaining: CERT.attempts.submissionsPerTask - 1 });

    // The stored row keeps the grader's full result (for instructors); it never reaches the candidate.
    const stored = await getSubmissionsFor(server.dataDir, 'candidate@example.com', REVIEW);
    expect(stored).toHaveLength(1);

    const viewText = await (await candidate.get(`/api/exercises/${REVIEW}?attempt=${attemptId}`)).text();
    expectNoKey(viewText, key);
    const view = JSON.parse(viewText) as View;
    expect(view.lastResult?.disclosure).toBe('own-findings');
    expect(view.attempt?.submissions.remaining).toBe(CERT.attempts.submissionsPerTask - 1);

    const page = await candidate.get(`/exercises/${REVIEW}?attempt=${attemptId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expectNoKey(html, key);
    expect(html).toContain('data-testid="submissions-left"');
    expect(html).toContain('data-testid="task-timer"');

    // "Run tests" would grade findings against the key, unstored and unlimited: reviews have none.
    const run = await candidate.post(`/api/exercises/${REVIEW}/runs?attempt=${attemptId}`, { findings: [] });
    expect(run.status).toBe(400);
    expectNoKey(await run.text(), key);
  });

  it('a found defect is shown as the candidate\'s own finding, without its explanation', async () => {
    const key = reviewKey(REVIEW);
    const [hit] = key as [KeyFinding];
    const res = await candidate.post(taskUrl(REVIEW), { findings: [{ file: hit.file, line: hit.line + 1, category: hit.category }, { file: hit.file, line: 1, category: 'types' }] });
    const body = (await res.json()) as Shown;
    expect(body.tests).toEqual([
      { name: `${hit.file}:1 types (your finding)`, status: 'fail', message: 'Not a defect in the answer key (check the line and the category).' },
      { name: `${hit.file}:${hit.line + 1} ${hit.category} (your finding)`, status: 'pass' },
    ]);
    expectNoKey(JSON.stringify(body), key);
    expect(body.submissions?.remaining).toBe(CERT.attempts.submissionsPerTask - 2);
  });

  it('a hidden-suite task shows requirement names only: no messages, output or test code', async () => {
    const variant = given.get('cert-release-entity') ?? null;
    const starter = filesUnder(join(variantRoot('cert-release-entity', variant), 'exercises/cert-release-entity/starter'));
    const [path, source] = Object.entries(starter).find(([p]) => !p.endsWith('.test.ts')) ?? ['', ''];
    const res = await candidate.post(taskUrl('cert-release-entity'), { files: { [path]: `${source}\n// first try\n` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as Shown;
    expect(body.disclosure).toBe('requirements');
    expect(body.tests.length).toBeGreaterThan(0);
    expect(body.tests.some((t) => t.status !== 'pass')).toBe(true);
    for (const t of body.tests) expect(Object.keys(t).every((k) => k === 'name' || k === 'status' || k === 'task_id')).toBe(true);
    const shown = JSON.stringify(body.tests) + (body.message ?? '');
    expect(shown).not.toMatch(/expected|received|AssertionError|Object\.is|toBe|toThrow/i);
    const hidden = filesUnder(join(variantRoot('cert-release-entity', variant), 'exercises/cert-release-entity/tests/hidden'));
    for (const line of Object.values(hidden).join('\n').split('\n')) {
      const code = line.trim();
      if (code.length >= 40 && !code.startsWith('it(') && !code.startsWith('describe(') && !code.startsWith('test(')) expect(text).not.toContain(code);
    }
  });

  it('refuses a graded submission once a task\'s allowance is used up (409); refused requests do not use one', async () => {
    const invalid = await candidate.post(taskUrl(REVIEW), { findings: [{ file: 'src/nope.ts', line: 1, category: 'types' }] });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/"file" must be one of/);
    let remaining = CERT.attempts.submissionsPerTask - 2;
    const view = (await (await candidate.get(`/api/exercises/${REVIEW}?attempt=${attemptId}`)).json()) as View;
    expect(view.attempt?.submissions.remaining).toBe(remaining);
    while (remaining > 0) {
      const res = await candidate.post(taskUrl(REVIEW), { findings: [] });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Shown;
      expect(body.submissions?.remaining).toBe(remaining - 1);
      remaining--;
    }
    const refused = await candidate.post(taskUrl(REVIEW), { findings: [] });
    expect(refused.status).toBe(409);
    const error = ((await refused.json()) as { error: { code: string; message: string; submissions: Allowance } }).error;
    expect(error.code).toBe('submissions_used_up');
    expect(error.message).toMatch(/used all 5 graded submissions/);
    expect(error.submissions).toEqual({ limit: 5, used: 5, remaining: 0 });
    expect(await getSubmissionsFor(server.dataDir, 'candidate@example.com', REVIEW)).toHaveLength(CERT.attempts.submissionsPerTask);
    const attempt = (await (await candidate.get(`/api/certifications/attempts/${attemptId}`)).json()) as { tasks: { exerciseId: string; submissionsLeft: number }[] };
    expect(attempt.tasks.find((t) => t.exerciseId === REVIEW)?.submissionsLeft).toBe(0);
  });

  it('does not submit an attempt with work outstanding unless confirmed', async () => {
    const unconfirmed = await candidate.post(`/api/certifications/attempts/${attemptId}/submit`);
    expect(unconfirmed.status).toBe(409);
    const error = ((await unconfirmed.json()) as { error: { code: string; outstanding: { questions: number[]; tasks: string[] } } }).error;
    expect(error.code).toBe('confirmation_required');
    expect(error.outstanding.questions.length).toBeGreaterThanOrEqual(10);
    expect(error.outstanding.tasks.sort()).toEqual(['Optimization', 'Troubleshooting']);
    const still = (await (await candidate.get(`/api/certifications/attempts/${attemptId}`)).json()) as { status: string };
    expect(still.status).toBe('open');
    const confirmed = await candidate.post(`/api/certifications/attempts/${attemptId}/submit`, { confirm: true });
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as { passed: boolean }).passed).toBe(false);
  });
});

describe('practice: "show solution" needs real tries', () => {
  const EXERCISE = 's1-project-entity';

  it('three unchanged starter submissions do not open the solution; three changed failing ones do', async () => {
    const learner = server.client();
    await learner.signUp('practice@example.com', 'Practice');
    const view = (await (await learner.get(`/api/exercises/${EXERCISE}`)).json()) as View;
    const starter = Object.fromEntries(view.editable.map((f) => [f.path, f.content]));
    for (let i = 0; i < 3; i++) {
      const res = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: starter });
      expect(((await res.json()) as Shown).status).not.toBe('pass');
    }
    const after = (await (await learner.get(`/api/exercises/${EXERCISE}`)).json()) as View;
    expect(after.solutionAvailable).toBe(false);
    expect((await learner.post(`/api/exercises/${EXERCISE}/solution`)).status).toBe(403);

    for (let i = 0; i < 3; i++) {
      const changed = Object.fromEntries(Object.entries(starter).map(([path, text]) => [path, `${text}\n// try ${i + 1}\n`]));
      const res = await learner.post(`/api/exercises/${EXERCISE}/submissions`, { files: changed });
      expect(((await res.json()) as Shown).status).toBe('fail');
    }
    const earned = (await (await learner.get(`/api/exercises/${EXERCISE}`)).json()) as View;
    expect(earned.solutionAvailable).toBe(true);
    expect((await learner.post(`/api/exercises/${EXERCISE}/solution`)).status).toBe(200);
  });

  it('a practice review shows missed defects only once the solution opens', async () => {
    const REVIEW_PRACTICE = 's2-review-entity';
    const key = reviewKey(REVIEW_PRACTICE);
    const learner = server.client();
    await learner.signUp('reviewer@example.com', 'Reviewer');
    const wrong = [{ file: key[0]?.file ?? '', line: 1, category: 'types' }];
    for (let i = 0; i < 2; i++) {
      const text = await (await learner.post(`/api/exercises/${REVIEW_PRACTICE}/submissions`, { findings: wrong })).text();
      expectNoKey(text, key);
    }
    const empty = await (await learner.post(`/api/exercises/${REVIEW_PRACTICE}/submissions`, { findings: [] })).text();
    expectNoKey(empty, key); // an empty list is no try
    const third = (await (await learner.post(`/api/exercises/${REVIEW_PRACTICE}/submissions`, { findings: wrong })).json()) as Shown;
    expect(third.disclosure).toBe('full');
    expect(third.tests.filter((t) => t.message?.startsWith('Missed:'))).toHaveLength(key.length);
    const view = (await (await learner.get(`/api/exercises/${REVIEW_PRACTICE}`)).json()) as View;
    expect(view.solutionAvailable).toBe(true);
    expect(view.lastResult?.disclosure).toBe('full');
  });
});

// The exam-day run of `npm run bench -- --cluster`: candidates who passed the prerequisites sit the
// Associate exam over a compressed exam window (arrivals spread evenly over it), each through the
// pages and API calls a browser makes: sign in, the certification page, start the attempt, the
// attempt page, the quiz (its questions, then the answers autosaved five at a time as the page does),
// each task's page and data, each task graded with the reference solution of the variant the draw
// gave them, submit the attempt, the results page. Measured: p95 of page loads, of answer autosaves
// and of grading round trips, and errors (any answer that is not the expected one). A grading answered
// 429 (the queue is full) is sent again after its Retry-After, as the learner told "try again in N s"
// does: those answers are counted apart, and the round trip runs from the first try to the result.
// The same run against the embedded mode gives the single-process figures beside the cluster's.
import { hashPassword } from '../../src/server/auth/password.ts';
import { createCohort } from '../../src/server/cohorts/create.ts';
import { joinCohortByCode } from '../../src/server/cohorts/membership.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import type { Db } from '../../src/server/db/open.ts';
import { completeSubmission, insertQueuedSubmission } from '../../src/server/db/submissions.ts';
import { createUser } from '../../src/server/db/users.ts';
import { demoContent } from '../lib/demo-cohort.ts';
import type { HttpClient, RunningServer } from '../../tests/helpers/server.ts';
import { solutionOf, variantOfTask } from '../../tests/helpers/task-variants.ts';
import { percentile } from './stats.ts';

const PASSWORD = 'exam-day-password-1';
/** A learner told "the grader is busy" tries again; after this many tries the 429 counts as an error. */
const MAX_BUSY_TRIES = 30;
const PROGRAM = 'clean-timestamp';

export interface ExamDayResult {
  mode: string;
  candidates: number;
  windowSeconds: number;
  pageP95Ms: number;
  saveP95Ms: number;
  gradingP95Ms: number;
  pageLoads: number;
  saves: number;
  gradings: number;
  errors: number;
  /** 429 answers to a grading that was then sent again after its Retry-After. */
  busy: number;
  errorSamples: string[];
  wallSeconds: number;
}

/** Candidates with every prerequisite passed, in one cohort, written straight into `db`. */
export async function seedExamCandidates(root: string, db: Db, candidates: number): Promise<string[]> {
  await migrate(db);
  const passwordHash = await hashPassword(PASSWORD);
  const { dashboard, assessment } = demoContent(root);
  const now = Date.now() - 3_600_000;
  const teacher = await createUser(db, { email: 'exam-teacher@example.com', name: 'Exam Teacher', passwordHash, role: 'instructor' });
  const cohort = await createCohort(db, teacher, { name: 'Exam day', program: dashboard.program.id, sessionDates: ['2026-11-01', '2026-11-04', '2026-11-07'] }, [dashboard.program]);
  const emails: string[] = [];
  for (let i = 0; i < candidates; i++) {
    const email = `candidate${i + 1}@example.com`;
    const user = await createUser(db, { email, name: `Candidate ${i + 1}`, passwordHash, now });
    await joinCohortByCode(db, cohort.joinCode, user.id, now);
    for (const exerciseId of assessment.certification.levels[0]?.prerequisites.exercises ?? []) {
      const id = await insertQueuedSubmission(db, { userId: user.id, exerciseId, files: { 'src/solution.ts': '// passed\n' }, now });
      await completeSubmission(db, id, { status: 'pass', score: 1, result: { tests: [] }, durationMs: 1, failedTests: [], now });
    }
    emails.push(email);
  }
  return emails;
}

/** Runs the exam for `emails` against `servers` (candidate i uses server i mod n), arrivals spread over `windowSeconds`. */
export async function runExamDay(mode: string, servers: RunningServer[], emails: string[], tasks: string[], windowSeconds: number): Promise<ExamDayResult> {
  const pages: number[] = [];
  const saves: number[] = [];
  const gradings: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let busy = 0;
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  const timed = async (into: number[], what: string, call: () => Promise<Response>, expected: number[] = [200], retryBusy = false): Promise<Response | undefined> => {
    const started = performance.now();
    try {
      let res = await call();
      for (let tries = 1; retryBusy && res.status === 429 && tries < MAX_BUSY_TRIES; tries++) {
        const after = Number(res.headers.get('retry-after'));
        if (!(after > 0)) break;
        busy++;
        await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, after * 1000));
        res = await call();
      }
      // read the whole body: a page load ends when its HTML has arrived
      const body = await res.clone().arrayBuffer();
      into.push(performance.now() - started);
      if (!expected.includes(res.status)) fail(`${what}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 160)}`);
      return res;
    } catch (error) {
      // fetch says only "fetch failed": the transport's reason (a connect timeout, a reset) is its cause
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      fail(`${what}: ${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
      return undefined;
    }
  };
  const started = performance.now();
  await Promise.all(
    emails.map(async (email, i) => {
      await new Promise((r) => setTimeout(r, (i * windowSeconds * 1000) / emails.length));
      const client: HttpClient = servers[i % servers.length]!.client();
      await timed(pages, 'sign in', () => client.post('/api/auth/login', { email, password: PASSWORD }));
      await timed(pages, 'certification page', () => client.get(`/certifications/${PROGRAM}`));
      const start = await timed(pages, 'start attempt', () => client.post(`/api/certifications/${PROGRAM}/attempts`), [201]);
      if (!start || start.status !== 201) return;
      const { attemptId } = (await start.json()) as { attemptId: string };
      await timed(pages, 'attempt page', () => client.get(`/certifications/${PROGRAM}/attempts/${attemptId}`));
      // the theory quiz: the questions the page loads, answered five at a time (the page autosaves as you go)
      const view = await timed(saves, 'quiz questions', () => client.get(`/api/certifications/attempts/${attemptId}`));
      if (view?.status === 200) {
        const { questions } = (await view.json()) as { questions: { id: string; type: string; options: { id: string }[] }[] };
        if (questions.length === 0) fail('quiz questions: the paper has none');
        for (let at = 0; at < questions.length; at += 5) {
          const answers = Object.fromEntries(questions.slice(at, at + 5).map((q, n) => {
            const option = q.options[(i + at + n) % q.options.length]!.id;
            return [q.id, q.type === 'multiple' ? [option] : option];
          }));
          await timed(saves, 'answers saved', () => client.put(`/api/certifications/attempts/${attemptId}/answers`, { answers }));
        }
      }
      for (const task of tasks) {
        await timed(pages, `${task} page`, () => client.get(`/exercises/${task}?attempt=${attemptId}`));
        let variant: string | null;
        try {
          variant = await variantOfTask(client, attemptId, task);
        } catch (error) {
          fail(`${task} variant: ${(error as Error).message}`);
          continue;
        }
        // a code review's reference is its findings.json, sent as the editor sends a review
        const files = solutionOf(task, variant);
        await timed(gradings, `${task} graded`, () => client.post(`/api/certifications/attempts/${attemptId}/tasks/${task}`, { files }), [200], true);
      }
      await timed(pages, 'submit attempt', () => client.post(`/api/certifications/attempts/${attemptId}/submit`, { confirm: true }));
      await timed(pages, 'results page', () => client.get(`/certifications/${PROGRAM}/attempts/${attemptId}`));
    }),
  );
  return {
    mode,
    candidates: emails.length,
    windowSeconds,
    pageP95Ms: percentile(pages, 95),
    saveP95Ms: percentile(saves, 95),
    gradingP95Ms: percentile(gradings, 95),
    pageLoads: pages.length,
    saves: saves.length,
    gradings: gradings.length,
    errors,
    busy,
    errorSamples,
    wallSeconds: (performance.now() - started) / 1000,
  };
}

export function formatExamDay(rows: ExamDayResult[]): string {
  const lines = ['Exam day (Associate exam: the quiz answered, every task graded with its variant\'s reference solution):'];
  for (const r of rows) {
    lines.push(
      `  ${r.mode}: ${r.candidates} candidates arriving over ${r.windowSeconds} s — page loads p95 ${Math.round(r.pageP95Ms)} ms (${r.pageLoads}), ` +
        `quiz loads and autosaves p95 ${Math.round(r.saveP95Ms)} ms (${r.saves}), ` +
        `grading round trips p95 ${Math.round(r.gradingP95Ms)} ms (${r.gradings}${r.busy ? `; ${r.busy} answered 429 and sent again after Retry-After` : ''}), ` +
        `${r.errors} errors, done in ${r.wallSeconds.toFixed(0)} s`,
    );
    for (const sample of r.errorSamples) lines.push(`    error: ${sample}`);
  }
  return lines.join('\n');
}

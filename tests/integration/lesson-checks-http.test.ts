// Inline lesson checks over real HTTP against the built server: the answer is judged on the server
// from the lesson's own key and stored with the chosen option, the lesson page renders it again for
// that learner (and only for them), bad input gets a 400 that says what is wrong, and the route keeps
// the origin check and sign-in every state-changing route has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLessonChecks, type LessonCheck } from '../../src/server/content/lesson-checks.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const PROGRAM = 'clean-timestamp';
const LESSON = 'welcome';
const lessonChecks = parseLessonChecks(readFileSync(join(ROOT, 'content/programs', PROGRAM, 'lessons', `${LESSON}.mdx`), 'utf8')).checks;
const check = lessonChecks[0] as LessonCheck;
const wrong = check.options.findIndex((_, i) => i !== check.answer);

let server: RunningServer;
let learner: HttpClient;

beforeAll(async () => {
  server = await startServer();
  learner = server.client();
  await learner.signUp('checks@example.com', 'Ada');
});
afterAll(async () => {
  await server?.stop();
});

const answer = (client: HttpClient, body: Record<string, unknown>) => client.post('/api/progress/checks', body);
const valid = (option: number) => ({ program: PROGRAM, lesson: LESSON, checkId: check.id, option });

async function storedChoice(email: string): Promise<{ chosen: string | null; correct: number } | undefined> {
  const db = await server.openStore();
  try {
    return await db.get('SELECT c.chosen, c.correct FROM check_answers c JOIN users u ON u.id = c.user_id WHERE u.email = ? AND c.lesson = ? AND c.check_id = ?', email, LESSON, check.id) as { chosen: string | null; correct: number } | undefined;
  } finally {
    await db.close();
  }
}

/** The radio inputs of the check in the rendered lesson, and what its feedback says. */
async function renderedCheck(client: HttpClient): Promise<{ checked: string[]; feedback: string; open: boolean }> {
  const res = await client.get(`/programs/${PROGRAM}/${LESSON}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const form = html.slice(html.indexOf(`data-check="${check.id}"`), html.indexOf('</form>', html.indexOf(`data-check="${check.id}"`)));
  const checked = [...form.matchAll(/<input[^>]*>/g)].map((m) => m[0]).filter((tag) => /\schecked\b/.test(tag)).map((tag) => /value="(\d+)"/.exec(tag)?.[1] ?? '?');
  const feedback = /data-feedback[^>]*>([^<]*)</.exec(form)?.[1] ?? '';
  return { checked, feedback, open: /<details[^>]*\sopen\b/.test(form) };
}

describe('POST /api/progress/checks', () => {
  it('judges the chosen option against the lesson key and stores the choice', async () => {
    expect(wrong).toBeGreaterThanOrEqual(0);
    let res = await answer(learner, valid(wrong));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ correct: false });
    expect(await storedChoice('checks@example.com')).toEqual({ chosen: check.options[wrong], correct: 0 });

    res = await answer(learner, valid(check.answer));
    expect(await res.json()).toEqual({ correct: true });
    expect(await storedChoice('checks@example.com')).toEqual({ chosen: check.options[check.answer], correct: 1 });
  });

  it('renders the saved choice in the lesson for that learner only', async () => {
    await answer(learner, valid(wrong));
    expect(await renderedCheck(learner)).toEqual({ checked: [String(wrong)], feedback: 'Not quite — read the explanation below.', open: true });

    const other = server.client();
    await other.signUp('other-reader@example.com');
    expect(await renderedCheck(other)).toEqual({ checked: [], feedback: '', open: false });
    expect(await renderedCheck(server.client())).toEqual({ checked: [], feedback: '', open: false });
  });

  it('refuses an unknown check or option with a 400 that names it', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...valid(0), checkId: 'no-such-check' }, 'unknown_check', /Lesson "welcome" has no check "no-such-check"/],
      [valid(check.options.length), 'unknown_option', new RegExp(`options 0 to ${check.options.length - 1}; got ${check.options.length}`)],
      [valid(-1), 'unknown_option', /got -1/],
      [{ ...valid(0), option: '1' }, 'invalid_input', /"option" must be an integer/],
      [{ ...valid(0), option: 0.5 }, 'invalid_input', /"option" must be an integer/],
      [{ ...valid(0), correct: true }, 'invalid_input', /Unknown field\(s\) "correct"/],
      [{ program: PROGRAM, lesson: LESSON, option: 0 }, 'invalid_input', /Send \{program, lesson, checkId, option\}/],
    ];
    for (const [body, code, message] of cases) {
      const res = await answer(learner, body);
      const payload = (await res.json()) as { error: { code: string; message: string } };
      expect([res.status, payload.error.code], JSON.stringify(body)).toEqual([400, code]);
      expect(payload.error.message).toMatch(message);
    }
    expect((await answer(learner, { ...valid(0), lesson: 'no-such-lesson' })).status).toBe(404);
    // nothing above changed the stored answer
    expect((await storedChoice('checks@example.com'))?.chosen).toBe(check.options[wrong]);
  });

  it('needs a signed-in learner and a same-origin request', async () => {
    expect((await answer(server.client(), valid(0))).status).toBe(401);
    const missing = await learner.request('POST', '/api/progress/checks', { json: valid(0), origin: null });
    expect(missing.status).toBe(403);
    const foreign = await learner.request('POST', '/api/progress/checks', { json: valid(0), origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await storedChoice('checks@example.com'))?.chosen).toBe(check.options[wrong]);
  });
});

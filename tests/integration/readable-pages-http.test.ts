// What people read, over real HTTP against the built server: titles and names rather than ids (the
// certification's prerequisites, a certificate on /me, levels in the instructor's views), how each
// certification component is scored (a review is matched, not tested), the results page's certificate
// download (the PDF itself), counts that agree with their nouns ("1 learner"), the quiz heading taken
// from certification.json, where staff land after signing in, and user:create's warning about
// --password.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Certification } from '../../src/lib/schemas/certification.ts';
import { CANDIDATE_EMAIL, INSTRUCTOR_EMAIL, SEEDED_PASSWORD, seedDataDir, type SeededData } from '../helpers/seeded-data.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';
import { rmSync } from 'node:fs';

const certification = JSON.parse(readFileSync(join(ROOT, 'assessments/clean-timestamp/certification.json'), 'utf8')) as Certification;
const exerciseTitle = (id: string) => (JSON.parse(readFileSync(join(ROOT, 'exercises', id, 'exercise.json'), 'utf8')) as { title: string }).title;

/** The text a person reads in an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The element with this data-testid, up to its closing tag (non-nested tags only: ul, table, p, strong). */
function byTestId(html: string, testid: string): string {
  const start = html.indexOf(`data-testid="${testid}"`);
  if (start < 0) return '';
  const open = html.lastIndexOf('<', start);
  const tag = /^<([a-z0-9]+)/.exec(html.slice(open))?.[1] ?? '';
  return html.slice(open, html.indexOf(`</${tag}>`, start) + tag.length + 3);
}

let seed: SeededData;
let server: RunningServer;
const signedIn = async (email: string): Promise<HttpClient> => {
  const client = server.client();
  await client.logIn(email, SEEDED_PASSWORD);
  return client;
};

beforeAll(async () => {
  seed = await seedDataDir();
  server = await startServer({ DATA_DIR: seed.dataDir });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(seed?.dataDir ?? '/nonexistent', { recursive: true, force: true });
});

describe('titles, not ids', () => {
  it('"cannot start yet" names each missing exercise once, by its title, linked to it', async () => {
    const newcomer = server.client();
    await newcomer.signUp('newcomer@example.com', 'New Comer');
    const html = await (await newcomer.get('/certifications/clean-timestamp')).text();
    const blockers = byTestId(html, 'start-blockers');
    const ids = certification.levels[0]?.prerequisites.exercises ?? [];
    expect(textOf(blockers)).toBe(`Complete these exercises first: ${ids.map(exerciseTitle).join(' ')}`);
    for (const id of ids) expect(blockers).toContain(`href="/exercises/${id}"`);
    // Ids appear only inside links' addresses, never as text.
    for (const id of ids) expect(textOf(blockers)).not.toContain(id);
    // A posted start that is refused says the same, by title.
    const refused = await newcomer.request('POST', '/certifications/clean-timestamp', { body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(refused.status).toBe(409);
    const error = textOf(/<p class="alert error"[^>]*>([\s\S]*?)<\/p>/.exec(await refused.text())?.[1] ?? '');
    expect(error).toBe(`Complete these exercises first: ${ids.map(exerciseTitle).join(', ')}.`);
  });

  it('says how each component is scored: the code review by matching findings, code tasks by hidden tests', async () => {
    const html = await (await server.client().get('/certifications/clean-timestamp')).text();
    const rows = byTestId(html, 'certification-components').split('<tr').slice(2).map((row) => textOf(`<tr${row}`));
    const review = rows.find((r) => r.startsWith('Code review')) ?? '';
    expect(review).toMatch(/scored by matching your findings against the known defects/);
    expect(review).not.toMatch(/hidden tests/);
    expect(rows.find((r) => r.startsWith('Practical implementation'))).toMatch(/graded by hidden tests/);
    // The first table is the Associate exam's: one row per component on its paper.
    const exam = certification.levels[0]?.assessment;
    expect(rows).toHaveLength(exam?.type === 'exam' ? exam.components.length : -1);
  });

  it('/me shows a certificate by its level’s and program’s names', async () => {
    const learner = await signedIn(seed.certified.email);
    const html = await (await learner.get('/me')).text();
    // A level's name, with its exam's distinction mark when the certificate carries one.
    const titles = certification.levels.flatMap((l) => [l.name, ...(l.assessment.type === 'exam' && l.assessment.distinction ? [`${l.name} ${l.assessment.distinction.title}`] : [])]);
    expect(titles).toContain(textOf(byTestId(html, 'certificate-level')));
    expect(textOf(byTestId(html, 'certificate-program'))).toBe('Clean Timestamp System Mastery');
    expect(textOf(byTestId(html, 'certificate'))).not.toMatch(/· clean-timestamp|\b(associate|professional|expert|developer) ·/);
  });

  it('the results page’s "Download your certificate" is the PDF', async () => {
    const learner = await signedIn(seed.certified.email);
    const html = await (await learner.get(`/certifications/clean-timestamp/attempts/${seed.certified.attemptId}`)).text();
    const link = byTestId(html, 'results-certificate-download');
    expect(textOf(link)).toBe('Download your certificate (PDF)');
    const href = /href="([^"]+)"/.exec(link)?.[1] ?? '';
    expect(href).toBe(`/certificates/${seed.certified.certificateId}.pdf`);
    const pdf = await learner.get(href);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the instructor’s table and drill-down name a certified learner’s level', async () => {
    const instructor = await signedIn(INSTRUCTOR_EMAIL);
    const levelNames = certification.levels.map((l) => l.name);
    const table = byTestId(await (await instructor.get(`/cohorts/${seed.cohortId}`)).text(), 'learner-table');
    expect(levelNames.some((name) => textOf(table).includes(`certified ${name}`))).toBe(true);
    expect(textOf(table)).not.toMatch(/certified (developer|distinction)\b/);
    const drill = textOf(await (await instructor.get(`/cohorts/${seed.cohortId}/learners/${seed.certified.id}`)).text());
    expect(levelNames.some((name) => drill.includes(`passed (${name})`))).toBe(true);
  });
});

describe('counts and names that fit', () => {
  it('a cohort of one says "1 learner"; sixteen say "16 learners"', async () => {
    const instructor = await signedIn(INSTRUCTOR_EMAIL);
    const big = textOf(await (await instructor.get(`/cohorts/${seed.cohortId}`)).text());
    expect(big).toContain('16 learners · sessions');
    const created = await instructor.post('/api/cohorts', { name: 'Solo', program: 'clean-timestamp', sessionDates: ['2026-12-01', '2026-12-03', '2026-12-05'] });
    const solo = ((await created.json()) as { cohort: { id: string; joinCode: string } }).cohort;
    const member = server.client();
    await member.signUp('solo@example.com', 'Solo Learner', 'solo-password-12');
    expect((await member.request('POST', '/me', { body: `action=join&code=${solo.joinCode}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(303);
    const page = textOf(await (await instructor.get(`/cohorts/${solo.id}`)).text());
    expect(page).toContain('1 learner · sessions');
    expect(page).not.toMatch(/\b1 learners\b|learner\(s\)/);
  });

  it('the program pages count sessions with the right noun, and the quiz is headed by its component’s name', async () => {
    const programs = textOf(await (await server.client().get('/programs')).text());
    expect(programs).toContain('3 sessions ·');
    expect(programs).not.toMatch(/\b1 sessions\b/);
    const candidate = await signedIn(CANDIDATE_EMAIL);
    const quiz = await (await candidate.get(`/certifications/clean-timestamp/attempts/${seed.candidate.attemptId}`)).text();
    expect(textOf(byTestId(quiz, 'quiz-heading'))).toBe(certification.components.find((c) => c.type === 'quiz')?.name);
  });
});

describe('accounts made by staff', () => {
  it('instructors and admins land on their cohorts after signing in; learners on their progress; a safe next wins', async () => {
    const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const signIn = async (email: string, next?: string) => {
      const client = server.client();
      const res = await client.request('POST', '/login', form({ email, password: SEEDED_PASSWORD, ...(next === undefined ? {} : { next }) }));
      expect(res.status).toBe(303);
      return { client, location: res.headers.get('location') };
    };
    const instructor = await signIn(INSTRUCTOR_EMAIL);
    expect(instructor.location).toBe('/cohorts');
    expect((await signIn(INSTRUCTOR_EMAIL, '')).location).toBe('/cohorts');
    expect((await signIn(INSTRUCTOR_EMAIL, '//evil.example')).location).toBe('/cohorts');
    expect((await signIn(INSTRUCTOR_EMAIL, '/programs/clean-timestamp')).location).toBe('/programs/clean-timestamp');
    expect((await signIn(seed.certified.email)).location).toBe('/me');
    // The sign-in page itself, opened while signed in, sends staff to the same place.
    const again = await instructor.client.get('/login');
    expect([again.status, again.headers.get('location')]).toEqual([302, '/cohorts']);
    // An admin too.
    const made = server.script('scripts/user-create.ts', ['--email', 'root@example.com', '--name', 'Root', '--role', 'admin'], `${SEEDED_PASSWORD}\n`);
    expect(made.status, made.stderr).toBe(0);
    expect((await signIn('root@example.com')).location).toBe('/cohorts');
  });

  it('user:create warns on standard error when the password is passed as --password, not when it is piped', async () => {
    const piped = server.script('scripts/user-create.ts', ['--email', 'piped@example.com', '--name', 'Piped', '--role', 'instructor'], 'piped-password-12\n');
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stderr).toBe('');
    const argument = server.script('scripts/user-create.ts', ['--email', 'argued@example.com', '--name', 'Argued', '--role', 'instructor', '--password', 'argued-password-12']);
    expect(argument.status, argument.stderr).toBe(0);
    expect(argument.stderr).toMatch(/warning: --password shows the password in npm's command echo/);
    expect(argument.stdout).toContain('created instructor argued@example.com');
    // The README tells people to let the script ask.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('Let it ask for the password');
  });
});

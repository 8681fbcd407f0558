// The instructor's reports over real HTTP on a 300-learner demo cohort (built through the domain
// functions): the cohort report as a PDF (whole cohort, every column, page numbers, no blank last
// page, instructor/admin only), analytics a person can read on the cohort page, and certificate
// management (confirmed revocation, re-issue after a revocation, "superseded by" on the public
// page and JSON, search).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { openServerStore } from '../helpers/server.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { hashPassword } from '../../src/server/auth/password.ts';
import { certificatesOfCohort } from '../../src/server/db/certificates.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import type { Db } from '../../src/server/db/open.ts';
import { seedDemoCohort } from '../../scripts/lib/demo-cohort.ts';
import { extractTextRuns } from '../helpers/pdf-inspect.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { readAttemptBreakdown } from '../../src/lib/contracts/attempt-breakdown.ts';
import { ROOT, startServer, type HttpClient, type RunningServer } from '../helpers/server.ts';

const PASSWORD = 'instructor-pass-1';
const LEARNERS = 300;
let server: RunningServer;
let dataDir: string;
let db: Db;
let cohortId: string;
let owner: HttpClient;

async function staff(email: string, role: 'instructor' | 'admin'): Promise<HttpClient> {
  const made = server.script('scripts/user-create.ts', ['--email', email, '--name', email.split('@')[0] ?? 'x', '--role', role, '--password', 'staff-password-1']);
  expect(made.status, made.stderr).toBe(0);
  const client = server.client();
  await client.logIn(email, 'staff-password-1');
  return client;
}

function postForm(client: HttpClient, path: string, fields: Record<string, string>): Promise<Response> {
  return client.request('POST', path, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'practicum-report-'));
  db = await openServerStore(dataDir);
  await migrate(db);
  cohortId = (await seedDemoCohort(db, ROOT, { learners: LEARNERS, passwordHash: await hashPassword(PASSWORD), instructorEmail: 'owner@example.com', cohortName: 'Autumn cohort' })).cohort.id;
  server = await startServer({ DATA_DIR: dataDir, CERTIFICATE_CHANGES_PER_HOUR: '5' });
  owner = server.client();
  await owner.logIn('owner@example.com', PASSWORD);
}, 120_000);
afterAll(async () => {
  await db?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface ReportJson {
  report: { learners: { name: string; email: string; atRisk: string[]; level: string | null }[]; competency: { name: string }[]; sessions: { title: string }[]; kpis: { label: string }[] };
}

describe('the cohort report as a PDF', () => {
  it('holds the whole cohort: KPIs, competency, sessions and every learner with every column, numbered pages, no blank last page', async () => {
    const res = await owner.get(`/cohorts/${cohortId}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="autumn-cohort-report.pdf"');
    const pdf = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    const pages = pdf.getPageCount();
    // 300 learners at 15 to 40 a page, after a page of KPIs, competency and sessions.
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(21);
    const runs = pdf.getPages().map((page) => extractTextRuns(pdf, page));
    runs.forEach((pageRuns, i) => expect(pageRuns).toContain(`Page ${i + 1} of ${pages}`));
    expect(pdf.getPages().every((page) => page.getWidth() > page.getHeight())).toBe(true);

    const { report } = (await (await owner.get(`/api/cohorts/${cohortId}/report`)).json()) as ReportJson;
    expect(report.learners).toHaveLength(LEARNERS);
    // Cell lines are drawn one after the other, so a wrapped address reads whole when runs are joined.
    const glued = runs.map((r) => r.join('')).join('');
    const spaced = runs.map((r) => r.join(' ')).join(' ');
    const missing = report.learners.filter((l) => !glued.includes(l.name.replace(/\s+/g, '')) && !spaced.includes(l.name)).map((l) => l.name);
    expect(missing).toEqual([]);
    expect(report.learners.filter((l) => !glued.includes(l.email)).map((l) => l.email)).toEqual([]);
    for (const text of ['KPIs against targets', 'Competency by skill area', 'Progress by session', `Learners (${LEARNERS})`, 'Flags', 'Best', 'Attempts', 'Last active', 'Certification', 'Solutions']) {
      expect(spaced).toContain(text);
    }
    for (const k of report.kpis) expect(spaced).toContain(k.label);
    for (const c of report.competency) expect(spaced).toContain(c.name);
    for (const s of report.sessions) expect(spaced).toContain(s.title);
    const flagged = report.learners.find((l) => l.atRisk.length > 0);
    expect(flagged).toBeDefined();
    expect(glued.replace(/\s+/g, '')).toContain((flagged?.atRisk[0] ?? '?').replace(/\s+/g, ''));

    // A certified learner's level reads by its name, as on the cohort page.
    const levels = (JSON.parse(readFileSync(join(ROOT, 'assessments/clean-timestamp/certification.json'), 'utf8')) as { levels: { id: string; name: string }[] }).levels;
    const held = report.learners.flatMap((l) => (l.level ? [l.level] : []));
    expect(held.length).toBeGreaterThan(0);
    for (const id of new Set(held)) expect(spaced).toContain(levels.find((l) => l.id === id)?.name ?? `no level ${id}`);

    const last = runs.at(-1) ?? [];
    expect(report.learners.some((l) => last.join('').includes(l.email))).toBe(true);
  }, 60_000);

  it('is for the cohort’s instructor and admins only, like the report itself', async () => {
    const admin = await staff('admin@example.com', 'admin');
    const other = await staff('other@example.com', 'instructor');
    const learner = server.client();
    await learner.signUp('learner@example.com', 'Curious Learner');
    expect((await admin.get(`/cohorts/${cohortId}/report.pdf`)).status).toBe(200);
    expect((await other.get(`/cohorts/${cohortId}/report.pdf`)).status).toBe(403);
    expect((await learner.get(`/cohorts/${cohortId}/report.pdf`)).status).toBe(403);
    expect((await server.client().get(`/cohorts/${cohortId}/report.pdf`)).status).toBe(401);
    expect((await owner.get('/cohorts/no-such-cohort/report.pdf')).status).toBe(404);
  }, 60_000);
});

describe('competency by skill area over HTTP', () => {
  it('reports the four areas of the competency assessment against their targets, and the results CSV scores every attempt in them', async () => {
    const { report } = (await (await owner.get(`/api/cohorts/${cohortId}/report`)).json()) as { report: { competency: { skill: string; name: string; target: number; average: number | null }[] } };
    expect(report.competency.map((c) => [c.name, c.target])).toEqual([
      ['BaseTimestampEntity Implementation', 0.8],
      ['Domain Event Handling', 0.8],
      ['Production Troubleshooting', 0.75],
      ['Performance Optimization', 0.75],
    ]);
    expect(report.competency.every((c) => c.average !== null)).toBe(true);

    const res = await owner.get(`/cohorts/${cohortId}/export.csv?kind=results`);
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text());
    const areas = report.competency.map((c) => `skill_${c.skill}`);
    expect(header?.filter((h) => h.startsWith('skill_'))).toEqual(areas);
    expect(rows.length).toBeGreaterThan(50);
    const stored = 'SELECT breakdown FROM attempts WHERE id = ?';
    for (const row of rows) {
      const { breakdown } = await db.get(stored, row[header!.indexOf('attempt')]!) as { breakdown: string };
      const skills = new Map(readAttemptBreakdown(breakdown).skills.map((s) => [`skill_${s.skill}`, String(Number(s.score.toFixed(4)))]));
      expect(areas.map((a) => row[header!.indexOf(a)])).toEqual(areas.map((a) => skills.get(a) ?? ''));
    }
  });
});

describe('the cohort page', () => {
  it('links the PDF, says what a printout of a paged table holds, and marks the sorted column', async () => {
    const html = await (await owner.get(`/cohorts/${cohortId}`)).text();
    expect(html).toMatch(new RegExp(`<a[^>]*href="/cohorts/${cohortId}/report.pdf"[^>]*>Download report \\(PDF\\)</a>`));
    expect(html).toMatch(/data-testid="print-note"[^>]*>This printout lists learners 1–100 of 300/);
    expect(html).toMatch(/aria-sort="ascending"[^>]*><a [^>]*>Learner<span class="arrow on"[^>]*>▲<\/span>/);
    const byScore = await (await owner.get(`/cohorts/${cohortId}?sort=score&dir=desc`)).text();
    expect(byScore).toMatch(/aria-sort="descending"[^>]*><a [^>]*>Best score<span class="arrow on"[^>]*>▼<\/span>/);
    expect(byScore.match(/aria-sort=/g)).toHaveLength(1);
  });

  it('shows quiz questions by their prompt with the whole item to expand, and explains the figures and flags', async () => {
    const html = await (await owner.get(`/cohorts/${cohortId}`)).text();
    const table = html.slice(html.indexOf('data-testid="question-table"'));
    const summaries = [...table.matchAll(/<summary[^>]*>([^<]+)<\/summary>/g)].map((m) => m[1] ?? '');
    expect(summaries.length).toBeGreaterThan(3);
    expect(summaries.every((s) => s.includes(' ') && !/^[a-z0-9-]+$/.test(s))).toBe(true);
    expect(table).toMatch(/<span class="visually-hidden"[^>]*>Correct: <\/span>/);
    expect(html).toContain('What these figures mean');
    expect(html).toMatch(/<dt[^>]*>Facility<\/dt><dd[^>]*>The share of the available marks/);
    expect(html).toMatch(/<dt[^>]*>Discrimination<\/dt>/);
    // The demo cohort's quiz has weakly discriminating questions: each flag says what it means where it stands.
    expect(table).toMatch(/<span class="badge warn"[^>]*>check<\/span> <span class="small"[^>]*>discrimination below 30: check the key and wording<\/span>/);
  });

  it('shows feedback on the 1–5 scale the learners used, and times to pass that are not all 0', async () => {
    const html = await (await owner.get(`/cohorts/${cohortId}`)).text();
    const feedback = html.slice(html.indexOf('id="feedback"'));
    expect(feedback).toContain('Content quality and clarity');
    const averages = [...feedback.matchAll(/<td class="avg"[^>]*>(\d\.\d) \/ 5<\/td>/g)].map((m) => Number(m[1]));
    expect(averages.length).toBeGreaterThanOrEqual(5);
    expect(averages.every((a) => a >= 1 && a <= 5)).toBe(true);
    // What a reader sees (tags and their attributes left out): no percentages.
    expect(feedback.slice(0, feedback.indexOf('</section>')).replace(/<[^>]*>/g, ' ')).not.toMatch(/\d\s?%/);
    const times = [...html.matchAll(/data-testid="time-to-pass"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(times.length).toBeGreaterThan(5);
    expect(times.filter((t) => t === '0 min' || t === 'under 1 min')).toEqual([]);
    expect(html).not.toContain('<code>grading</code>');
  });
});

describe('certificates of the cohort', () => {
  const page = `/cohorts/${'{id}'}/certificates`;
  const path = () => page.replace('{id}', cohortId);
  const json = async (id: string) => (await (await server.client().get(`/api/certificates/${id}`)).json()) as Record<string, unknown>;
  const standing = async () => (await certificatesOfCohort(db, cohortId)).filter((c) => c.revokedAt === null);

  it('asks before revoking (the confirmation works without JavaScript), then revokes', async () => {
    const [target] = await standing();
    if (!target) throw new Error('the demo cohort has no certificate');
    const asked = await postForm(owner, path(), { certificate: target.id, action: 'revoke', reason: 'Issued in error' });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('Revoke this certificate?');
    expect(question).toMatch(/<input type="hidden" name="confirmed" value="yes"/);
    expect((await json(target.id))['status']).toBe('active');
    const done = await postForm(owner, path(), { certificate: target.id, action: 'revoke', reason: 'Issued in error', confirmed: 'yes' });
    expect(await done.text()).toContain('Certificate revoked.');
    expect(await json(target.id)).toMatchObject({ status: 'revoked', revokedReason: 'Issued in error', supersededBy: null });
  });

  it('re-issues a revoked certificate, and shows a superseded one as superseded with its successor linked', async () => {
    const revoked = (await certificatesOfCohort(db, cohortId)).find((c) => c.revokedReason === 'Issued in error');
    if (!revoked) throw new Error('no revoked certificate');
    const before = await json(revoked.id);
    const again = await postForm(owner, path(), { certificate: revoked.id, action: 'reissue' });
    expect(again.status).toBe(200);
    const fresh = (await certificatesOfCohort(db, cohortId)).find((c) => c.attemptId === revoked.attemptId && c.revokedAt === null);
    if (!fresh) throw new Error('no re-issued certificate');
    expect(await again.text()).toContain(`Re-issued as ${fresh.id}`);
    expect(await json(fresh.id)).toMatchObject({ status: 'active', supersededBy: null });
    expect(await json(revoked.id)).toEqual(before);

    const replaced = await postForm(owner, path(), { certificate: fresh.id, action: 'reissue' });
    expect(replaced.status).toBe(200);
    const newest = (await certificatesOfCohort(db, cohortId)).find((c) => c.attemptId === revoked.attemptId && c.revokedAt === null);
    if (!newest) throw new Error('no second re-issue');
    const superseded = await json(fresh.id);
    expect(superseded).toMatchObject({ status: 'revoked', supersededBy: newest.id, id: fresh.id });
    expect(Object.keys(superseded).sort()).toEqual([...Object.keys(before), 'supersededBy'].filter((k, i, all) => all.indexOf(k) === i).sort());
    const verify = await (await server.client().get(`/verify/${fresh.id}`)).text();
    expect(verify).toMatch(/data-status="superseded"/);
    expect(verify).toMatch(new RegExp(`Superseded by <a href="/verify/${newest.id}"`));
    expect(verify).not.toMatch(/class="status status-revoked"/);
    expect(verify).not.toMatch(/✕<\/span> Revoked/);
    expect((await (await server.client().get(`/verify/${revoked.id}`)).text())).toContain('data-status="revoked"');

    // The old certificate cannot be re-issued while its replacement stands.
    const twice = await postForm(owner, path(), { certificate: revoked.id, action: 'reissue' });
    expect(twice.status).toBe(409);
    // the detail is JSON text: read in JS (SQLite's json_extract would give the boolean as 1/0)
    const audit = (await db.all<{ subject: string; detail: string }>("SELECT subject, detail FROM audit_log WHERE action = 'certificate.reissue' ORDER BY at"))
      .map((r) => ({ subject: r.subject, after: Number((JSON.parse(r.detail) as { afterRevocation: boolean | number }).afterRevocation) }));
    expect(audit).toEqual([
      { subject: revoked.id, after: 1 },
      { subject: fresh.id, after: 0 },
    ]);
  });

  it('keeps the hourly limit on revocations and re-issues', async () => {
    // 3 changes so far; the limit is 5.
    const [a, b] = await standing();
    if (!a || !b) throw new Error('not enough certificates');
    expect((await postForm(owner, path(), { certificate: a.id, action: 'reissue' })).status).toBe(200);
    expect((await postForm(owner, path(), { certificate: b.id, action: 'reissue' })).status).toBe(200);
    const [c] = await standing();
    const refused = await postForm(owner, path(), { certificate: c?.id ?? '', action: 'revoke', reason: 'one too many', confirmed: 'yes' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('finds certificates by learner name, email or id with a plain GET form', async () => {
    const all = await certificatesOfCohort(db, cohortId);
    const target = all[0];
    if (!target) throw new Error('no certificate');
    const rows = (html: string) => (html.match(/<tr[\s>]/g) ?? []).length - 1;
    const full = await (await owner.get(path())).text();
    expect(full).toMatch(/<form method="get" class="search" role="search"/);
    expect(rows(full)).toBe(all.length);
    const byEmail = await (await owner.get(`${path()}?q=${encodeURIComponent(target.learnerEmail.toUpperCase())}`)).text();
    expect(rows(byEmail)).toBe(all.filter((c) => c.learnerEmail === target.learnerEmail).length);
    expect(byEmail).toContain(target.learnerEmail);
    const byId = await (await owner.get(`${path()}?q=${target.id}`)).text();
    expect(rows(byId)).toBe(1);
    const byName = await (await owner.get(`${path()}?q=${encodeURIComponent(target.learnerName)}`)).text();
    expect(rows(byName)).toBe(all.filter((c) => c.learnerName.toLowerCase().includes(target.learnerName.toLowerCase())).length);
    const none = await (await owner.get(`${path()}?q=nobody-has-this-name`)).text();
    expect(none).toContain('No certificate matches');
  });
});

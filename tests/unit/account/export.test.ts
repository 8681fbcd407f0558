// The data export, opened with an independent zip reader (yauzl): every kind of data the learner has
// is in it, README.txt names every top-level file and folder, files come out byte for byte as they
// were submitted, the certificates' PDF, signed credential and baked badge verify, nothing of another
// learner is in it, and the archive is written as it is read (a reader that stops reading stops it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { exportAccountData } from '../../../src/server/account/export.ts';
import { claimExport, EXPORT_LEASE, EXPORT_RULE } from '../../../src/server/account/export-limits.ts';
import { createApp } from '../../../src/server/app.ts';
import { HttpError } from '../../../src/server/http.ts';
import { DownloadClosed, ZipWriter } from '../../../src/server/account/zip-writer.ts';
import { randomBytes } from 'node:crypto';
import { jwks } from '../../../src/server/certificates/artefacts.ts';
import { verifyCredentialJwt } from '../../../src/server/certificates/credential.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { insertCohort } from '../../../src/server/db/cohorts.ts';
import { crossReview, fillLearner, QUESTION, SHARED_FILES, type LearnerData } from '../../helpers/account-data.ts';
import { drain, readZip } from '../../helpers/zip-read.ts';
import { tempApp, type TempApp } from '../../helpers/temp-app.ts';

let t: TempApp;
let ada: LearnerData;
let adaUser: { id: string; email: string; name: string; role: 'learner' };

beforeEach(async () => {
  t = await tempApp();
  const teacher = await createUser(t.app.db, { email: 'teach@example.com', name: 'Teacher', passwordHash: 'x', role: 'instructor' });
  const cohortId = (await insertCohort(t.app.db, { name: 'Spring', program: 'clean-timestamp', ownerId: teacher.id, sessionDates: [] })).id;
  const a = await createUser(t.app.db, { email: 'ada@example.com', name: 'Ada Lovelace', passwordHash: 'x' });
  const b = await createUser(t.app.db, { email: 'bob@example.com', name: 'Bob Builder', passwordHash: 'x' });
  ada = await fillLearner(t.app.db, a, { marker: 'ADA-MARK', cohortId, reviewerId: teacher.id });
  const bob = await fillLearner(t.app.db, b, { marker: 'BOB-MARK', cohortId, reviewerId: teacher.id });
  await crossReview(t.app.db, ada, bob, cohortId, teacher.id);
  adaUser = { id: a.id, email: a.email, name: a.name, role: 'learner' };
});
afterEach(() => t.cleanup());

async function exportOf(user: typeof adaUser): Promise<Map<string, Buffer>> {
  let released = 0;
  const started = await exportAccountData(t.app, user, async () => {
    released += 1;
  });
  const bytes = await drain(started.stream);
  await started.done;
  expect(released).toBe(1);
  expect(started.fileName).toMatch(/^practicum-data-\d{4}-\d{2}-\d{2}\.zip$/);
  return readZip(bytes);
}

const text = (entries: Map<string, Buffer>, name: string): string => {
  const entry = entries.get(name);
  if (!entry) throw new Error(`${name} is not in the zip; it has ${[...entries.keys()].join(', ')}`);
  return entry.toString('utf8');
};
const named = (entries: Map<string, Buffer>, pattern: RegExp) => [...entries.keys()].filter((name) => pattern.test(name));

describe('exportAccountData', () => {
  it('packs every kind of data the learner has, each where the README says', async () => {
    const entries = await exportOf(adaUser);
    const names = [...entries.keys()];
    const tops = new Set(names.map((n) => (n.includes('/') ? `${n.split('/')[0]}/` : n)));
    expect([...tops].sort()).toEqual(
      ['README.txt', 'case-studies/', 'certificates/', 'certification-attempts/', 'drafts/', 'feedback.json', 'peer-reviews.json', 'practice-exams/', 'profile.json', 'progress.json', 'submissions/'].sort(),
    );
    const readme = text(entries, 'README.txt');
    for (const top of tops) expect(readme, `README.txt names ${top}`).toMatch(new RegExp(`^${top.replace('.', '\\.')}`, 'm'));
    expect(readme).toContain('Ada Lovelace (ada@example.com)');
    expect(readme).toMatch(/^submissions\/ \(2\)$/m);

    expect(JSON.parse(text(entries, 'profile.json'))).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', role: 'learner', cohorts: [{ name: 'Spring', program: 'clean-timestamp' }] });
    const progress = JSON.parse(text(entries, 'progress.json'));
    expect(progress.lessonsCompleted).toEqual([expect.objectContaining({ program: 'clean-timestamp', lesson: 'welcome' })]);
    expect(progress.lessonChecks).toEqual([expect.objectContaining({ check: 'c1', correct: true, yourAnswer: 'option chosen by ADA-MARK' })]);
    expect(JSON.parse(text(entries, 'feedback.json'))).toEqual({
      sessions: [expect.objectContaining({ session: 1, ratings: { pace: 4 }, comment: 'feedback from ADA-MARK' })],
      programs: [expect.objectContaining({ program: 'clean-timestamp', ratings: { overall: 5 }, answers: { best: 'program answer by ADA-MARK' } })],
    });
    const peer = JSON.parse(text(entries, 'peer-reviews.json'));
    expect(peer.written).toEqual([expect.objectContaining({ exerciseId: 's1-project-entity', status: 'submitted', points: { clarity: 3 }, comment: 'overall review written by ADA-MARK', lineComments: [{ file: 'src/project.ts', line: 1, comment: 'line comment written by ADA-MARK' }] })]);
    // Reviews received are the learner's to keep, without naming the reviewer.
    expect(peer.sent).toEqual([expect.objectContaining({ exerciseId: 's1-project-entity', reviewsReceived: [expect.objectContaining({ points: { clarity: 3 }, lineComments: [expect.objectContaining({ line: 1 })] })] })]);
    expect(JSON.stringify(peer.sent)).not.toMatch(/reviewer/i);
    expect(text(entries, 'drafts/s1-project-entity/src/project.ts')).toContain('// draft by ADA-MARK');
  });

  it('gives back each submission’s files byte for byte, with how it was graded', async () => {
    const entries = await exportOf(adaUser);
    const folders = [...new Set(named(entries, /^submissions\//).map((n) => n.replace(/\/(files\/.*|result\.json)$/, '')))].sort();
    expect(folders).toHaveLength(2);
    expect(folders[0]).toMatch(/^submissions\/s1-project-entity\/001-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-[a-z0-9]+$/);
    for (const [path, content] of Object.entries(ada.submissionFiles)) expect(text(entries, `${folders[0]}/files/${path}`)).toBe(content);
    expect(JSON.parse(text(entries, `${folders[0]}/result.json`))).toMatchObject({
      exercise: 's1-project-entity',
      status: 'fail',
      score: 0.5,
      failedTests: ['keeps names'],
      grading: { tests: [{ name: 'keeps names', status: 'fail' }] },
      reviews: [{ verdict: 'needs-work', feedback: 'Homework feedback for ADA-MARK' }],
    });
    expect(text(entries, `${folders[1]}/files/src/solution.ts`)).toBe(SHARED_FILES['src/solution.ts']);
    expect(JSON.parse(text(entries, `${folders[1]}/result.json`))).toMatchObject({ status: 'pass', score: 1 });
  });

  it('writes attempts and practice exams with the questions as seen and the answers given', async () => {
    const entries = await exportOf(adaUser);
    const [attemptFile] = named(entries, /^certification-attempts\/clean-timestamp\/.*-associate-.*\.json$/);
    const attempt = JSON.parse(text(entries, attemptFile ?? ''));
    expect(attempt).toMatchObject({ status: 'submitted', score: 0.9, passed: true, flagged: [QUESTION.id] });
    const question = attempt.components[0].questions[0];
    expect(question.prompt).toContain(QUESTION.prompt);
    expect(question.options.map((o: { id: string }) => o.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(question.yourAnswer).toEqual([{ id: 'a', text: expect.stringContaining('Triggers cannot store a time zone') }]);
    expect(question.mark).toBe(0);
    const [practiceFile] = named(entries, /^practice-exams\/clean-timestamp\//);
    expect(JSON.parse(text(entries, practiceFile ?? ''))).toMatchObject({ score: 1, questions: [{ id: QUESTION.id, yourAnswer: [{ id: 'c' }], mark: 1 }] });
    const [design] = named(entries, /^case-studies\/clean-timestamp\/expert-.*\/files\/design\.md$/);
    expect(text(entries, design ?? '')).toBe('# Design by ADA-MARK\n');
    const caseStudy = JSON.parse(text(entries, (design ?? '').replace(/files\/design\.md$/, 'case-study.json')));
    expect(caseStudy).toMatchObject({ status: 'returned', reviews: [{ decision: 'return', points: { design: 2 }, comment: 'Please expand the design, ADA-MARK.' }] });
  });

  it('includes each certificate as PDF, signed credential and baked badge that verify', async () => {
    const entries = await exportOf(adaUser);
    const folder = `certificates/clean-timestamp-associate-${ada.certificateId}`;
    const pdf = await PDFDocument.load(entries.get(`${folder}/certificate.pdf`) ?? Buffer.alloc(0));
    expect(pdf.getPageCount()).toBe(1);
    const jwt = text(entries, `${folder}/credential.jwt`).trim();
    expect((await verifyCredentialJwt(jwt, await jwks(t.app))).valid).toBe(true);
    const badge = text(entries, `${folder}/badge.svg`);
    expect(badge).toMatch(/<svg[^>]*xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"/);
    expect(badge).toContain(`verify="${jwt}"`);
    expect(JSON.parse(text(entries, `${folder}/certificate.json`))).toMatchObject({ id: ada.certificateId, status: 'active', holder: 'Learner ADA-MARK', verifyUrl: expect.stringContaining(`/verify/${ada.certificateId}`) });
  });

  it('holds nothing of another learner', async () => {
    const entries = await exportOf(adaUser);
    for (const [name, bytes] of entries) {
      if (name.endsWith('.pdf')) continue;
      // What Bob wrote in his review of Ada's work is hers to read (unnamed); nothing else of his is here.
      const own = name === 'peer-reviews.json' ? bytes.toString('utf8').replace(/(overall review|line comment) written by BOB-MARK/g, '') : bytes.toString('utf8');
      expect(own, name).not.toMatch(/BOB-MARK|Bob Builder|bob@example\.com/);
    }
  });
});

describe('ZipWriter', () => {
  it('waits for the reader: entries are not piled up while nobody reads', async () => {
    const zip = new ZipWriter();
    const stream = zip.webStream();
    let written = 0;
    const producer = (async () => {
      for (let i = 0; i < 8; i += 1) {
        // Random bytes do not compress: each entry is 1 MiB on the wire too.
        await zip.add(`part-${i}.bin`, randomBytes(1024 * 1024));
        written += 1;
      }
      zip.end();
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(written, 'entries accepted with nobody reading').toBeLessThan(3);
    const entries = await readZip(await drain(stream));
    await producer;
    expect(written).toBe(8);
    expect([...entries.keys()]).toEqual(Array.from({ length: 8 }, (_, i) => `part-${i}.bin`));
  });

  it('stops the producer when the download is cancelled', async () => {
    let released = 0;
    const started = await exportAccountData(t.app, adaUser, async () => {
    released += 1;
  });
    const reader = started.stream.getReader();
    await reader.read();
    await reader.cancel();
    await expect(started.done).rejects.toBeInstanceOf(DownloadClosed);
    expect(released).toBe(1);
  });
});

describe('claimExport', () => {
  const refusal = async (claim: Promise<unknown>): Promise<string> => {
    const error = await claim.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(429);
    return (error as HttpError).code;
  };

  it('lets one export run per account across every web node sharing the database, and frees it on release', async () => {
    // a second node: its own App (own connections, no memory shared) on the same database
    const node2 = await createApp(t.app.config);
    try {
      const now = Date.now();
      const release = await claimExport(t.app, adaUser, now);
      // the claim is a row every node reads, not a node's memory
      expect(await t.app.db.get("SELECT window_start AS at FROM rate_limits WHERE bucket = 'data-export-running' AND key = ?", adaUser.id)).toEqual({ at: now });
      expect(await refusal(claimExport(node2, adaUser, now + 1000))).toBe('export_running');
      const other = await createUser(t.app.db, { email: 'cy@example.com', name: 'Cy', passwordHash: 'x' });
      await (await claimExport(node2, { id: other.id, email: other.email, name: other.name, role: 'learner' }, now))();
      await release();
      await release();
      const again = await claimExport(node2, adaUser, now + 2000);
      await again();
    } finally {
      await node2.db.close();
    }
  });

  it('lets a claim its node never released lapse, and counts the hourly allowance on every node', async () => {
    const now = Date.now();
    await claimExport(t.app, adaUser, now);
    expect(await refusal(claimExport(t.app, adaUser, now + EXPORT_LEASE.ttlMs - 1))).toBe('export_running');
    const late = await claimExport(t.app, adaUser, now + EXPORT_LEASE.ttlMs);
    await late();
    for (let i = 2; i < EXPORT_RULE.limit; i += 1) await (await claimExport(t.app, adaUser, now + EXPORT_LEASE.ttlMs + i))();
    expect(await refusal(claimExport(t.app, adaUser, now + EXPORT_LEASE.ttlMs + 10))).toBe('rate_limited');
    // refused by the hourly count, it holds no claim: nothing is running
    const rows = await t.app.db.all("SELECT key FROM rate_limits WHERE bucket = 'data-export-running'");
    expect(rows).toEqual([]);
  });
});

// Deleting one's own account through the page's data function, on a real SQLite file with real
// password hashes: what is asked (certificate choice, confirmation, password) and in what order,
// the limit on password tries, instructors who run cohorts, the browser signed out, and what the
// public verification then shows for a certificate kept public or withdrawn.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../src/server/auth/roles.ts';
import { hashPassword } from '../../../src/server/auth/password.ts';
import { accountPage, type AccountPage } from '../../../src/server/account/account-page.ts';
import { DELETE_RULE } from '../../../src/server/account/delete-account.ts';
import { verifyPage } from '../../../src/server/certificates/verify-page.ts';
import { insertCohort } from '../../../src/server/db/cohorts.ts';
import { createUser, getUser } from '../../../src/server/db/users.ts';
import { SeeOther, type RequestContext } from '../../../src/server/route.ts';
import { fillLearner, type LearnerData } from '../../helpers/account-data.ts';
import { formPost, getRequest, tempApp, type TempApp } from '../../helpers/temp-app.ts';

const PASSWORD = 'a long enough password';
let t: TempApp;
let ada: SessionUser;
let data: LearnerData;

beforeEach(async () => {
  t = await tempApp();
  const u = await createUser(t.app.db, { email: 'ada@example.com', name: 'Ada Lovelace', passwordHash: await hashPassword(PASSWORD) });
  ada = { id: u.id, email: u.email, name: u.name, role: u.role };
  data = await fillLearner(t.app.db, u, { marker: 'ADA' });
});
afterEach(() => t.cleanup());

/** The page's request context: who is signed in, and the cookies the answer sets. */
function contextFor(user: SessionUser | null): RequestContext & { set: Map<string, string> } {
  const set = new Map<string, string>();
  return {
    set,
    locals: { user, session: null },
    clientAddress: '127.0.0.1',
    cookies: { set: (name: string, value: string) => set.set(name, value), get: () => undefined } as unknown as RequestContext['cookies'],
  } as RequestContext & { set: Map<string, string> };
}

async function post(fields: Record<string, string>, user: SessionUser = ada): Promise<AccountPage | SeeOther> {
  return accountPage(t.app, contextFor(user), formPost(fields, 'http://practicum.test/me/account'));
}
const refused = async (fields: Record<string, string>) => {
  const page = await post(fields);
  if (page instanceof SeeOther) throw new Error('the account was deleted');
  return page;
};
const valid = { certificates: 'keep-public', confirm: 'yes', password: PASSWORD };

describe('the account page', () => {
  it('lists the certificates the deletion asks about', async () => {
    const page = await accountPage(t.app, contextFor(ada), getRequest());
    expect(page).toMatchObject({ status: 200, error: null, certificates: [{ id: data.certificateId, programTitle: 'Clean Timestamp System Mastery', status: 'active' }], ownedCohorts: [] });
  });

  it('asks for the certificate choice, the confirmation and the password, in that order, deleting nothing', async () => {
    expect(await refused({ confirm: 'yes', password: PASSWORD })).toMatchObject({ status: 400, error: { field: 'certificates', message: expect.stringContaining('Choose what happens to your 1 certificate') } });
    expect(await refused({ certificates: 'keep-public', password: PASSWORD })).toMatchObject({ status: 400, error: { field: 'confirm' } });
    expect(await refused({ certificates: 'keep-public', confirm: 'yes' })).toMatchObject({ status: 400, error: { field: 'password' } });
    expect(await refused({ ...valid, certificates: 'maybe' })).toMatchObject({ status: 400, error: { field: 'certificates' } });
    expect((await getUser(t.app.db, ada.id))?.name).toBe('Ada Lovelace');
  });

  it('refuses a wrong password with a clear message, and keeps the choice made', async () => {
    const page = await refused({ ...valid, certificates: 'withdraw', password: 'not my password' });
    expect(page).toMatchObject({ status: 403, choice: 'withdraw', error: { field: 'password', message: 'That is not your password. Your account was not deleted.' } });
    expect((await getUser(t.app.db, ada.id))?.email).toBe('ada@example.com');
  });

  it('limits password tries per account, and then refuses even the right one until the window ends', async () => {
    for (let i = 0; i < DELETE_RULE.limit; i += 1) expect((await refused({ ...valid, password: `wrong ${i}` })).status).toBe(403);
    const limited = await refused(valid);
    expect(limited).toMatchObject({ status: 429, error: { message: expect.stringMatching(/^Too many password attempts\. Your account was not deleted; try again in \d+ minutes?\.$/) } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await getUser(t.app.db, ada.id))?.name).toBe('Ada Lovelace');
  });

  it('does not let an instructor who runs cohorts delete their account', async () => {
    const teacher = await createUser(t.app.db, { email: 'teach@example.com', name: 'Teacher', passwordHash: await hashPassword(PASSWORD), role: 'instructor' });
    await insertCohort(t.app.db, { name: 'Spring', program: 'clean-timestamp', ownerId: teacher.id, sessionDates: [] });
    const as = { id: teacher.id, email: teacher.email, name: teacher.name, role: teacher.role };
    expect(await accountPage(t.app, contextFor(as), getRequest())).toMatchObject({ ownedCohorts: ['Spring'] });
    const page = await post({ confirm: 'yes', password: PASSWORD }, as);
    expect(page).toMatchObject({ status: 409, error: { message: expect.stringContaining('You run 1 cohort (Spring)') } });
  });

  it('an admin posting someone else’s id deletes nobody else: the route only ever acts on the signed-in account', async () => {
    const admin = await createUser(t.app.db, { email: 'root@example.com', name: 'Root', passwordHash: await hashPassword('admin password 123'), role: 'admin' });
    const as = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    const page = await post({ user: ada.id, email: ada.email, ...valid }, as);
    expect(page).toMatchObject({ status: 403, error: { field: 'password' } });
    expect((await getUser(t.app.db, ada.id))?.name).toBe('Ada Lovelace');
    expect((await getUser(t.app.db, admin.id))?.name).toBe('Root');
  });

  it('deletes the account when everything is given: signed out, sent to /account-deleted, certificates kept public', async () => {
    const context = contextFor(ada);
    const done = await accountPage(t.app, context, formPost(valid, 'http://practicum.test/me/account'));
    expect(done).toEqual(new SeeOther('/account-deleted?certificates=keep-public'));
    expect(context.set.get(t.app.auth.sessionCookieName)).toBe('');
    expect(await getUser(t.app.db, ada.id)).toMatchObject({ name: 'Deleted learner', email: `deleted:${ada.id}` });
    const shown = await verifyPage(t.app, data.certificateId, 'test-client');
    if (!shown.found) throw new Error('the certificate no longer verifies');
    expect(shown.certificate).toMatchObject({ status: 'active', holder: null, holderDeleted: true, withdrawn: false });
    expect(shown.social.title).toBe('Certified Clean Timestamp Associate · Clean Timestamp System Mastery — issued to a deleted account');
    expect(JSON.stringify(shown)).not.toMatch(/Ada|ADA/);
  });

  it('withdraws the certificates when chosen: the verification says so', async () => {
    expect(await post({ ...valid, certificates: 'withdraw' })).toEqual(new SeeOther('/account-deleted?certificates=withdraw'));
    const shown = await verifyPage(t.app, data.certificateId, 'test-client');
    if (!shown.found) throw new Error('the certificate is gone');
    expect(shown.certificate).toMatchObject({ status: 'revoked', withdrawn: true, holder: null, revokedReason: 'Withdrawn at the holder’s request' });
    expect(shown.social.description).toContain('It was withdrawn at the holder’s request');
  });
});

// Where the "Add to LinkedIn profile" link appears: on /me for each active certificate and on the
// results page of the attempt that earned it, never for a revoked one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptResults } from '../../../src/server/assessment/attempt-results.ts';
import { loadAssessmentContent } from '../../../src/server/assessment/content.ts';
import { getAttempt } from '../../../src/server/db/attempts.ts';
import { revokeCertificate } from '../../../src/server/db/certificates.ts';
import { createUser } from '../../../src/server/db/users.ts';
import { mePage } from '../../../src/server/programs/me-page.ts';
import { fillLearner, type LearnerData } from '../../helpers/account-data.ts';
import { getRequest, ORIGIN, tempApp, type TempApp } from '../../helpers/temp-app.ts';

let t: TempApp;
let data: LearnerData;
let user: { id: string; email: string; name: string; role: 'learner' };

beforeEach(async () => {
  t = await tempApp();
  const u = await createUser(t.app.db, { email: 'ada@example.com', name: 'Ada', passwordHash: 'x' });
  user = { id: u.id, email: u.email, name: u.name, role: 'learner' };
  data = await fillLearner(t.app.db, u, { marker: 'ADA' });
});
afterEach(() => t.cleanup());

const params = (href: string | null | undefined) => Object.fromEntries(new URL(href ?? 'https://missing.example').searchParams);

describe('Add to LinkedIn profile', () => {
  it('is offered on /me and on the results page for an active certificate, with the same facts', async () => {
    const me = await mePage(t.app, user, getRequest());
    if (!('certificates' in me)) throw new Error('expected the page');
    const fromMe = params(me.certificates.find((c) => c.id === data.certificateId)?.linkedIn);
    expect(fromMe).toMatchObject({ startTask: 'CERTIFICATION_NAME', organizationName: 'Practicum', certId: data.certificateId, certUrl: `${ORIGIN}/verify/${data.certificateId}` });
    expect(fromMe['name']).toBe('Clean Timestamp System Mastery — Certified Clean Timestamp Associate');
    const attempt = await getAttempt(t.app.db, data.attemptId);
    if (!attempt) throw new Error('no attempt');
    const results = await attemptResults(t.app.db, attempt, await loadAssessmentContent('clean-timestamp'), Date.now(), ORIGIN);
    expect(params(results.linkedIn)).toEqual(fromMe);
  });

  it('is not offered once the certificate is revoked', async () => {
    await revokeCertificate(t.app.db, { id: data.certificateId, reason: 'Issued in error', actorId: user.id });
    const me = await mePage(t.app, user, getRequest());
    if (!('certificates' in me)) throw new Error('expected the page');
    expect(me.certificates.find((c) => c.id === data.certificateId)?.linkedIn).toBeNull();
    const attempt = await getAttempt(t.app.db, data.attemptId);
    if (!attempt) throw new Error('no attempt');
    expect((await attemptResults(t.app.db, attempt, await loadAssessmentContent('clean-timestamp'), Date.now(), ORIGIN)).linkedIn).toBeNull();
  });
});

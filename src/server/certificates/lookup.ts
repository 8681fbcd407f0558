// Public certificate lookup by id with enumeration defence: only misses count against a client, and a
// client over the limit gets 429 for every lookup (hit or miss) until its window ends, so the limit
// cannot be used as an oracle. Unknown ids answer 404 with nothing about why.
import type { App } from '../app.ts';
import { consume, isLimited, RULES } from '../auth/rate-limit.ts';
import { getCertificate, type CertificateRecord } from '../db/certificates.ts';
import { HttpError } from '../http.ts';

const ID_SHAPE = /^[A-Za-z0-9_-]{10,64}$/;

function tooMany(retryAfterSeconds: number): HttpError {
  return new HttpError(429, 'rate_limited', `Too many unknown certificate ids from your address; try again in ${retryAfterSeconds} s.`, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}

export async function lookupCertificate(app: App, id: string, client: string): Promise<CertificateRecord> {
  const blocked = await isLimited(app.db, RULES.verify, client);
  if (!blocked.ok) throw tooMany(blocked.retryAfterSeconds);
  const record = ID_SHAPE.test(id) ? await getCertificate(app.db, id) : null;
  if (!record) {
    const counted = await consume(app.db, RULES.verify, client);
    if (!counted.ok) throw tooMany(counted.retryAfterSeconds);
    throw new HttpError(404, 'not_found', 'No certificate has this id.');
  }
  return record;
}

// The OpenBadgeCredential as built passes 1EdTech's OB 3.0 AchievementCredential JSON Schema (vendored
// under tests/fixtures/ob3), with and without expiry, distinction or a holder id; and the schema check
// is real: a credential missing what the schema requires fails it.
import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential, type OpenBadgeCredentialInput } from '../../../src/server/certificates/credential.ts';
import { ob3SchemaErrors } from '../../helpers/ob3-schema.ts';

const input: OpenBadgeCredentialInput = {
  origin: 'https://practicum.example.com',
  certificateId: 'k3x7q2mz5v8w4r6t9y2b3n5c7d1f4g6h8j0l2p4s',
  program: { id: 'clean-timestamp', title: 'Clean Timestamp System Mastery' },
  level: { id: 'associate', name: 'Certified Clean Timestamp Associate' },
  description: 'Implements timestamped entities the way the implementation guide describes.',
  criteriaNarrative: 'Pass the Associate exam with at least 80% overall.',
  learner: { email: 'zoe@example.com', displayName: 'Zoë Ålander' },
  holderId: 'urn:uuid:5f0c7c1e-3b2a-4d8e-9f61-2a7b9c0d4e13',
  issuedAt: Date.UTC(2026, 10, 23, 7, 30, 12),
  expiresAt: Date.UTC(2028, 10, 23, 7, 30, 12),
  statusIndex: 4242,
  overall: { score: 86.25, required: 80 },
  skillAreas: [{ id: 'entity-implementation', name: 'BaseTimestampEntity Implementation', score: 90, required: 80 }],
};

describe('OB 3.0 JSON Schema', () => {
  it.each([
    ['a standard credential', input],
    ['one that does not expire', { ...input, expiresAt: null }],
    ['one with distinction', { ...input, distinction: 'with distinction' }],
    ['one of an account without a holder id', { ...input, holderId: null }],
  ])('accepts %s', (_label, variant) => {
    expect(ob3SchemaErrors(JSON.parse(JSON.stringify(buildOpenBadgeCredential(variant))))).toEqual([]);
  });

  it('rejects credentials that break it (so the check above can fail)', () => {
    const credential = JSON.parse(JSON.stringify(buildOpenBadgeCredential(input))) as Record<string, any>;
    const broken: ((c: Record<string, any>) => void)[] = [
      (c) => delete c['credentialSubject'].achievement,
      (c) => (c['@context'] = ['https://www.w3.org/ns/credentials/v2']),
      (c) => (c['image'] = { id: c['image'].id, type: 'Picture' }),
      (c) => (c['awardedDate'] = 'yesterday'),
      (c) => (c['type'] = ['VerifiableCredential']),
    ];
    for (const breakIt of broken) {
      const copy = structuredClone(credential);
      breakIt(copy);
      expect(ob3SchemaErrors(copy).length).toBeGreaterThan(0);
    }
  });
});

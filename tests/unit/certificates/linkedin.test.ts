// The "Add to LinkedIn profile" link: every parameter LinkedIn's add-certification form reads, with
// the values a certificate gives it (UTC months, expiry left out when there is none).
import { describe, expect, it } from 'vitest';
import { LINKEDIN_ADD_TO_PROFILE, linkedInAddUrl, linkedInForCertificate } from '../../../src/server/certificates/linkedin.ts';

const params = (url: string) => {
  const parsed = new URL(url);
  expect(`${parsed.origin}${parsed.pathname}`).toBe(LINKEDIN_ADD_TO_PROFILE);
  return Object.fromEntries(parsed.searchParams);
};

describe('linkedInAddUrl', () => {
  it('names the certification, issuer, issue and expiry month/year, verify URL and id', () => {
    const url = linkedInAddUrl({
      name: 'Clean Timestamp System Mastery — Associate',
      organizationName: 'Practicum',
      issuedAt: Date.UTC(2026, 2, 14, 9, 30),
      expiresAt: Date.UTC(2027, 2, 14, 9, 30),
      certUrl: 'https://practicum.example.com/verify/AbCdEf0123456789',
      certId: 'AbCdEf0123456789',
    });
    expect(params(url)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Clean Timestamp System Mastery — Associate',
      organizationName: 'Practicum',
      issueYear: '2026',
      issueMonth: '3',
      expirationYear: '2027',
      expirationMonth: '3',
      certUrl: 'https://practicum.example.com/verify/AbCdEf0123456789',
      certId: 'AbCdEf0123456789',
    });
    // Encoded, so names with "&", "#" or spaces cannot break out into other parameters.
    expect(url).toContain('name=Clean+Timestamp+System+Mastery+%E2%80%94+Associate');
  });

  it('takes months in UTC: a certificate issued late on 31 December in UTC is a December one everywhere', () => {
    const { issueYear, issueMonth } = params(
      linkedInAddUrl({ name: 'X', organizationName: 'Practicum', issuedAt: Date.UTC(2025, 11, 31, 23, 30), expiresAt: null, certUrl: 'https://p.example/verify/x', certId: 'x' }),
    );
    expect([issueYear, issueMonth]).toEqual(['2025', '12']);
  });

  it('leaves the expiry out for a certificate that does not expire', () => {
    const p = params(linkedInAddUrl({ name: 'X', organizationName: 'Practicum', issuedAt: Date.UTC(2026, 0, 1), expiresAt: null, certUrl: 'https://p.example/verify/x', certId: 'x' }));
    expect(p).not.toHaveProperty('expirationYear');
    expect(p).not.toHaveProperty('expirationMonth');
    expect(p['issueMonth']).toBe('1');
  });

  it('escapes names that carry URL syntax', () => {
    const p = params(linkedInAddUrl({ name: 'A & B #1 ?x=y', organizationName: 'Ünïcode & Co', issuedAt: 0, expiresAt: null, certUrl: 'https://p.example/verify/a?b=c&d', certId: 'a/b' }));
    expect(p).toMatchObject({ name: 'A & B #1 ?x=y', organizationName: 'Ünïcode & Co', certUrl: 'https://p.example/verify/a?b=c&d', certId: 'a/b' });
  });
});

describe('linkedInForCertificate', () => {
  it('builds the link from a certificate: program and title, the platform as issuer, its verify page', () => {
    const p = params(
      linkedInForCertificate(
        { id: 'Cert_1234567890', issuedAt: Date.UTC(2026, 5, 1), expiresAt: Date.UTC(2028, 4, 31) },
        { program: 'Clean Timestamp System Mastery', certificate: 'Professional with distinction' },
        'https://practicum.example.com',
      ),
    );
    expect(p).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Clean Timestamp System Mastery — Professional with distinction',
      organizationName: 'Practicum',
      issueYear: '2026',
      issueMonth: '6',
      expirationYear: '2028',
      expirationMonth: '5',
      certUrl: 'https://practicum.example.com/verify/Cert_1234567890',
      certId: 'Cert_1234567890',
    });
  });
});

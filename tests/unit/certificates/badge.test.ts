// Badge images and the baked badge: well-formed SVG naming program, level, issuer (and holder),
// escaping what people type, and the Open Badges 3.0 SVG baking: the xmlns:openbadges attribute,
// one <openbadges:credential verify="VC-JWT"> directly after the <svg> start tag, whose JWT an
// independent XML parser extracts and jose verifies against the issuer's public key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { compactVerify, importJWK } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OB_BAKING_NAMESPACE, renderBadgeSvg, renderIssuerLogoSvg, type BadgeFace } from '../../../src/server/certificates/badge-svg.ts';
import { buildOpenBadgeCredential, signCredential } from '../../../src/server/certificates/credential.ts';
import { loadOrCreateIssuerKey, publicJwkAt, type IssuerKey } from '../../../src/server/certificates/keys.ts';

const origin = 'https://practicum.example.com';
const face: BadgeFace = { programTitle: 'Clean Timestamp System Mastery', levelName: 'Certified Clean Timestamp Associate', issuerName: 'Practicum', tier: 0 };

let dataDir: string;
let key: IssuerKey;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'practicum-badge-'));
  key = await loadOrCreateIssuerKey(dataDir);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const parse = (svg: string): Record<string, any> =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: false, trimValues: true }).parse(svg) as Record<string, any>;

/** Every text the SVG shows or announces (title, desc, text elements). */
function texts(svg: string): string[] {
  const root = parse(svg)['svg'];
  const collect = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(collect) : typeof value === 'object' && value !== null ? [String((value as Record<string, unknown>)['#text'] ?? '')] : [String(value)]);
  return [...collect(root['title']), ...collect(root['desc']), ...collect(root['text'])];
}

describe('level badge', () => {
  it('is well-formed SVG naming the program, the level and the issuer, with an accessible name', () => {
    const svg = renderBadgeSvg(face);
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parse(svg)['svg'];
    expect(root['@xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(root['@role']).toBe('img');
    expect(root['@aria-labelledby']).toBe('badge-title badge-desc');
    expect(root).not.toHaveProperty('@xmlns:openbadges');
    expect(svg).not.toContain('openbadges:credential');
    const shown = texts(svg).join(' | ');
    expect(shown).toContain('Certified Clean Timestamp Associate — Clean Timestamp System Mastery');
    expect(shown).toContain('PRACTICUM');
    expect(shown).toContain('Certified Clean Timestamp Associate');
    for (const word of ['Clean', 'Timestamp', 'System', 'Mastery']) expect(shown).toContain(word);
  });

  it('escapes what people type and shows the holder and a distinction', () => {
    const holderName = 'Zoë <script>alert(1)</script> & "Ålander"';
    const svg = renderBadgeSvg({ ...face, holderName, distinction: 'with distinction' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
    // The parser decodes the entities back: the name reads exactly as typed.
    expect(texts(svg)).toContain(holderName);
    expect(texts(svg).join(' ')).toContain('with distinction');
  });

  it('gives each level of the ladder its own metal', () => {
    const rings = [0, 1, 2].map((tier) => /<circle cx="256" cy="256" r="250" fill="(#[0-9a-f]{6})"/.exec(renderBadgeSvg({ ...face, tier }))?.[1]);
    expect(new Set(rings).size).toBe(3);
  });

  it('has an issuer logo naming the issuer', () => {
    const svg = renderIssuerLogoSvg('Practicum');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(parse(svg)['svg']['title']['#text']).toBe('Practicum');
  });
});

describe('baked badge', () => {
  it('carries the VC-JWT as OB 3.0 says: namespace on <svg>, one <openbadges:credential verify> right after its start tag', async () => {
    const credential = buildOpenBadgeCredential({
      origin,
      certificateId: 'k3x7q2mz5v8w4r6t9y2b3n5c7d1f4g6h8j0l2p4s',
      program: { id: 'clean-timestamp', title: face.programTitle },
      level: { id: 'associate', name: face.levelName },
      description: 'Implements timestamped entities.',
      criteriaNarrative: 'Pass the Associate exam.',
      learner: { email: 'zoe@example.com', displayName: 'Zoë Ålander' },
      holderId: 'urn:uuid:5f0c7c1e-3b2a-4d8e-9f61-2a7b9c0d4e13',
      issuedAt: Date.UTC(2026, 0, 1),
      expiresAt: null,
      statusIndex: 7,
      overall: { score: 90 },
      skillAreas: [],
    });
    const jwt = await signCredential(credential, key, origin);
    const svg = renderBadgeSvg({ ...face, holderName: 'Zoë Ålander' }, jwt);

    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const start = /<svg\b[^>]*>/.exec(svg);
    expect(start?.[0]).toContain(`xmlns:openbadges="${OB_BAKING_NAMESPACE}"`);
    expect(OB_BAKING_NAMESPACE).toBe('https://purl.imsglobal.org/ob/v3p0');
    // Directly after the <svg> start tag, and only once.
    expect(svg.slice((start?.index ?? 0) + (start?.[0].length ?? 0))).toMatch(/^<openbadges:credential verify="[^"]+"><\/openbadges:credential>/);
    expect(svg.match(/<openbadges:credential\b/g)).toHaveLength(1);

    const extracted = parse(svg)['svg']['openbadges:credential']['@verify'] as string;
    expect(extracted).toBe(jwt);
    const { payload, protectedHeader } = await compactVerify(extracted, await importJWK(publicJwkAt(key, origin), 'RS256'));
    expect(protectedHeader.kid).toBe(publicJwkAt(key, origin).kid);
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ id: credential.id, sub: credential.credentialSubject.id });
  });

  it('refuses to bake anything but a compact JWS', () => {
    expect(() => renderBadgeSvg(face, 'not a jwt')).toThrow(/compact JWS/);
    expect(() => renderBadgeSvg(face, 'a.b"><script>.c')).toThrow(/compact JWS/);
  });
});

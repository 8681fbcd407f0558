// The Open Badges 3.0 OpenBadgeCredential for a certificate (1EdTech OB 3.0 on VC Data Model 2.0):
// building it from a certificate's facts, signing it as a VC-JWT and verifying one offline.
// The learner is the subject by their holder identifier (a urn:uuid, migration 022: `sub` and
// `credentialSubject.id`), and is recognisable by a salted hash of their email and their display name.
import { createHash } from 'node:crypto';
import { decodeJwt, type JSONWebKeySet } from 'jose';
import type { IssuerKey } from './keys.ts';
import type { Image, IssuerProfile, VcJwtVerification } from './vc-jwt.ts';
import { VC_V2_CONTEXT, issuerProfile, signVerifiableCredential, toDateTime, verifyVerifiableCredentialJwt } from './vc-jwt.ts';
import { revocationEntry } from './status-list.ts';
import type { BitstringStatusListEntry } from './status-list.ts';

export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OPEN_BADGE_CONTEXTS = [VC_V2_CONTEXT, OB3_CONTEXT] as const;
/** The OB 3.0 AchievementCredential JSON Schema every credential names in `credentialSchema`. */
export const OB3_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const OB3_SCHEMA_VALIDATOR = '1EdTechJsonSchemaValidator2019';

export interface SkillAreaScore {
  /** Stable slug of the skill area within the program. */
  id: string;
  name: string;
  /** Percentage 0–100 the learner scored in this area. */
  score: number;
  /** Minimum percentage the certification rules require in this area, if any. */
  required?: number;
}

export interface OpenBadgeCredentialInput {
  /** Public origin, e.g. https://practicum.example.com (no trailing slash). */
  origin: string;
  certificateId: string;
  program: { id: string; title: string };
  /** The level earned: one achievement per level, whoever holds it. */
  level: { id: string; name: string };
  /** A mark this certificate earned on top of the level ("with distinction"): in the credential's name, not the achievement's. */
  distinction?: string | null;
  /** What holding this level means (achievement.description). */
  description: string;
  /** How the level is earned, from the certification rules (achievement.criteria.narrative). */
  criteriaNarrative: string;
  learner: { email: string; displayName: string };
  /** The holder's identifier (users.holder_id, a urn:uuid); see `subjectId` for accounts without one. */
  holderId: string | null;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number | null;
  /** The certificate's bit in the revocation status lists: list number (default 1) and index. */
  statusList?: number;
  statusIndex: number;
  /** Overall percentage and the pass mark it had to reach. */
  overall: { score: number; required?: number };
  skillAreas: readonly SkillAreaScore[];
  /** Salt for the email hash; by default derived from the certificate id so re-downloads are identical. */
  identitySalt?: string;
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress' | 'name';
  hashed: boolean;
  salt?: string;
}

export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: 'Percent';
  valueMin: string;
  valueMax: string;
  requiredValue?: string;
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  achievementType: 'Certification';
  name: string;
  description: string;
  criteria: { narrative: string };
  image: Image;
  resultDescription: ResultDescription[];
}

export interface OpenBadgeCredential {
  '@context': typeof OPEN_BADGE_CONTEXTS;
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  name: string;
  description: string;
  image: Image;
  credentialSchema: [{ id: typeof OB3_CREDENTIAL_SCHEMA; type: typeof OB3_SCHEMA_VALIDATOR }];
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    achievement: Achievement;
    result: { type: ['Result']; resultDescription: string; value: string }[];
  };
  credentialStatus: BitstringStatusListEntry;
}

/** OB 3.0 hashed identity: "sha256$" + hex(SHA-256(identity + salt)); emails compared case-insensitively. */
export function hashIdentity(identity: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identity + salt).digest('hex')}`;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

function defaultSalt(certificateId: string): string {
  return createHash('sha256').update(`practicum identity salt\0${certificateId}`).digest('hex').slice(0, 32);
}

const percent = (value: number): string => String(Math.round(value * 10) / 10);

export const credentialUrl = (origin: string, certificateId: string): string =>
  `${origin}/api/certificates/${encodeURIComponent(certificateId)}/credential`;

export const achievementUrl = (origin: string, program: string, level: string): string =>
  `${origin}/programs/${encodeURIComponent(program)}#certification-${encodeURIComponent(level)}`;

/** The level's badge (the same for every holder): achievement.image. */
export const levelBadgeUrl = (origin: string, program: string, level: string): string =>
  `${origin}/badges/${encodeURIComponent(program)}/${encodeURIComponent(level)}.svg`;

/** This certificate's badge, naming its holder: the credential's image. */
export const certificateBadgeUrl = (origin: string, certificateId: string): string => `${origin}/verify/${encodeURIComponent(certificateId)}/badge.svg`;

/**
 * `credentialSubject.id` (and `sub`): the holder's identifier. An account without one (its
 * identifier was erased with the account) gets a urn:uuid derived from the certificate id, so the
 * credential still has a subject while certificates of that account no longer share one.
 */
export function subjectId(holderId: string | null, certificateId: string): string {
  if (holderId) return holderId;
  const hex = createHash('sha256').update(`practicum subject\0${certificateId}`).digest('hex');
  // Shaped as a version 4 (random) UUID: the hash stands in for the random bits.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): OpenBadgeCredential {
  const achievementId = achievementUrl(input.origin, input.program.id, input.level.id);
  const salt = input.identitySalt ?? defaultSalt(input.certificateId);
  const name = `${input.program.title} — ${input.level.name} certification`;
  const credentialName = input.distinction ? `${name} ${input.distinction}` : name;
  const awarded = toDateTime(input.issuedAt);

  const describe = (suffix: string, label: string, required: number | undefined): ResultDescription => ({
    id: `${achievementId}-${suffix}`,
    type: ['ResultDescription'],
    name: label,
    resultType: 'Percent',
    valueMin: '0',
    valueMax: '100',
    ...(required === undefined ? {} : { requiredValue: percent(required) }),
  });
  const descriptions = [
    describe('overall', 'Overall score', input.overall.required),
    ...input.skillAreas.map((area) => describe(`skill-${encodeURIComponent(area.id)}`, `Skill area: ${area.name}`, area.required)),
  ];
  const scores = [input.overall.score, ...input.skillAreas.map((area) => area.score)];

  return {
    '@context': OPEN_BADGE_CONTEXTS,
    id: credentialUrl(input.origin, input.certificateId),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuerProfile(input.origin),
    validFrom: awarded,
    ...(input.expiresAt === null ? {} : { validUntil: toDateTime(input.expiresAt) }),
    awardedDate: awarded,
    name: credentialName,
    description:
      `${input.learner.displayName || 'The holder'} earned the ${input.level.name} certification${input.distinction ? ` ${input.distinction}` : ''} in ${input.program.title}, ` +
      `awarded by ${issuerProfile(input.origin).name} on ${awarded.slice(0, 10)} for passing its assessment with an overall score of ${percent(input.overall.score)}%.`,
    image: { id: certificateBadgeUrl(input.origin, input.certificateId), type: 'Image', caption: input.learner.displayName ? `${credentialName} badge of ${input.learner.displayName}` : `${credentialName} badge` },
    credentialSchema: [{ id: OB3_CREDENTIAL_SCHEMA, type: OB3_SCHEMA_VALIDATOR }],
    credentialSubject: {
      id: subjectId(input.holderId, input.certificateId),
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: hashIdentity(normalizeEmail(input.learner.email), salt),
          identityType: 'emailAddress',
          hashed: true,
          salt,
        },
        { type: 'IdentityObject', identityHash: input.learner.displayName, identityType: 'name', hashed: false },
      ],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Certification',
        name,
        description: input.description,
        criteria: { narrative: input.criteriaNarrative },
        image: { id: levelBadgeUrl(input.origin, input.program.id, input.level.id), type: 'Image', caption: `${name} badge` },
        resultDescription: descriptions,
      },
      result: descriptions.map((description, index) => ({
        type: ['Result'],
        resultDescription: description.id,
        value: percent(scores[index] ?? 0),
      })),
    },
    credentialStatus: revocationEntry(input.origin, input.statusIndex, input.statusList ?? 1),
  };
}

/** The credential as a VC-JWT, the downloadable artefact (`application/vc+jwt` or `.jwt`); `origin` serves the key its `kid` names. */
export function signCredential(credential: OpenBadgeCredential, key: IssuerKey, origin: string): Promise<string> {
  return signVerifiableCredential(credential, key, { origin, jti: true });
}

/**
 * Verifies an OpenBadgeCredential VC-JWT with nothing but the issuer's JWKS: signature, JWT claims
 * mirroring the credential, validity period at `now`, and the OB 3.0 shape (exact @context pair,
 * types). Revocation is separate: look `credentialStatus.statusListIndex` up with `isRevoked`.
 */
export async function verifyCredentialJwt(jwt: string, jwks: JSONWebKeySet, now = Date.now()): Promise<VcJwtVerification> {
  const result = await verifyVerifiableCredentialJwt(jwt, jwks, now);
  if (!result.valid) return result;
  const { credential } = result;
  const context = credential['@context'] as unknown[];
  const type = credential['type'] as unknown[];
  const subject = credential['credentialSubject'] as { type?: unknown } | undefined;
  if (context.length !== OPEN_BADGE_CONTEXTS.length || context.some((value, index) => value !== OPEN_BADGE_CONTEXTS[index])) {
    return { valid: false, error: 'malformed', message: `@context must be exactly ${OPEN_BADGE_CONTEXTS.join(', ')}`, credential };
  }
  if (!type.includes('OpenBadgeCredential') || !Array.isArray(subject?.type) || !subject.type.includes('AchievementSubject')) {
    return { valid: false, error: 'malformed', message: 'not an OpenBadgeCredential with an AchievementSubject', credential };
  }
  // OB 3.0 requires `jti`, and `sub` once the subject has an id (earlier credentials had neither subject id nor sub).
  const claims = decodeJwt(jwt.trim());
  if (claims.jti === undefined) return { valid: false, error: 'malformed', message: 'an Open Badges VC-JWT needs a jti claim', credential };
  if ((subject as { id?: unknown }).id !== undefined && claims.sub === undefined) {
    return { valid: false, error: 'malformed', message: 'an Open Badges VC-JWT whose subject has an id needs a sub claim', credential };
  }
  return result;
}

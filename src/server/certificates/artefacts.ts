// The artefacts of a certificate record: the signed Open Badges 3.0 credential, the revocation
// status list, the JWKS and each key at its URL, and the PDF. The badge images are in badge.ts.
// Nothing here lives on a web node's disk in the cluster mode: the issuer key is in the database
// (issuer-key-store.ts), and the PDF is rendered on demand — the same bytes every time for the same
// certificate (pdf.ts seeds everything from its content), so any node serves the same file — and
// kept in a small per-process cache.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { App } from '../app.ts';
import { getCertificate, getStatusList, revokedIndexes, type CertificateRecord } from '../db/certificates.ts';
import { HttpError } from '../http.ts';
import { certificateContent } from './content.ts';
import { levelAchievement } from './achievement.ts';
import { getAttempt } from '../db/attempts.ts';
import { certificateTitle } from '../../lib/ladder-names.ts';
import { buildOpenBadgeCredential, signCredential } from './credential.ts';
import { inProgramOrder } from '../../lib/skill-evidence.ts';
import { loadOrCreateIssuerKey, publicJwkAt, publicJwks, type IssuerKey } from './keys.ts';
import { holderIdOf } from '../db/holder-identity.ts';
import { renderCertificatePdf, type CertificatePdfInput } from './pdf.ts';
import { loadOrCreateStoredIssuerKey } from './issuer-key-store.ts';
import { checkKeySecret } from './key-seal.ts';
import { buildStatusListCredential, DEFAULT_STATUS_LIST_SIZE, encodeStatusList, signStatusListCredential } from './status-list.ts';
import type { JSONWebKeySet, JWK } from 'jose';

const keys = new Map<string, Promise<IssuerKey>>();

/** Where this app's data lives: its database URL in the cluster mode, its DATA_DIR otherwise. */
const home = (app: App): string => app.config.databaseUrl ?? app.config.dataDir;

/**
 * The issuer key, created on first use and kept in memory after: in the cluster mode the one in the
 * database (sealed with PRACTICUM_KEY_SECRET), in the embedded mode the file in DATA_DIR/keys.
 */
export function issuerKey(app: App): Promise<IssuerKey> {
  const slot = home(app);
  let key = keys.get(slot);
  if (!key) {
    key = app.config.databaseUrl ? loadOrCreateStoredIssuerKey(app.db, checkKeySecret(app.config.keySecret)) : loadOrCreateIssuerKey(app.config.dataDir);
    keys.set(slot, key);
    // a failure (a wrong secret, the database away) is tried again by the next request
    key.catch(() => {
      if (keys.get(slot) === key) keys.delete(slot);
    });
  }
  return key;
}

export async function jwks(app: App): Promise<JSONWebKeySet> {
  return publicJwks(await issuerKey(app), app.config.publicOrigin);
}

/** The public key whose RFC 7638 thumbprint is `thumbprint`, as served at its URL (the JOSE `kid`); 404 for any other. */
export async function publicKeyByThumbprint(app: App, thumbprint: string): Promise<JWK> {
  const key = await issuerKey(app);
  if (thumbprint !== key.kid) throw new HttpError(404, 'not_found', 'This issuer has no key with this thumbprint; see /.well-known/jwks.json.');
  return publicJwkAt(key, app.config.publicOrigin);
}

export async function credentialJwt(app: App, record: CertificateRecord): Promise<string> {
  const { certification, program } = await certificateContent(record.program);
  const achievement = levelAchievement(certification, record, (await getAttempt(app.db, record.attemptId))?.purpose ?? 'certify');
  const areas = new Map(program?.skillAreas.map((s) => [s.id, s]) ?? []);
  const credential = buildOpenBadgeCredential({
    origin: app.config.publicOrigin,
    certificateId: record.id,
    program: { id: record.program, title: program?.title ?? record.program },
    level: { id: record.level, name: achievement.name },
    distinction: achievement.distinction,
    description: achievement.description,
    criteriaNarrative: achievement.criteria,
    learner: { email: record.learnerEmail, displayName: record.learnerName },
    holderId: await holderIdOf(app.db, record.userId),
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    statusList: record.statusList,
    statusIndex: record.statusIndex,
    overall: { score: Math.round(record.score * 1000) / 10, ...(achievement.required === undefined ? {} : { required: Math.round(achievement.required * 1000) / 10 }) },
    skillAreas: inProgramOrder(record.breakdown.skills, program).map((s) => {
      const area = areas.get(s.skill);
      return {
        id: s.skill,
        name: area?.name ?? s.skill,
        score: Math.round(s.score * 1000) / 10,
        ...(area ? { required: Math.round(area.target * 1000) / 10 } : {}),
      };
    }),
  });
  return signCredential(credential, await issuerKey(app), app.config.publicOrigin);
}

/** Per data home and list: the signed list and the state it was signed for. */
const statusCache = new Map<string, { state: string; jwt: string }>();

/**
 * Signed revocation list `list`; re-signed only when its set of revoked bits changes. A list that
 * does not exist yet is 404, except list 1 before any certificate: an empty list of the default size.
 */
export async function revocationListJwt(app: App, list = 1): Promise<string> {
  const stored = await getStatusList(app.db, list);
  if (!stored && list !== 1) throw new HttpError(404, 'not_found', `There is no status list ${list}.`);
  const size = stored?.size ?? DEFAULT_STATUS_LIST_SIZE;
  const revoked = (await revokedIndexes(app.db, list)).sort((a, b) => a - b);
  const slot = `${home(app)}|${list}`;
  const state = `${size}|${revoked.join(',')}`;
  const hit = statusCache.get(slot);
  if (hit?.state === state) return hit.jwt;
  const credential = buildStatusListCredential(app.config.publicOrigin, encodeStatusList(revoked, size), Date.now(), list);
  const jwt = await signStatusListCredential(credential, await issuerKey(app), app.config.publicOrigin);
  statusCache.set(slot, { state, jwt });
  return jwt;
}

/** Recently rendered PDFs by the hash of what they show: a changed record (a new name) is a new entry. */
const pdfCache = new Map<string, Promise<Uint8Array>>();
const PDF_CACHE_SIZE = 64;

async function pdfInput(app: App, record: CertificateRecord): Promise<CertificatePdfInput> {
  const { certification, program } = await certificateContent(record.program);
  return {
    certificateId: record.id,
    learnerName: record.learnerName,
    programTitle: program?.title ?? record.program,
    levelName: certificateTitle(certification, record),
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    verifyUrl: `${app.config.publicOrigin}/verify/${record.id}`,
    scoreSummary: `Overall score ${Math.round(record.score * 100)} %`,
  };
}

/** The certificate's PDF, rendered from the record (identical bytes for identical content). */
export async function certificatePdf(app: App, record: CertificateRecord): Promise<Uint8Array> {
  const input = await pdfInput(app, record);
  const key = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  let pdf = pdfCache.get(key);
  if (pdf) {
    // most recently used last
    pdfCache.delete(key);
  } else {
    pdf = renderCertificatePdf(input, { fontDir: join(app.config.projectRoot, 'assets/fonts') });
    pdf.catch(() => pdfCache.delete(key));
    if (pdfCache.size >= PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value as string);
  }
  pdfCache.set(key, pdf);
  return pdf;
}

/** After a pass: render the PDF in the background so this node's first download is instant. */
export async function afterCertificateIssued(app: App, certificateId: string | undefined): Promise<void> {
  if (!certificateId) return;
  const record = await getCertificate(app.db, certificateId);
  if (record) void certificatePdf(app, record).catch((error: unknown) => console.error('[practicum] certificate PDF failed', error));
}

// The artefacts of a certificate record: the signed Open Badges 3.0 credential, the revocation
// status list, the JWKS and each key at its URL, and the PDF (rendered once, stored under DATA_DIR,
// served from disk after). The badge images are in badge.ts.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '../app.ts';
import { getCertificate, getStatusList, revokedIndexes, setCertificatePdf, type CertificateRecord } from '../db/certificates.ts';
import { HttpError } from '../http.ts';
import { certificateContent } from './content.ts';
import { levelAchievement } from './achievement.ts';
import { getAttempt } from '../db/attempts.ts';
import { certificateTitle } from '../../lib/ladder-names.ts';
import { buildOpenBadgeCredential, signCredential } from './credential.ts';
import { inProgramOrder } from '../../lib/skill-evidence.ts';
import { loadOrCreateIssuerKey, publicJwkAt, publicJwks, type IssuerKey } from './keys.ts';
import { holderIdOf } from '../db/holder-identity.ts';
import { renderCertificatePdf } from './pdf.ts';
import { buildStatusListCredential, DEFAULT_STATUS_LIST_SIZE, encodeStatusList, signStatusListCredential } from './status-list.ts';
import type { JSONWebKeySet, JWK } from 'jose';

const keys = new Map<string, Promise<IssuerKey>>();

/** The issuer key of this DATA_DIR, created on first use and kept in memory after. */
export function issuerKey(app: App): Promise<IssuerKey> {
  let key = keys.get(app.config.dataDir);
  if (!key) {
    key = loadOrCreateIssuerKey(app.config.dataDir);
    keys.set(app.config.dataDir, key);
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

/** Per DATA_DIR and list: the signed list and the state it was signed for. */
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
  const slot = `${app.config.dataDir}|${list}`;
  const state = `${size}|${revoked.join(',')}`;
  const hit = statusCache.get(slot);
  if (hit?.state === state) return hit.jwt;
  const credential = buildStatusListCredential(app.config.publicOrigin, encodeStatusList(revoked, size), Date.now(), list);
  const jwt = await signStatusListCredential(credential, await issuerKey(app), app.config.publicOrigin);
  statusCache.set(slot, { state, jwt });
  return jwt;
}

/** The certificate's PDF: from disk when it was rendered before, else rendered now and stored. */
export async function certificatePdf(app: App, record: CertificateRecord): Promise<Uint8Array> {
  if (record.pdfPath && existsSync(record.pdfPath)) return new Uint8Array(await readFile(record.pdfPath));
  const { certification, program } = await certificateContent(record.program);
  const bytes = await renderCertificatePdf({
    certificateId: record.id,
    learnerName: record.learnerName,
    programTitle: program?.title ?? record.program,
    levelName: certificateTitle(certification, record),
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    verifyUrl: `${app.config.publicOrigin}/verify/${record.id}`,
    scoreSummary: `Overall score ${Math.round(record.score * 100)} %`,
  }, { fontDir: join(app.config.projectRoot, 'assets/fonts') });
  const dir = join(app.config.dataDir, 'certificates');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${record.id}.pdf`);
  // Write then rename, so a crash never leaves a half-written PDF that later requests would serve.
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path);
  await setCertificatePdf(app.db, record.id, path);
  return bytes;
}

/** After a pass: render the PDF in the background so the first download is instant (retried on download). */
export async function afterCertificateIssued(app: App, certificateId: string | undefined): Promise<void> {
  if (!certificateId) return;
  const record = await getCertificate(app.db, certificateId);
  if (record) void certificatePdf(app, record).catch((error: unknown) => console.error('[practicum] certificate PDF failed', error));
}

// The account's own data page (/me/account): downloading everything as one zip, and deleting the
// account (password, an explicit choice for the certificates, a confirmation). A deletion that
// succeeds signs the browser out and lands on /account-deleted; one that is refused shows why.
import type { App } from '../app.ts';
import { requireUser, type SessionUser } from '../auth/roles.ts';
import { certificatesOf } from '../db/certificates.ts';
import { cohortsOwnedBy } from '../db/cohorts.ts';
import { HttpError, readForm } from '../http.ts';
import { SeeOther, type RequestContext } from '../route.ts';
import { certificateStatus, type CertificateStatus } from '../../lib/contracts/certificate-status.ts';
import { certificateTitle } from '../../lib/ladder-names.ts';
import { certificateContent } from '../certificates/content.ts';
import { deleteOwnAccount } from './delete-account.ts';
import { EXPORT_RULE } from './export-limits.ts';

export interface AccountPage {
  user: SessionUser;
  status: number;
  headers: Record<string, string>;
  /** Why a deletion was refused, and the field to fix. */
  error: { message: string; field: string | null } | null;
  /** The choice posted with a refused deletion, kept. */
  choice: string;
  certificates: { id: string; title: string; programTitle: string; status: CertificateStatus }[];
  /** Cohorts the account runs (an instructor cannot delete their account while they run any). */
  ownedCohorts: string[];
  exportsPerHour: number;
}

async function certificateSummaries(app: App, userId: string, now: number): Promise<AccountPage['certificates']> {
  return Promise.all(
    (await certificatesOf(app.db, userId)).map(async (c) => {
      const { certification, program } = await certificateContent(c.program);
      return { id: c.id, title: certificateTitle(certification, c), programTitle: program?.title ?? c.program, status: certificateStatus(c, now) };
    }),
  );
}

/** Signs this browser out (the erasure already ended every session of the account). */
function clearSessionCookie(context: RequestContext, app: App): void {
  const cookie = app.auth.createBlankSessionCookie();
  context.cookies.set(cookie.name, cookie.value, cookie.attributes);
}

export async function accountPage(app: App, context: RequestContext, request: Request, now = Date.now()): Promise<AccountPage | SeeOther> {
  const user = requireUser(context.locals.user);
  let status = 200;
  let headers: Record<string, string> = {};
  let error: AccountPage['error'] = null;
  let choice = '';
  if (request.method === 'POST') {
    try {
      const form = await readForm(request, 8 * 1024);
      choice = form.get('certificates') ?? '';
      const done = await deleteOwnAccount(app, user, { password: form.get('password') ?? '', certificates: form.get('certificates') ?? undefined, confirm: form.get('confirm') }, now);
      clearSessionCookie(context, app);
      const certificates = done.certificatesKept + done.certificatesWithdrawn === 0 ? 'none' : done.choice;
      return new SeeOther(`/account-deleted?certificates=${certificates}`);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      ({ status, headers } = e);
      error = { message: e.message, field: typeof e.details?.['field'] === 'string' ? e.details['field'] : null };
    }
  }
  return {
    user,
    status,
    headers,
    error,
    choice,
    certificates: await certificateSummaries(app, user.id, now),
    ownedCohorts: (await cohortsOwnedBy(app.db, user.id)).map((c) => c.name),
    exportsPerHour: EXPORT_RULE.limit,
  };
}

/** What /account-deleted says became of the certificates (from its ?certificates= parameter). */
export function deletedNotice(param: string | null): 'keep-public' | 'withdraw' | 'none' {
  return param === 'keep-public' || param === 'withdraw' ? param : 'none';
}

// The signed-in account's own data as one zip, streamed (src/server/account/export.ts). Owner only:
// there is no id in the address, so it is always the asker's own data; limited per hour and one at a time.
import { requireUser } from '../../server/auth/roles.ts';
import { exportAccountData } from '../../server/account/export.ts';
import { claimExport } from '../../server/account/export-limits.ts';
import { route } from '../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  const release = await claimExport(app, user);
  let started;
  try {
    started = await exportAccountData(app, user, release);
  } catch (error) {
    await release().catch((releaseError: unknown) => console.error('[practicum] could not release a data export claim (it lapses on its own)', releaseError));
    throw error;
  }
  return new Response(started.stream, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${started.fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
});

// The signed-in account's own data as one zip, streamed (src/server/account/export.ts). Owner only:
// there is no id in the address, so it is always the asker's own data; limited per hour and one at a time.
import { requireUser } from '../../server/auth/roles.ts';
import { exportAccountData } from '../../server/account/export.ts';
import { claimExport } from '../../server/account/export-limits.ts';
import { route } from '../../server/route.ts';

export const GET = route(async (context, app) => {
  const user = requireUser(context.locals.user);
  // the export releases its claim when it ends, or at once when it cannot start
  const started = await exportAccountData(app, user, await claimExport(app, user));
  return new Response(started.stream, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${started.fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
});

// A certificate's share card (og:image of /verify/<id>): a PNG any site may show, behind the same
// unknown-id rate limit as the verification page.
import { shareCard } from '../../../server/certificates/share-card-response.ts';
import { clientKey, route } from '../../../server/route.ts';

export const GET = route((context, app) => shareCard(app, context.params['id'] ?? '', clientKey(context, app)));

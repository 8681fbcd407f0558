// A certification level's badge (achievement.image): program, level and issuer, the same for every holder.
import { levelBadgeSvg } from '../../../server/certificates/badge.ts';
import { svgResponse } from '../../../server/certificates/badge-response.ts';
import { route } from '../../../server/route.ts';

export const GET = route(async (context) =>
  svgResponse(await levelBadgeSvg(context.params['program'] ?? '', context.params['level'] ?? ''), { 'cache-control': 'public, max-age=3600' }),
);

// Which level an API request is about, and whether it renews it: {"level": "<level id>", "renewal": true}
// in a JSON body, the first level and earning it when left out. Unknown levels are a 404 naming the real ones.
import type { Certification } from '../../lib/schemas/certification.ts';
import { HttpError, isRecord } from '../http.ts';
import { requireLevel, type Target } from './attempts.ts';

export function parseTarget(body: unknown, certification: Certification): Target {
  if (body !== undefined && !isRecord(body)) throw new HttpError(400, 'invalid_input', 'Send {"level": "<level id>", "renewal": true | false}, or nothing.');
  const level = body?.['level'] ?? certification.levels[0]?.id;
  const renewal = body?.['renewal'] ?? false;
  if (typeof level !== 'string' || typeof renewal !== 'boolean') throw new HttpError(400, 'invalid_input', '"level" must be a level id and "renewal" true or false.');
  return { level: requireLevel(certification, level).id, purpose: renewal ? 'renew' : 'certify' };
}

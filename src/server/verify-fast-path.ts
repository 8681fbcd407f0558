// Public certificate verification (GET /api/certificates/<id>) answered straight from Node's HTTP
// server, ahead of Astro's request pipeline. It is the platform's hottest public endpoint (anyone,
// any number of times, e.g. an employer's HR system), and Astro's per-request pipeline alone caps a
// 2-core machine near 1,500 requests/s. Same checks, same rate limit, same JSON as the Astro route
// (src/pages/api/certificates/[id]/index.ts, which still serves it under `astro dev`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './app.ts';
import { lookupCertificate } from './certificates/lookup.ts';
import { clientAddressOf } from './client-address.ts';
import { publicCertificate, type CertificateContent } from './certificates/public-view.ts';
import { HttpError } from './http.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

const ROUTE = /^\/api\/certificates\/([^/?#]+)\/?(?:\?.*)?$/;

/** Any site may read the verification JSON (and its errors, with Retry-After), like the JWKS and the status lists. */
export const PUBLIC_READ_CORS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'retry-after',
};

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': status === 200 ? 'no-cache' : 'no-store',
    'cross-origin-resource-policy': 'same-origin',
    ...PUBLIC_READ_CORS,
    ...extra,
  });
  res.end(text);
}

/**
 * Returns a handler that says at once whether a request is a verification request, and if so
 * answers it (the certificate is read asynchronously, the answer follows).
 */
export function createVerifyFastPath(app: App, contentOf: (program: string) => CertificateContent): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const match = ROUTE.exec(req.url ?? '');
    if (!match) return false;
    void answer(app, contentOf, match[1] ?? '', req, res);
    return true;
  };
}

async function answer(app: App, contentOf: (program: string) => CertificateContent, raw: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    send(res, 400, { error: { code: 'bad_request', message: 'The certificate id is not valid URL text.' } });
    return;
  }
  try {
    // the same client address as the Astro route's clientKey, through the deployment's own proxies
    const forwardedFor = req.headers['x-forwarded-for'];
    const client = clientAddressOf(req.socket.remoteAddress ?? 'unknown', Array.isArray(forwardedFor) ? forwardedFor.join(', ') : (forwardedFor ?? null), app.config.trustedProxyHops);
    const record = await lookupCertificate(app, id, client);
    send(res, 200, publicCertificate(record, contentOf(record.program), app.config.publicOrigin));
  } catch (error) {
    if (!(error instanceof HttpError)) {
      console.error('[practicum] verification failed', error);
      send(res, 500, { error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
    } else {
      send(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
    }
  }
}

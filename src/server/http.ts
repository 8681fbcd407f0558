// JSON responses, typed HTTP errors and size-limited body reading shared by every API route.
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, opts: { headers?: Record<string, string>; details?: Record<string, unknown> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = opts.headers ?? {};
    this.details = opts.details;
  }
}

export const MAX_JSON_BYTES = 256 * 1024;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** SQLite's "database or disk is full", PostgreSQL's disk_full (53100), or the file system's ENOSPC. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC';
}

/** A failed write for lack of space is a 507 the client can retry, not a crash. */
export const STORAGE_FULL = (): HttpError =>
  new HttpError(507, 'storage_full', 'The server ran out of storage while saving this. Nothing was lost on your side; please try again in a moment.', {
    headers: { 'retry-after': '30' },
  });

export function errorResponse(error: unknown): Response {
  if (isDiskFull(error)) {
    console.error('[practicum] a write failed: the disk is full', error);
    error = STORAGE_FULL();
  }
  if (error instanceof HttpError) {
    return json({ error: { code: error.code, message: error.message, ...error.details } }, error.status, error.headers);
  }
  console.error('[practicum] unexpected error', error);
  return json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, 500);
}

/** Reads a request body's bytes, refusing more than `limit` (413) whatever Content-Length claims. */
export async function readBodyBytes(request: Request, limit = MAX_JSON_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a request body as text, refusing more than `limit` bytes (413) whatever Content-Length claims. */
export async function readBodyText(request: Request, limit = MAX_JSON_BYTES): Promise<string> {
  return (await readBodyBytes(request, limit)).toString('utf8');
}

export async function readJson(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const text = await readBodyText(request, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

/** A JSON body that may be left out (undefined when empty); `expected` says what to send, for the 400 on anything else. */
export async function readOptionalJson(request: Request, limit: number, expected: string): Promise<unknown> {
  const text = (await readBodyText(request, limit)).trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', `The request body is not valid JSON; send ${expected}.`);
  }
}

/** Reads an HTML form post with the same size limit. */
export async function readForm(request: Request, limit = 64 * 1024): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await readBodyText(request, limit));
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KB.`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

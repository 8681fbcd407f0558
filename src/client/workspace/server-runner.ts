// Talks to the server grader: "Run tests" on the server (visible tests only, nothing stored) and
// "Submit" (the authoritative grade). HTTP failures become RequestErrors with the server's message
// and what the learner can do about it.
import { isGradeResult, type GradeResult } from '../../lib/grade-result.ts';
import type { FileMap } from './files.ts';
import type { ShownResult, SubmissionAllowance } from '../../lib/contracts/exercise-view.ts';
import type { ReviewFinding } from '../../lib/contracts/review-finding.ts';
import { throwIfAborted, type TestRunner } from './runner.ts';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** A request the server refused or could not answer; `status` 0 means the network failed. */
export class RequestError extends Error {
  readonly status: number;
  readonly retryAfterSeconds: number | null;
  /** The server's error code (e.g. "submissions_used_up"), when it sent one. */
  readonly code: string | null;
  constructor(status: number, message: string, retryAfterSeconds: number | null = null, code: string | null = null) {
    super(message);
    this.name = 'RequestError';
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.code = code;
  }
}

/** What "Submit" answers: the result as shown to the learner, and inside an attempt the task's allowance. */
export type SubmittedResult = ShownResult & { id?: string; submissions?: SubmissionAllowance };

function fallbackMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Sign in to run and submit your code.';
    case 403:
      return 'You cannot do this here.';
    case 404:
      return 'This exercise no longer exists.';
    case 409:
      return 'This certification attempt is closed.';
    case 413:
      return 'Your files are too large to send.';
    case 429:
      return 'The grader is busy. Try again in a moment.';
    default:
      return `The server could not grade this (HTTP ${status}).`;
  }
}

/** POSTs JSON and returns the GradeResult, or throws a RequestError (AbortError passes through). */
export async function postForResult(fetchImpl: Fetch, url: string, body: unknown, signal: AbortSignal): Promise<GradeResult & { id?: string }> {
  throwIfAborted(signal);
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RequestError(0, 'Could not reach the server. Check your connection and try again.');
  }
  const payload = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (payload as { error?: { message?: unknown; code?: unknown } } | null)?.error;
    const retry = Number(res.headers.get('retry-after'));
    throw new RequestError(
      res.status,
      typeof error?.message === 'string' ? error.message : fallbackMessage(res.status),
      Number.isFinite(retry) && retry > 0 ? retry : null,
      typeof error?.code === 'string' ? error.code : null,
    );
  }
  if (!isGradeResult(payload)) throw new RequestError(res.status, 'The server sent a result this page does not understand.');
  return payload;
}

/** "Run tests" on the server: the visible tests in the grader's sandbox. */
export function createServerRunner(opts: { runUrl: string; fetch?: Fetch }): TestRunner {
  const fetchImpl: Fetch = opts.fetch ?? ((input, init) => fetch(input, init));
  return {
    kind: 'server',
    async run(files: FileMap, signal, onEvent) {
      onEvent({ type: 'phase', phase: 'running', message: 'Running the visible tests on the server…' });
      onEvent({ type: 'progress', phase: 'running', fraction: null });
      const result = await postForResult(fetchImpl, opts.runUrl, { files }, signal);
      onEvent({ type: 'progress', phase: 'running', fraction: 1 });
      return result;
    },
  };
}

/** "Submit": the graded, stored submission that earns credit. */
export function submitToServer(
  opts: { submitUrl: string; fetch?: Fetch },
  body: { files: FileMap } | { findings: ReviewFinding[] },
  signal: AbortSignal,
): Promise<SubmittedResult> {
  const fetchImpl: Fetch = opts.fetch ?? ((input, init) => fetch(input, init));
  return postForResult(fetchImpl, opts.submitUrl, body, signal);
}

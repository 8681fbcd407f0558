// The one interface every way of running tests implements, and the events a run reports while it
// works (phases, install progress, terminal output). Pure types and helpers.
import type { GradeResult } from '../../lib/grade-result.ts';
import type { FileMap } from './files.ts';

export type RunPhase = 'booting' | 'mounting' | 'installing' | 'running' | 'grading';

export type RunEvent =
  | { type: 'phase'; phase: RunPhase; message: string }
  /** fraction in 0..1, or null while the amount of work is unknown. */
  | { type: 'progress'; phase: RunPhase; fraction: number | null }
  | { type: 'output'; text: string };

export type RunEventListener = (event: RunEvent) => void;

export interface TestRunner {
  readonly kind: 'webcontainer' | 'server';
  /** Runs the visible tests against `files` (editable paths → text). Rejects with an AbortError when `signal` aborts. */
  run(files: FileMap, signal: AbortSignal, onEvent: RunEventListener): Promise<GradeResult>;
}

/** The rejection a cancelled run ends with (same name fetch uses, so callers check one thing). */
export function abortError(): DOMException {
  return new DOMException('The run was cancelled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

// Autosave of the learner's files: every change goes to localStorage at once, then (debounced) to the
// server draft for signed-in learners, so a reload or another device restores the work. On load
// the newer of the local and the server copy wins. No DOM here: storage, clock and HTTP are injected.
import { overlayEditable, sameFiles, type FileMap } from './files.ts';
import type { Fetch } from './server-runner.ts';

export interface DraftSnapshot {
  files: FileMap;
  /** ISO timestamp of the last change. */
  updatedAt: string;
}

export type DraftSource = 'starter' | 'local' | 'server';

export interface InitialDraft {
  files: FileMap;
  source: DraftSource;
  updatedAt: string | null;
}

function time(snapshot: DraftSnapshot | null): number {
  const t = snapshot ? Date.parse(snapshot.updatedAt) : Number.NaN;
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}

/**
 * The files to open with: the newest of the local and server drafts (overlaid on the starter so
 * files the exercise no longer has are dropped), else the starter. On a tie the local copy wins:
 * it is this device's own.
 */
export function chooseInitialDraft(starter: FileMap, local: DraftSnapshot | null, server: DraftSnapshot | null): InitialDraft {
  const localTime = time(local);
  const serverTime = time(server);
  if (local && localTime !== Number.NEGATIVE_INFINITY && localTime >= serverTime) {
    return { files: overlayEditable(starter, local.files), source: 'local', updatedAt: local.updatedAt };
  }
  if (server && serverTime !== Number.NEGATIVE_INFINITY) {
    return { files: overlayEditable(starter, server.files), source: 'server', updatedAt: server.updatedAt };
  }
  return { files: { ...starter }, source: 'starter', updatedAt: null };
}

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readLocalDraft(storage: DraftStorage | null, key: string): DraftSnapshot | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<DraftSnapshot>;
    if (typeof parsed.updatedAt !== 'string' || typeof parsed.files !== 'object' || parsed.files === null) return null;
    const files = Object.fromEntries(Object.entries(parsed.files).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { files, updatedAt: parsed.updatedAt };
  } catch {
    return null; // storage disabled or a corrupt entry: start from the server copy or the starter
  }
}

/** Where the server copy lives. `save` resolves 'signed-out' when the server says 401. */
export interface DraftRemote {
  save(files: FileMap): Promise<'saved' | 'signed-out'>;
  remove(): Promise<void>;
}

export function httpDraftRemote(url: string, fetchImpl: Fetch = (input, init) => fetch(input, init)): DraftRemote {
  return {
    async save(files) {
      const res = await fetchImpl(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ files }),
        credentials: 'same-origin',
      });
      if (res.status === 401) return 'signed-out';
      if (!res.ok) {
        // The server says why (too many saves a minute, storage quota); the local copy is kept either way.
        const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
        const reason = typeof body?.error?.message === 'string' ? body.error.message : `the server refused the draft (HTTP ${res.status})`;
        throw new Error(reason);
      }
      return 'saved';
    },
    async remove() {
      const res = await fetchImpl(url, { method: 'DELETE', credentials: 'same-origin' });
      if (!res.ok && res.status !== 401) throw new Error(`the server kept the draft (HTTP ${res.status})`);
    },
  };
}

export type SaveState = 'saved-locally' | 'saving' | 'saved' | 'local-only' | 'failed';

export interface DraftStoreOptions {
  key: string;
  storage: DraftStorage | null;
  /** null for signed-out learners: local copy only. */
  remote: DraftRemote | null;
  remoteDelayMs?: number;
  now?: () => number;
  onState?: (state: SaveState, detail?: string) => void;
}

export interface DraftStore {
  /** Records a change: local copy now, server copy after a pause in typing. */
  update(files: FileMap): void;
  /** Sends the latest files to the server now (Ctrl/Cmd+S). */
  flush(): Promise<void>;
  /** Forgets both copies (reset to starter). */
  clear(): Promise<void>;
}

export function createDraftStore(opts: DraftStoreOptions): DraftStore {
  const now = opts.now ?? (() => Date.now());
  const delay = opts.remoteDelayMs ?? 1500;
  let remote = opts.remote;
  let pending: FileMap | null = null;
  let lastSent: FileMap | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();

  const push = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    chain = chain.then(async () => {
      const files = pending;
      pending = null;
      if (!files || !remote || (lastSent && sameFiles(lastSent, files))) return;
      opts.onState?.('saving');
      try {
        const outcome = await remote.save(files);
        if (outcome === 'signed-out') {
          remote = null; // stop trying; the local copy still protects the work
          opts.onState?.('local-only', 'Signed out: your draft is kept in this browser only.');
          return;
        }
        lastSent = files;
        opts.onState?.('saved');
      } catch (error) {
        pending ??= files; // retried with the next change or save
        opts.onState?.('failed', error instanceof Error ? error.message : String(error));
      }
    });
    return chain;
  };

  return {
    update(files) {
      try {
        opts.storage?.setItem(opts.key, JSON.stringify({ files, updatedAt: new Date(now()).toISOString() } satisfies DraftSnapshot));
      } catch {
        // quota or disabled storage: the server copy is the only one
      }
      opts.onState?.(remote ? 'saved-locally' : 'local-only');
      if (!remote) return;
      pending = files;
      clearTimeout(timer);
      timer = setTimeout(() => void push(), delay);
    },
    flush: push,
    async clear() {
      clearTimeout(timer);
      timer = undefined;
      pending = null;
      lastSent = null;
      try {
        opts.storage?.removeItem(opts.key);
      } catch {
        // nothing stored
      }
      await chain;
      await remote?.remove();
    },
  };
}

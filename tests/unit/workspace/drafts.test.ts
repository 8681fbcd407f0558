// Drafts: which copy wins on load, and the local-first, debounced server autosave.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseInitialDraft, createDraftStore, readLocalDraft, type DraftRemote, type DraftStorage, type SaveState } from '../../../src/client/workspace/drafts.ts';

class MemoryStorage implements DraftStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

const starter = { 'src/project.ts': 'starter', 'src/other.ts': 'other starter' };

describe('chooseInitialDraft', () => {
  it('opens the starter when there is no draft', () => {
    expect(chooseInitialDraft(starter, null, null)).toEqual({ files: starter, source: 'starter', updatedAt: null });
  });

  it('prefers the newer of the local and server copies', () => {
    const local = { files: { 'src/project.ts': 'local' }, updatedAt: '2026-01-01T10:00:00.000Z' };
    const server = { files: { 'src/project.ts': 'server' }, updatedAt: '2026-01-01T11:00:00.000Z' };
    expect(chooseInitialDraft(starter, local, server)).toMatchObject({ source: 'server', files: { 'src/project.ts': 'server', 'src/other.ts': 'other starter' } });
    expect(chooseInitialDraft(starter, { ...local, updatedAt: '2026-01-01T12:00:00.000Z' }, server)).toMatchObject({ source: 'local', files: { 'src/project.ts': 'local' } });
  });

  it('keeps the local copy on a tie and ignores undated or unknown files', () => {
    const at = '2026-01-01T10:00:00.000Z';
    expect(chooseInitialDraft(starter, { files: { 'src/project.ts': 'l' }, updatedAt: at }, { files: { 'src/project.ts': 's' }, updatedAt: at }).source).toBe('local');
    expect(chooseInitialDraft(starter, { files: { 'src/project.ts': 'l' }, updatedAt: 'not a date' }, null).source).toBe('starter');
    const chosen = chooseInitialDraft(starter, null, { files: { 'src/gone.ts': 'x', 'src/project.ts': 's' }, updatedAt: at });
    expect(Object.keys(chosen.files).sort()).toEqual(['src/other.ts', 'src/project.ts']);
  });
});

describe('readLocalDraft', () => {
  it('reads a stored snapshot and rejects corrupt entries', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', JSON.stringify({ files: { 'src/a.ts': 'a', bad: 3 }, updatedAt: '2026-01-01T00:00:00.000Z' }));
    expect(readLocalDraft(storage, 'k')).toEqual({ files: { 'src/a.ts': 'a' }, updatedAt: '2026-01-01T00:00:00.000Z' });
    storage.setItem('k', '{not json');
    expect(readLocalDraft(storage, 'k')).toBeNull();
    expect(readLocalDraft(null, 'k')).toBeNull();
  });
});

describe('draft store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function remoteSpy(outcome: 'saved' | 'signed-out' | 'throw' = 'saved') {
    const saves: Record<string, string>[] = [];
    let removes = 0;
    const remote: DraftRemote = {
      async save(files) {
        saves.push(files);
        if (outcome === 'throw') throw new Error('offline');
        return outcome;
      },
      async remove() {
        removes += 1;
      },
    };
    return { remote, saves, removes: () => removes };
  }

  it('writes locally at once and to the server once after typing pauses', async () => {
    const storage = new MemoryStorage();
    const { remote, saves } = remoteSpy();
    const states: SaveState[] = [];
    const store = createDraftStore({ key: 'd', storage, remote, remoteDelayMs: 1000, now: () => Date.parse('2026-02-01T08:00:00Z'), onState: (s) => states.push(s) });
    store.update({ 'src/project.ts': 'a' });
    store.update({ 'src/project.ts': 'ab' });
    expect(readLocalDraft(storage, 'd')).toEqual({ files: { 'src/project.ts': 'ab' }, updatedAt: '2026-02-01T08:00:00.000Z' });
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([{ 'src/project.ts': 'ab' }]);
    expect(states.at(-1)).toBe('saved');
    await store.flush();
    expect(saves).toHaveLength(1); // nothing new to send
  });

  it('flush sends immediately (Ctrl/Cmd+S)', async () => {
    const { remote, saves } = remoteSpy();
    const store = createDraftStore({ key: 'd', storage: new MemoryStorage(), remote, remoteDelayMs: 60_000 });
    store.update({ 'src/project.ts': 'x' });
    await store.flush();
    expect(saves).toEqual([{ 'src/project.ts': 'x' }]);
  });

  it('stops server saves after a 401 and keeps the local copy', async () => {
    const storage = new MemoryStorage();
    const { remote, saves } = remoteSpy('signed-out');
    const states: SaveState[] = [];
    const store = createDraftStore({ key: 'd', storage, remote, onState: (s) => states.push(s) });
    store.update({ 'src/project.ts': 'one' });
    await store.flush();
    store.update({ 'src/project.ts': 'two' });
    await store.flush();
    expect(saves).toHaveLength(1);
    expect(states).toContain('local-only');
    expect(readLocalDraft(storage, 'd')?.files).toEqual({ 'src/project.ts': 'two' });
  });

  it('retries a failed server save on the next flush', async () => {
    const { remote, saves } = remoteSpy('throw');
    const states: SaveState[] = [];
    const store = createDraftStore({ key: 'd', storage: new MemoryStorage(), remote, onState: (s) => states.push(s) });
    store.update({ 'src/project.ts': 'x' });
    await store.flush();
    await store.flush();
    expect(saves).toHaveLength(2);
    expect(states.at(-1)).toBe('failed');
  });

  it('clear forgets both copies and cancels a pending save', async () => {
    const storage = new MemoryStorage();
    const spy = remoteSpy();
    const store = createDraftStore({ key: 'd', storage, remote: spy.remote, remoteDelayMs: 1000 });
    store.update({ 'src/project.ts': 'x' });
    await store.clear();
    await vi.advanceTimersByTimeAsync(2000);
    expect(storage.getItem('d')).toBeNull();
    expect(spy.saves).toHaveLength(0);
    expect(spy.removes()).toBe(1);
  });

  it('signed-out learners keep a local copy only', async () => {
    const storage = new MemoryStorage();
    const states: SaveState[] = [];
    const store = createDraftStore({ key: 'd', storage, remote: null, onState: (s) => states.push(s) });
    store.update({ 'src/project.ts': 'x' });
    await store.flush();
    expect(states).toEqual(['local-only']);
    expect(readLocalDraft(storage, 'd')?.files).toEqual({ 'src/project.ts': 'x' });
  });
});

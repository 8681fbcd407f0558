// Right: load() goes through loadMany(); update() retries recursively with the attempts left, catching only ConcurrencyError from the save.
import { ConcurrencyError, NotFoundError } from '@practicum/reference';
import type { NoteRepository } from './shared-store.ts';
import { Note, type NoteProps } from './note.ts';
import type { NodeClock } from './node-clock.ts';

export const DEFAULT_MAX_ATTEMPTS = 3;

export class ClusterNode {
  readonly #repository: NoteRepository;
  readonly #clock: NodeClock;

  constructor(repository: NoteRepository, clock: NodeClock) {
    this.#repository = repository;
    this.#clock = clock;
  }

  async load(id: string): Promise<Note | null> {
    const [note] = await this.loadMany([id]);
    return note ?? null;
  }

  async loadMany(ids: readonly string[]): Promise<Note[]> {
    const notes = await this.#repository.findByIds(ids);
    notes.forEach((note) => this.#clock.observe(note.updatedAt));
    return notes;
  }

  async changesSince(since: Date | string): Promise<Note[]> {
    const notes = await this.#repository.findUpdatedSince(since);
    notes.forEach((note) => this.#clock.observe(note.updatedAt));
    return notes;
  }

  async create(props: NoteProps): Promise<Note> {
    const note = new Note(props, { clock: this.#clock });
    await this.#repository.save(note);
    return note;
  }

  async update(id: string, change: (note: Note) => void | Promise<void>, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): Promise<Note> {
    if (!Number.isSafeInteger(maxAttempts) || maxAttempts <= 0) throw new RangeError(`maxAttempts ${maxAttempts}`);
    const note = await this.load(id);
    if (!note) throw new NotFoundError(id);
    await change(note);
    let saveError: unknown = null;
    await this.#repository.save(note).catch((error: unknown) => {
      saveError = error;
    });
    if (saveError === null) return note;
    if (saveError instanceof ConcurrencyError && maxAttempts > 1) return this.update(id, change, maxAttempts - 1);
    throw saveError;
  }
}

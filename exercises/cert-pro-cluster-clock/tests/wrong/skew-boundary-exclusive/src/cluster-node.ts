// Wrong: an instant exactly maxSkewMs ahead is refused (>= instead of >). (this file is unchanged)
// One node of the cluster: the way its application code reads, creates and changes shared notes.
// Every instant it reads from the shared store is observed by the node's clock before the note is
// handed out (so whatever the node writes next is stamped after it), and an update that lost a race
// with another node is redone on a fresh copy, a bounded number of times, so no write is lost.
import { ConcurrencyError, NotFoundError } from '@practicum/reference';
import type { NoteRepository } from './shared-store.ts';
import { Note, type NoteProps } from './note.ts';
import type { NodeClock } from './node-clock.ts';

export const DEFAULT_MAX_ATTEMPTS = 3;

export class ClusterNode {
  readonly #repository: NoteRepository;
  readonly #clock: NodeClock;

  /** `repository` was built with `clock` as its clock, so every note it hands out is stamped by it. */
  constructor(repository: NoteRepository, clock: NodeClock) {
    this.#repository = repository;
    this.#clock = clock;
  }

  /** The note with this id, or null. */
  async load(id: string): Promise<Note | null> {
    const note = await this.#repository.findById(id);
    if (note !== null) this.#observe([note]);
    return note;
  }

  /** The notes with these ids that exist. */
  async loadMany(ids: readonly string[]): Promise<Note[]> {
    return this.#observe(await this.#repository.findByIds(ids));
  }

  /** Notes updated strictly after `since`. */
  async changesSince(since: Date | string): Promise<Note[]> {
    return this.#observe(await this.#repository.findUpdatedSince(since));
  }

  /** Creates a note on this node and saves it. */
  async create(props: NoteProps): Promise<Note> {
    const note = new Note(props, { clock: this.#clock });
    await this.#repository.save(note);
    return note;
  }

  /** Loads the note, applies `change` to it and saves it; returns the saved note. */
  async update(id: string, change: (note: Note) => void | Promise<void>, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): Promise<Note> {
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be a whole number of at least 1, got ${String(maxAttempts)}`);
    }
    for (let attempt = 1; ; attempt += 1) {
      // A fresh copy every time: the stale one carries the version the store no longer has.
      const note = await this.load(id);
      if (note === null) throw new NotFoundError(`No note with id "${id}"`);
      await change(note);
      try {
        await this.#repository.save(note);
        return note;
      } catch (error) {
        // Only a lost race is worth redoing; anything else would fail the same way again.
        if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  /** Observes every note's updatedAt (createdAt is never later), then hands the notes on. */
  #observe(notes: Note[]): Note[] {
    for (const note of notes) this.#clock.observe(note.updatedAt);
    return notes;
  }
}

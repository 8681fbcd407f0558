// One node of the cluster: the way its application code reads, creates and changes shared notes.
// Today it hands everything straight to the repository.
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
    return this.#repository.findById(id);
  }

  /** The notes with these ids that exist. */
  async loadMany(ids: readonly string[]): Promise<Note[]> {
    return this.#repository.findByIds(ids);
  }

  /** Notes updated strictly after `since`. */
  async changesSince(since: Date | string): Promise<Note[]> {
    return this.#repository.findUpdatedSince(since);
  }

  /** Creates a note on this node and saves it. */
  async create(props: NoteProps): Promise<Note> {
    const note = new Note(props, { clock: this.#clock });
    await this.#repository.save(note);
    return note;
  }

  /** Loads the note, applies `change` to it and saves it; returns the saved note. */
  async update(id: string, change: (note: Note) => void | Promise<void>, maxAttempts: number = DEFAULT_MAX_ATTEMPTS): Promise<Note> {
    void maxAttempts;
    const note = await this.#repository.getById(id);
    await change(note);
    await this.#repository.save(note);
    return note;
  }
}

// The database every node of the cluster shares, and one node's repository over it (read-only).
// The store keeps rows, not objects: every read hands out fresh Note objects, stamped from then on
// by the clock the node's repository was given. save() and bulkSave() refuse a copy whose stored
// version changed since it was loaded (optimistic concurrency) with ConcurrencyError.
import { TimestampRepository, type RepositoryDeps } from '@practicum/reference';
import { Note } from './note.ts';

export interface NoteRow {
  id: string;
  text: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds: the row's version. */
  updatedAt: number;
}

export class SharedStore {
  readonly #rows = new Map<string, NoteRow>();

  get(id: string): NoteRow | undefined {
    const row = this.#rows.get(id);
    return row ? { ...row } : undefined;
  }

  all(): NoteRow[] {
    return [...this.#rows.values()].map((row) => ({ ...row }));
  }

  /** Writes a row as it is (migrations, repairs, tests). */
  put(row: NoteRow): void {
    this.#rows.set(row.id, { ...row });
  }
}

export class NoteRepository extends TimestampRepository<Note> {
  readonly #store: SharedStore;

  constructor(store: SharedStore, deps: RepositoryDeps) {
    super(deps);
    this.#store = store;
  }

  protected async loadOne(id: string): Promise<Note | null> {
    const row = this.#store.get(id);
    return row ? this.#hydrate(row) : null;
  }

  protected async loadMany(ids: readonly string[]): Promise<Note[]> {
    return ids.flatMap((id) => {
      const row = this.#store.get(id);
      return row ? [this.#hydrate(row)] : [];
    });
  }

  protected async loadUpdatedSince(since: Date): Promise<Note[]> {
    return this.#store
      .all()
      .filter((row) => row.updatedAt > since.getTime())
      .sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : 1))
      .map((row) => this.#hydrate(row));
  }

  protected async storedVersion(id: string): Promise<Date | null> {
    const row = this.#store.get(id);
    return row ? new Date(row.updatedAt) : null;
  }

  protected async persist(entity: Note): Promise<void> {
    this.#write(entity);
  }

  protected async persistMany(entities: readonly Note[]): Promise<void> {
    for (const entity of entities) this.#write(entity);
  }

  #hydrate(row: NoteRow): Note {
    return new Note({ id: row.id, text: row.text }, { clock: this.clock, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) });
  }

  #write(note: Note): void {
    this.#store.put({ id: note.id, text: note.text, createdAt: note.createdAt.getTime(), updatedAt: note.updatedAt.getTime() });
  }
}

// Where the catalogue import records how far it got (read-only): the number of rows, counted from
// the start of the source, that are committed — stored and published. A run resumes there.

export interface CheckpointStore {
  /** Rows of the source committed so far: 0 when nothing was. */
  load(): Promise<number>;
  /** Records that the first `rows` rows of the source are committed. */
  save(rows: number): Promise<void>;
}

/** A checkpoint kept in memory (tests, local runs). */
export class InMemoryCheckpointStore implements CheckpointStore {
  #rows = 0;

  async load(): Promise<number> {
    return this.#rows;
  }

  async save(rows: number): Promise<void> {
    this.#rows = rows;
  }
}

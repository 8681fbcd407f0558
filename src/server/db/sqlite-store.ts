// The Store over one better-sqlite3 connection: the embedded default. Statements run synchronously
// and hand back settled promises, except while a transaction holds the connection: then they queue
// (first come, first served) behind it, so another request's statement never lands inside someone
// else's transaction. A transaction is BEGIN IMMEDIATE … COMMIT around an async function; a nested
// one is a SAVEPOINT.
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Param, RunResult, Store, TransactionOptions } from './store.ts';

/** Dynamic SQL (IN lists of varying length) must not grow the cache without bound. */
const MAX_CACHED_STATEMENTS = 1000;

const ENDED = 'This transaction has already ended: a statement ran on its store after the transaction function returned.';

/** First-come, first-served mutual exclusion; release hands the lock straight to the next waiter. */
class Gate {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  get held(): boolean {
    return this.#held;
  }

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

interface Connection {
  db: Database.Database;
  statements: Map<string, Database.Statement>;
  savepoints: number;
}

/** The transaction whose function is running in the current async context, if any. */
const inside = new AsyncLocalStorage<SqliteStore>();

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly #connection: Connection;
  /** Held by a transaction (or savepoint) opened on this store while its function runs. */
  readonly #gate = new Gate();
  /** The store this transaction was opened on; undefined for the connection's own store. */
  readonly #parent: SqliteStore | undefined;
  #finished = false;

  constructor(connection: Connection, parent?: SqliteStore) {
    this.#connection = connection;
    this.#parent = parent;
  }

  get<T = Record<string, unknown>>(sql: string, ...params: Param[]): Promise<T | undefined> {
    return this.#statement(sql, (s) => s.get(...params) as T | undefined);
  }

  all<T = Record<string, unknown>>(sql: string, ...params: Param[]): Promise<T[]> {
    return this.#statement(sql, (s) => s.all(...params) as T[]);
  }

  run(sql: string, ...params: Param[]): Promise<RunResult> {
    return this.#statement(sql, (s) => ({ changes: s.run(...params).changes }));
  }

  exec(sql: string): Promise<void> {
    return this.#when(() => {
      this.#connection.db.exec(sql);
    });
  }

  /**
   * fn must use the store it is given. Using this store (the outer one) from inside fn would wait
   * for the transaction that is waiting for it: that is refused with an error rather than hanging.
   */
  // options.queueOn: one writer at a time already (BEGIN IMMEDIATE), so nothing to queue
  async transaction<T>(fn: (tx: Store) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    if (this.#finished) throw new Error(ENDED);
    this.#refuseSelfWait();
    await this.#gate.acquire();
    const tx = new SqliteStore(this.#connection, this);
    const { db } = this.#connection;
    const savepoint = this.#parent ? `sp${++this.#connection.savepoints}` : undefined;
    try {
      db.exec(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE');
      let result: T;
      try {
        result = await inside.run(tx, () => fn(tx));
        // A nested transaction fn started without awaiting it holds tx's gate: it ends before this commits.
        await tx.#gate.acquire();
      } catch (error) {
        tx.#finished = true;
        this.#undo(savepoint);
        throw error;
      }
      tx.#finished = true;
      try {
        db.exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT');
      } catch (error) {
        // A failed COMMIT (a deferred constraint, a full disk) leaves the transaction open.
        this.#undo(savepoint);
        throw error;
      }
      return result;
    } finally {
      tx.#finished = true;
      this.#gate.release();
    }
  }

  #undo(savepoint: string | undefined): void {
    const { db } = this.#connection;
    // SQLite may already have rolled the whole transaction back itself (SQLITE_FULL, SQLITE_IOERR).
    if (!db.inTransaction) return;
    db.exec(savepoint ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
  }

  close(): Promise<void> {
    this.#connection.statements.clear();
    this.#connection.db.close();
    return Promise.resolve();
  }

  /** The underlying connection, for pragmas and tests that need SQLite itself. */
  get connection(): Database.Database {
    return this.#connection.db;
  }

  #statement<R>(sql: string, use: (statement: Database.Statement) => R): Promise<R> {
    return this.#when(() => use(this.#prepared(sql)));
  }

  /** Runs work now when nothing holds this store, else after whatever does, in arrival order. */
  #when<R>(work: () => R): Promise<R> {
    if (this.#finished) return Promise.reject(new Error(ENDED));
    if (!this.#gate.held) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    try {
      this.#refuseSelfWait();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#gate.acquire().then(() => {
      try {
        this.#assertOpen();
        return work();
      } finally {
        this.#gate.release();
      }
    });
  }

  #assertOpen(): void {
    if (this.#finished) throw new Error(ENDED);
  }

  /** Inside one of this store's own transactions, waiting for this store would wait forever. */
  #refuseSelfWait(): void {
    for (let tx = inside.getStore(); tx; tx = tx.#parent) {
      if (tx.#parent === this && !tx.#finished) {
        throw new Error('A statement or transaction used the outer store inside one of its transactions: pass the transaction store (tx) down instead.');
      }
    }
  }

  #prepared(sql: string): Database.Statement {
    const { statements, db } = this.#connection;
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }
}

export type { SqliteStore };

/**
 * Opens (creating when missing) the SQLite file with the pragmas every connection uses. A read-only
 * connection (an export's snapshot) needs the file to exist and leaves the journal settings alone.
 */
export function openSqliteStore(file: string, options: { readonly?: boolean } = {}): SqliteStore {
  if (options.readonly) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return new SqliteStore({ db, statements: new Map(), savepoints: 0 });
  }
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return new SqliteStore({ db, statements: new Map(), savepoints: 0 });
}

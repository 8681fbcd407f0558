// The data-access seam every domain module goes through: one set of SQL, written in the subset
// SQLite and PostgreSQL share, run by either engine. Statements use `?` placeholders; the
// PostgreSQL store numbers them. Where the engines differ (a function name, an aggregate) a
// module asks `store.dialect`, never by sniffing errors.
export type Dialect = 'sqlite' | 'postgres';

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

export type Param = string | number | bigint | null | Uint8Array;

export interface TransactionOptions {
  /**
   * Names of the hot spots this transaction reads and then writes (one address's sign-in attempts, say).
   * Transactions naming the same key run one after another instead of all at once: on PostgreSQL a
   * burst of them would otherwise mostly end in serialization failures and retries. SQLite already
   * runs one writer at a time, so there it changes nothing. Only the outermost transaction's keys count.
   */
  queueOn?: readonly string[];
}

export interface Store {
  readonly dialect: Dialect;
  /** The first row, or undefined when there is none. */
  get<T = Record<string, unknown>>(sql: string, ...params: Param[]): Promise<T | undefined>;
  all<T = Record<string, unknown>>(sql: string, ...params: Param[]): Promise<T[]>;
  run(sql: string, ...params: Param[]): Promise<RunResult>;
  /** Several statements without parameters, in one round trip (migrations, fixtures). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn inside one transaction and commits when it resolves, rolls back when it throws.
   * fn must use the store it is given, not the outer one: on PostgreSQL that is another
   * connection, on SQLite the outer store waits until the transaction ends. A nested call
   * becomes a savepoint.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

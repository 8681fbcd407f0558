// The Store on PostgreSQL (node-postgres pool). It numbers the `?` placeholders the shared SQL is
// written with, reads BIGINT and NUMERIC as numbers (epoch milliseconds and counts, as SQLite gives
// them), and runs transactions SERIALIZABLE, retrying a conflict, so a read-then-write section is as
// safe as it is on SQLite, where one writer runs at a time.
import pg from 'pg';
import type { Param, RunResult, Store, TransactionOptions } from './store.ts';

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
const MAX_ATTEMPTS = 12;
/** The longest pause before a retry; the pause is random below min(this, 4 ms × 2^attempt). */
const MAX_BACKOFF_MS = 250;

/** `?` → `$1, $2…`, leaving quoted strings, quoted identifiers, dollar-quoted bodies and comments alone. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      const end = closing(sql, i + 1, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '$' && /[A-Za-z_$]/.test(next ?? '') && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? sql.length : end + tag[0].length;
        out += sql.slice(i, stop);
        i = stop;
      } else {
        out += c;
        i++;
      }
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function closing(sql: string, from: number, quote: string): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

const numbered = new Map<string, string>();
function text(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    out = numberPlaceholders(sql);
    if (numbered.size > 5000) numbered.clear();
    numbered.set(sql, out);
  }
  return out;
}

function safeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) && Number.isInteger(n)) throw new RangeError(`a BIGINT value ${value} is beyond the numbers this application stores`);
  return n;
}

/** Type parsers for this pool only: BIGINT (20), NUMERIC (1700) as numbers; everything else as pg does. */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20) return safeNumber;
    if (oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * In-process turns per key, first come first served: the transactions of one process that queue on a
 * key wait here, without a connection, so a burst holds one pooled connection per key (waiting on the
 * advisory lock other processes may hold), not the whole pool.
 */
class Turns {
  readonly #tails = new Map<string, Promise<void>>();

  async take(key: string): Promise<() => void> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = before.then(() => mine);
    this.#tails.set(key, tail);
    await before;
    return () => {
      done();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
  }
}
const turnsOf = new WeakMap<pg.Pool, Turns>();

function params(values: Param[]): unknown[] {
  return values.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v));
}

class PgStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly on: Queryable;
  private readonly pool: pg.Pool | undefined;
  private readonly depth: number;
  constructor(on: Queryable, pool: pg.Pool | undefined, depth: number) {
    this.on = on;
    this.pool = pool;
    this.depth = depth;
  }

  async get<T>(sql: string, ...values: Param[]): Promise<T | undefined> {
    const result = await this.on.query(text(sql), params(values));
    return result.rows[0] as T | undefined;
  }

  async all<T>(sql: string, ...values: Param[]): Promise<T[]> {
    const result = await this.on.query(text(sql), params(values));
    return result.rows as T[];
  }

  async run(sql: string, ...values: Param[]): Promise<RunResult> {
    const result = await this.on.query(text(sql), params(values));
    return { changes: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    // no parameters: the simple protocol, which runs several statements in one round trip
    await this.on.query(sql);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (!this.pool) return this.savepoint(fn);
    // Session advisory locks taken before BEGIN, so the transaction's snapshot is taken after the previous
    // holder committed and it sees that holder's writes (a lock taken inside would come too late for that).
    const keys = [...new Set(options.queueOn ?? [])].sort();
    if (keys.length === 0) return this.attempts(this.pool, fn, keys);
    let turns = turnsOf.get(this.pool);
    if (!turns) turnsOf.set(this.pool, (turns = new Turns()));
    const ends: (() => void)[] = [];
    try {
      for (const key of keys) ends.push(await turns.take(key));
      return await this.attempts(this.pool, fn, keys);
    } finally {
      for (const end of ends.reverse()) end();
    }
  }

  private async attempts<T>(pool: pg.Pool, fn: (tx: Store) => Promise<T>, keys: string[]): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken = false;
      let locked = 0;
      try {
        for (const key of keys) {
          await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
          locked++;
        }
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const value = await fn(new PgStore(client, undefined, 1));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        const code = (error as { code?: string }).code;
        if ((code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED) && attempt < MAX_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 4 * 2 ** attempt)));
          continue;
        }
        throw error;
      } finally {
        if (locked > 0 && !broken) {
          try {
            await client.query('SELECT pg_advisory_unlock_all()');
          } catch {
            broken = true; // a connection that cannot unlock is dropped, and its locks with it
          }
        }
        client.release(broken);
      }
    }
  }

  private async savepoint<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const name = `sp_${this.depth}`;
    await this.on.query(`SAVEPOINT ${name}`);
    try {
      const value = await fn(new PgStore(this.on, undefined, this.depth + 1));
      await this.on.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (error) {
      await this.on.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    // closing twice is harmless, as on SQLite
    if (this.pool && !this.pool.ended) await this.pool.end();
  }
}

export interface PostgresStore extends Store {
  readonly dialect: 'postgres';
}

const pools = new WeakMap<Store, pg.Pool>();

/** The pool behind a store openPostgresStore made (migrations and LISTEN need whole connections). */
export function poolOf(store: Store): pg.Pool {
  const pool = pools.get(store);
  if (!pool) throw new Error('this store was not opened by openPostgresStore');
  return pool;
}

/** A store over a new pool to `url` (postgres://…). `max` connections per process. */
export function openPostgresStore(url: string, options: { max?: number; applicationName?: string } = {}): { store: PostgresStore; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    application_name: options.applicationName ?? 'practicum',
  });
  // an idle client that loses its connection (server restart) must not crash the process
  pool.on('error', (error) => console.error(`[db] an idle PostgreSQL connection failed: ${error.message}`));
  const store = new PgStore(pool, pool, 0);
  pools.set(store, pool);
  return { store, pool };
}

export { types as postgresTypes };

// The PostgreSQL store against a real throw-away cluster: placeholders, number types, transactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberPlaceholders, openPostgresStore, type PostgresStore } from '../../../src/server/db/postgres-store.ts';
import { testPostgres } from '../../helpers/pg-cluster.ts';

let cluster: Awaited<ReturnType<typeof testPostgres>>;
let store: PostgresStore;
let url: string;

beforeAll(async () => {
  cluster = await testPostgres();
  url = await cluster.createDatabase();
  store = openPostgresStore(url, { max: 4 }).store;
  await store.exec(`CREATE TABLE t (id BIGINT PRIMARY KEY, label TEXT, n NUMERIC, data BYTEA);
    CREATE TABLE counter (k TEXT PRIMARY KEY, v BIGINT NOT NULL); INSERT INTO counter VALUES ('x', 0)`);
}, 60_000);

afterAll(async () => {
  await store?.close();
  await cluster?.stop();
});

describe('the PostgreSQL store', () => {
  it('numbers ? placeholders outside strings, quoted names, dollar quotes and comments', () => {
    expect(numberPlaceholders(`SELECT '?', "a?", ?, $$ ? $$, $body$ ? $body$ -- ?\n, ? /* ? */, ?`)).toBe(
      `SELECT '?', "a?", $1, $$ ? $$, $body$ ? $body$ -- ?\n, $2 /* ? */, $3`,
    );
    expect(numberPlaceholders(`SELECT 'it''s ?', ?`)).toBe(`SELECT 'it''s ?', $1`);
  });

  it('reads BIGINT counts, epoch milliseconds and NUMERIC as numbers, BYTEA as bytes, as SQLite gives them', async () => {
    expect(await store.run('INSERT INTO t VALUES (?, ?, ?, ?), (?, ?, ?, ?)', 1764520000000, 'a', 1.5, Buffer.from('xy'), 2, 'b', 3, null)).toEqual({ changes: 2 });
    const rows = await store.all<{ id: number; n: number; data: Buffer | null; c: number }>('SELECT id, n, data, COUNT(*) OVER () AS c FROM t ORDER BY id');
    expect(rows.map((r) => [r.id, r.n, r.c])).toEqual([
      [2, 3, 2],
      [1764520000000, 1.5, 2],
    ]);
    expect(rows[1]!.data?.toString()).toBe('xy');
    expect(await store.get('SELECT id FROM t WHERE id = ?', 999)).toBeUndefined();
  });

  it('commits a transaction, rolls one back on throw, and rolls back only a failed savepoint', async () => {
    await store.transaction(async (tx) => {
      await tx.run('UPDATE t SET label = ? WHERE id = ?', 'kept', 2);
      await expect(
        tx.transaction(async (inner) => {
          await inner.run('DELETE FROM t');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.run('UPDATE t SET label = ? WHERE id = ?', 'lost', 2);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await store.all('SELECT id, label FROM t ORDER BY id')).toEqual([
      { id: 2, label: 'kept' },
      { id: 1764520000000, label: 'a' },
    ]);
  });

  it('keeps concurrent read-then-write transactions correct by retrying conflicts', async () => {
    await Promise.all(
      Array.from({ length: 16 }, () =>
        store.transaction(async (tx) => {
          const row = await tx.get<{ v: number }>('SELECT v FROM counter WHERE k = ?', 'x');
          await tx.run('UPDATE counter SET v = ? WHERE k = ?', row!.v + 1, 'x');
        }),
      ),
    );
    expect(await store.get('SELECT v FROM counter')).toEqual({ v: 16 });
  });

  it('queues transactions that name the same hot spot, across processes too: a burst of 40 all commit at their first try', async () => {
    await store.exec("CREATE TABLE burst (k TEXT PRIMARY KEY, v BIGINT NOT NULL); INSERT INTO burst VALUES ('hot', 0), ('cold', 0)");
    // a second pool stands for a second web node: only the database's advisory lock is shared with it
    const other = openPostgresStore(url, { max: 4 }).store;
    const burst = async (k: string, queueOn?: string[]) => {
      let tries = 0;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? other : store).transaction(
            async (tx) => {
              tries++;
              const row = await tx.get<{ v: number }>('SELECT v FROM burst WHERE k = ?', k);
              await new Promise((resolve) => setTimeout(resolve, 1)); // hold the read a moment, as a request does
              await tx.run('UPDATE burst SET v = ? WHERE k = ?', row!.v + 1, k);
            },
            queueOn ? { queueOn } : {},
          ),
        ),
      );
      return tries;
    };
    expect(await burst('hot', ['counter hot'])).toBe(40);
    expect(await store.get('SELECT v FROM burst WHERE k = ?', 'hot')).toEqual({ v: 40 });
    // the same burst unqueued meets serialization failures and retries (it still ends correct)
    expect(await burst('cold')).toBeGreaterThan(40);
    expect(await store.get('SELECT v FROM burst WHERE k = ?', 'cold')).toEqual({ v: 40 });
    // the locks went with their transactions: a new session can take one at once
    expect(await store.get("SELECT pg_try_advisory_lock(hashtextextended('counter hot', 0)) AS ok")).toEqual({ ok: true });
    await store.get("SELECT pg_advisory_unlock(hashtextextended('counter hot', 0))");
    await other.close();
  });

  it('keeps a queue off the pool: other queries of the process go on while a burst waits its turn', async () => {
    let done = 0;
    const burst = Promise.all(
      Array.from({ length: 40 }, () =>
        store.transaction(
          async (tx) => {
            await tx.get('SELECT pg_sleep(0.005)');
            done++;
          },
          { queueOn: ['one hot spot'] },
        ),
      ),
    );
    // the pool has 4 connections: were the waiting transactions holding them, this query would come after most of the burst
    expect(await store.get('SELECT 1 AS one')).toEqual({ one: 1 });
    expect(done).toBeLessThan(5);
    await burst;
    expect(done).toBe(40);
  });

  it('runs several statements in one exec, and reports a bad statement as PostgreSQL does', async () => {
    await store.exec("INSERT INTO counter VALUES ('y', 1); INSERT INTO counter VALUES ('z', 2)");
    expect(await store.all('SELECT k FROM counter ORDER BY k')).toEqual([{ k: 'x' }, { k: 'y' }, { k: 'z' }]);
    await expect(store.get('SELECT nope FROM counter')).rejects.toThrow(/column "nope" does not exist/);
  });
});

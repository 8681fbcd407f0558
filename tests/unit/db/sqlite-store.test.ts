import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../src/server/db/sqlite-store.ts';
import type { Store } from '../../../src/server/db/store.ts';

let dir: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'practicum-store-'));
  store = openSqliteStore(join(dir, 'store.sqlite'));
  await store.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const values = async (s: Store = store) => (await s.all<{ v: string }>('SELECT v FROM t ORDER BY id')).map((r) => r.v);
/** Lets every settled promise's continuation run. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the SQLite store', () => {
  it('opens the file with the pragmas every connection uses', async () => {
    expect(await store.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await store.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await store.get('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
    expect(await store.get('PRAGMA synchronous')).toEqual({ synchronous: 1 });
  });

  it('runs get, all and run with ? parameters and reports changed rows', async () => {
    expect(await store.run('INSERT INTO t (v) VALUES (?), (?)', 'a', 'b')).toEqual({ changes: 2 });
    expect(await store.get('INSERT INTO t (v) VALUES (?) RETURNING id', 'c')).toEqual({ id: 3 });
    expect(await store.get('SELECT v FROM t WHERE id = ?', 2)).toEqual({ v: 'b' });
    expect(await store.get('SELECT v FROM t WHERE id = ?', 99)).toBeUndefined();
    expect(await values()).toEqual(['a', 'b', 'c']);
    expect(await store.run('UPDATE t SET v = ? WHERE id > ?', 'z', 1)).toEqual({ changes: 2 });
  });

  it('rejects (never throws synchronously) on bad SQL', async () => {
    const pending = store.get('SELECT nope FROM t');
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toThrow(/no such column: nope/);
  });

  it('commits a transaction that resolves and returns its value', async () => {
    const id = await store.transaction(async (tx) => {
      await tx.run("INSERT INTO t (v) VALUES ('a')");
      return (await tx.get<{ id: number }>('SELECT id FROM t'))?.id;
    });
    expect(id).toBe(1);
    expect(await values()).toEqual(['a']);
  });

  it('rolls back everything a transaction did when its function throws', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.run("INSERT INTO t (v) VALUES ('a')");
        await tick();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await values()).toEqual([]);
  });

  it('makes a statement issued while a transaction is open wait for it, outside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = store.transaction(async (t) => {
      await t.run("INSERT INTO t (v) VALUES ('in-tx')");
      await held;
      throw new Error('roll back');
    });
    await tick();
    // Another request's write, issued while the transaction is open.
    const outside = store.run("INSERT INTO t (v) VALUES ('outside')");
    const seen: string[] = [];
    void outside.then(() => seen.push('outside done'));
    await tick();
    expect(seen).toEqual([]);
    release();
    await expect(tx).rejects.toThrow('roll back');
    await outside;
    // The rollback took the transaction's row and left the waiting statement's.
    expect(await values()).toEqual(['outside']);
  });

  it('serves waiting statements and transactions in the order they arrived', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = store.transaction(async (tx) => {
      await held;
      await tx.run("INSERT INTO t (v) VALUES ('tx1')");
      order.push('tx1');
    });
    await tick();
    const second = store.run("INSERT INTO t (v) VALUES ('stmt2')").then(() => order.push('stmt2'));
    const third = store.transaction(async (tx) => {
      await tx.run("INSERT INTO t (v) VALUES ('tx3')");
      await tick();
      order.push('tx3');
    });
    const fourth = store.get('SELECT COUNT(*) AS n FROM t').then((r) => order.push(`stmt4 saw ${String(r?.['n'])}`));
    release();
    await Promise.all([first, second, third, fourth]);
    expect(order).toEqual(['tx1', 'stmt2', 'tx3', 'stmt4 saw 3']);
    expect(await values()).toEqual(['tx1', 'stmt2', 'tx3']);
  });

  it('keeps two transactions that read then write from interleaving', async () => {
    // The quota pattern: count, then insert only below the limit. Run concurrently, no more than the limit gets in.
    const takeSlot = (who: string) =>
      store.transaction(async (tx) => {
        const row = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM t');
        await tick();
        if ((row?.n ?? 0) >= 2) return false;
        await tx.run('INSERT INTO t (v) VALUES (?)', who);
        return true;
      });
    const taken = await Promise.all(['a', 'b', 'c', 'd'].map(takeSlot));
    expect(taken).toEqual([true, true, false, false]);
    expect(await values()).toEqual(['a', 'b']);
  });

  it('turns a nested transaction into a savepoint that rolls back alone', async () => {
    await store.transaction(async (tx) => {
      await tx.run("INSERT INTO t (v) VALUES ('outer')");
      await expect(
        tx.transaction(async (inner) => {
          await inner.run("INSERT INTO t (v) VALUES ('inner-undone')");
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await tx.transaction(async (inner) => {
        await inner.run("INSERT INTO t (v) VALUES ('inner-kept')");
        await inner.transaction(async (deeper) => {
          await deeper.run("INSERT INTO t (v) VALUES ('deeper')");
        });
      });
      expect(await values(tx)).toEqual(['outer', 'inner-kept', 'deeper']);
    });
    expect(await values()).toEqual(['outer', 'inner-kept', 'deeper']);
  });

  it('rolls back the savepoints a failed outer transaction released', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.transaction(async (inner) => {
          await inner.run("INSERT INTO t (v) VALUES ('inner')");
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await values()).toEqual([]);
  });

  it('refuses the outer store inside its own transaction instead of waiting forever', async () => {
    await expect(
      store.transaction(async () => {
        await store.run("INSERT INTO t (v) VALUES ('wrong store')");
      }),
    ).rejects.toThrow(/pass the transaction store \(tx\) down/);
    await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow(/pass the transaction store/);
    await expect(store.transaction(async (tx) => tx.transaction(async () => tx.get('SELECT 1')))).rejects.toThrow(/pass the transaction store/);
    // The store is usable again afterwards.
    await store.run("INSERT INTO t (v) VALUES ('after')");
    expect(await values()).toEqual(['after']);
  });

  it('refuses a transaction store once its transaction has ended', async () => {
    let leaked: Store | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.run("INSERT INTO t (v) VALUES ('late')")).rejects.toThrow(/already ended/);
    expect(await values()).toEqual([]);
  });

  it('rolls back a transaction whose COMMIT fails and frees the connection', async () => {
    await store.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
    await expect(
      store.transaction(async (tx) => {
        await tx.run('INSERT INTO child (parent_id) VALUES (42)');
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(store.connection.inTransaction).toBe(false);
    expect(await store.all('SELECT * FROM child')).toEqual([]);
    await store.run('INSERT INTO parent (id) VALUES (42)');
  });

  it('closes synchronously and resolves', async () => {
    const closing = store.close();
    expect(store.connection.open).toBe(false);
    await closing;
    store = openSqliteStore(join(dir, 'store.sqlite'));
    expect(await values()).toEqual([]);
  });
});

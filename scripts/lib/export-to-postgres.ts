// Moves an embedded SQLite database's data into a new PostgreSQL database (`npm run
// db:export-to-postgres`). The target is migrated to the same schema first and must hold no data;
// every table is copied in one transaction, parents before children, with the report projections
// copied as they are (their triggers paused for the copy, so nothing is derived twice). Identity
// sequences continue after the highest copied id. Afterwards each table's row count and a digest of
// its rows are compared on both sides; any difference rolls everything back.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { postgresTypes } from '../../src/server/db/postgres-store.ts';
import { migratePostgres } from '../../src/server/db/migrate-postgres.ts';
import { fromPrivateJwk } from '../../src/server/certificates/keys.ts';
import { checkKeySecret, sealText } from '../../src/server/certificates/key-seal.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { JWK } from 'jose';

type Row = Record<string, unknown>;

export interface TableReport {
  table: string;
  rows: number;
}

export interface ExportReport {
  tables: TableReport[];
  rows: number;
  ms: number;
  /** Thumbprint of the issuer key moved into the database, when the data folder had one. */
  issuerKey: string | null;
}

export class ExportError extends Error {
  override name = 'ExportError';
}

/** A foreign key from a child table to the parent table it references. */
interface Fk {
  child: string;
  parent: string;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Tables in an order where every table comes after the tables it references (self-references aside). */
export function parentsFirst(tables: string[], fks: Fk[]): string[] {
  const done = new Set<string>();
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string): void => {
    if (done.has(t)) return;
    if (visiting.has(t)) throw new ExportError(`the tables reference each other in a cycle through "${t}"; it cannot be copied parents first`);
    visiting.add(t);
    for (const fk of fks) if (fk.child === t && fk.parent !== t && tables.includes(fk.parent)) visit(fk.parent);
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}

function sqliteTables(source: Database.Database): { tables: string[]; fks: Fk[]; selfRefs: Map<string, string[]> } {
  const tables = (source.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'schema_version'").all() as { name: string }[]).map(
    (r) => r.name,
  );
  const fks: Fk[] = [];
  const selfRefs = new Map<string, string[]>();
  for (const table of tables) {
    for (const fk of source.prepare(`SELECT "table" AS to_table, "from" AS col FROM pragma_foreign_key_list(?)`).all(table) as { to_table: string; col: string }[]) {
      fks.push({ child: table, parent: fk.to_table });
      if (fk.to_table === table) selfRefs.set(table, [...(selfRefs.get(table) ?? []), fk.col]);
    }
  }
  return { tables, fks, selfRefs };
}

function normalised(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('base64')}`;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** A digest of a table's rows that does not depend on their order or on which engine returned them. */
function digest(rows: Row[], columns: string[]): string {
  const lines = rows.map((r) => JSON.stringify(columns.map((c) => normalised(r[c])))).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex');
}

async function postgresColumns(client: pg.PoolClient, table: string): Promise<string[]> {
  const result = await client.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return result.rows.map((r) => r.column_name);
}

async function insertRows(client: pg.PoolClient, table: string, columns: string[], rows: Row[]): Promise<void> {
  const perBatch = Math.max(1, Math.floor(30_000 / Math.max(1, columns.length)));
  for (let i = 0; i < rows.length; i += perBatch) {
    const batch = rows.slice(i, i + perBatch);
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${columns.map((c) => `$${values.push(row[c] ?? null)}`).join(', ')})`);
    await client.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

export interface ExportOptions {
  /** The SQLite file to read (opened read-only). */
  from: string;
  /** postgres://… of the target database. */
  to: string;
  /**
   * The embedded install's issuer key file (DATA_DIR/keys/issuer-private.jwk.json). When it exists it
   * is moved into the database sealed with `keySecret` (PRACTICUM_KEY_SECRET), so every credential
   * issued so far still verifies against the cluster's published key.
   */
  keyFile?: string;
  keySecret?: string | undefined;
  log?: (line: string) => void;
}

export async function exportToPostgres(options: ExportOptions): Promise<ExportReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  let source: Database.Database;
  try {
    source = new Database(options.from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ExportError(`cannot open the SQLite database ${options.from}: ${(error as Error).message}`);
  }
  // The key is checked before anything is written: credentials signed with it must keep verifying.
  let issuerJwk: JWK | null = null;
  if (options.keyFile && existsSync(options.keyFile)) {
    try {
      checkKeySecret(options.keySecret);
    } catch (error) {
      source.close();
      throw new ExportError(`${(error as Error).message} (the data folder's issuer key, ${options.keyFile}, moves into the database sealed with it)`);
    }
    try {
      issuerJwk = JSON.parse(readFileSync(options.keyFile, 'utf8')) as JWK;
    } catch (error) {
      source.close();
      throw new ExportError(`cannot read the issuer key ${options.keyFile}: ${(error as Error).message}`);
    }
  }
  const pool = new pg.Pool({ connectionString: options.to, max: 2, types: postgresTypes, application_name: 'practicum-export' });
  try {
    const sourceVersions = (source.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    await migratePostgres(pool);
    const client = await pool.connect();
    try {
      const targetVersions = (await client.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version')).rows.map((r) => r.version);
      if (sourceVersions.join(',') !== targetVersions.join(',')) {
        throw new ExportError(
          `the SQLite database is at schema versions ${sourceVersions.at(-1) ?? 0} (${sourceVersions.length} applied) and this version of Practicum at ` +
            `${targetVersions.at(-1) ?? 0} (${targetVersions.length}): start Practicum once on the SQLite file (npm start, or npm run db:migrate) so it is migrated, then export`,
        );
      }
      const { tables, fks, selfRefs } = sqliteTables(source);
      const ordered = parentsFirst(tables, fks);
      const report: TableReport[] = [];
      await client.query('BEGIN');
      try {
        for (const table of ordered) {
          const present = (await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`)).rows[0]?.n ?? 0;
          if (present > 0) {
            throw new ExportError(`the target database already holds data (${present} rows in "${table}"); export only into a new, empty database`);
          }
        }
        for (const table of ordered) {
          const columns = await postgresColumns(client, table);
          if (columns.length === 0) throw new ExportError(`the target database has no table "${table}"`);
          const sourceColumns = new Set((source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
          const missing = columns.filter((c) => !sourceColumns.has(c));
          if (missing.length) throw new ExportError(`"${table}" has columns on PostgreSQL that the SQLite file lacks: ${missing.join(', ')}`);
          const rows = source.prepare(`SELECT * FROM ${quote(table)}`).all() as Row[];
          // Projections are copied as they are: the triggers that keep them would derive them again.
          await client.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
          const self = selfRefs.get(table) ?? [];
          // A row may point at a later row of its own table: insert without those links, then set them.
          await insertRows(client, table, columns, self.length ? rows.map((r) => ({ ...r, ...Object.fromEntries(self.map((c) => [c, null])) })) : rows);
          for (const column of self) {
            const pk = (source.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as { name: string }[]).map((r) => r.name);
            for (const row of rows) {
              if (row[column] === null || row[column] === undefined) continue;
              await client.query(
                `UPDATE ${quote(table)} SET ${quote(column)} = $1 WHERE ${pk.map((k, i) => `${quote(k)} = $${i + 2}`).join(' AND ')}`,
                [row[column], ...pk.map((k) => row[k])],
              );
            }
          }
          await client.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
          // identity and serial columns continue after the highest copied id
          const sequences = await client.query<{ column_name: string; seq: string | null }>(
            `SELECT column_name, pg_get_serial_sequence(quote_ident($1), column_name) AS seq
               FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
            [table],
          );
          for (const s of sequences.rows) {
            if (!s.seq) continue;
            await client.query(`SELECT setval($1, COALESCE((SELECT MAX(${quote(s.column_name)}) FROM ${quote(table)}), 0) + 1, false)`, [s.seq]);
          }
          const copied = (await client.query(`SELECT * FROM ${quote(table)}`)).rows as Row[];
          if (copied.length !== rows.length || digest(copied, columns) !== digest(rows, columns)) {
            throw new ExportError(`"${table}" did not arrive intact (${rows.length} rows read, ${copied.length} written, or their contents differ)`);
          }
          report.push({ table, rows: rows.length });
          log(`${table}: ${rows.length} rows`);
        }
        let issuerKey: string | null = null;
        if (issuerJwk) {
          const key = await fromPrivateJwk(issuerJwk);
          await client.query('INSERT INTO issuer_keys (slot, kid, sealed_jwk, created_at) VALUES ($1, $2, $3, $4)', [
            'current',
            key.kid,
            sealText(JSON.stringify(issuerJwk), options.keySecret ?? '', key.kid),
            Date.now(),
          ]);
          issuerKey = key.kid;
          log(`issuer key ${key.kid}: sealed into issuer_keys`);
        }
        await client.query('COMMIT');
        return { tables: report, rows: report.reduce((n, t) => n + t.rows, 0), ms: Date.now() - started, issuerKey };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  } finally {
    source.close();
    await pool.end();
  }
}

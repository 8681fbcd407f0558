// The PostgreSQL migrations produce the schema the SQLite migrations produce: every table, column (type
// family, NOT NULL, default, identity, case-insensitive collation), primary key, unique set, foreign key
// (with its ON DELETE), CHECK count, index (columns, order, unique, partial WHERE) and trigger (table,
// timing, event, watched columns, WHEN, tables it writes), read from each catalog into one normalised
// shape. A difference is printed as the lines only one side has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/server/db/open.ts';
import { migrate } from '../../../src/server/db/migrate.ts';
import { migratePostgres } from '../../../src/server/db/migrate-postgres.ts';
import { migrations } from '../../../src/server/db/migrations/list.ts';
import { postgresMigrations } from '../../../src/server/db/migrations/postgres/list.ts';
import { testPostgres } from '../../helpers/pg-cluster.ts';

type Family = 'int' | 'text' | 'real' | 'blob';
interface Shape {
  tables: Record<string, string[]>;
  triggers: string[];
  /** Integer columns of PostgreSQL that hold times or durations (…_at, …_ms, …_start), with their type. */
  timeTypes: Record<string, string>;
}

const familyOfSqlite = (type: string): Family => {
  const t = type.toUpperCase();
  if (t.includes('INT')) return 'int';
  if (t.includes('CHAR') || t.includes('TEXT') || t.includes('CLOB')) return 'text';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  if (t === '' || t.includes('BLOB')) return 'blob';
  throw new Error(`SQLite column type "${type}" has no family`);
};
const familyOfPostgres = (type: string): Family => {
  if (['bigint', 'integer', 'smallint'].includes(type)) return 'int';
  if (['text', 'character varying'].includes(type)) return 'text';
  if (['double precision', 'real', 'numeric'].includes(type)) return 'real';
  if (type === 'bytea') return 'blob';
  throw new Error(`PostgreSQL column type "${type}" has no family`);
};
/** A default as written, without PostgreSQL's cast ('[]'::text → '[]'). */
const normDefault = (d: string | null) => (d === null ? null : d.replace(/::[a-z ]+$/i, '').replace(/^\((.*)\)$/, '$1'));
/** A partial index's WHERE or a trigger's WHEN: lower case, no parentheses, casts or extra spaces; <> as !=. */
const normExpr = (e: string | null) =>
  e === null
    ? null
    : e
        .replace(/::[a-z]+/gi, '')
        .replace(/[()]/g, ' ')
        .replace(/<>/g, '!=')
        .replace(/\bstrpos\b/gi, 'instr')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase();
const writes = (body: string) =>
  [...new Set([...body.matchAll(/\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(?!SET\b)(\w+)/gi)].map((m) => m[1]!.toLowerCase()))].sort();
const onDelete = (a: string) => a.toUpperCase().replace('NO ACTION', 'no action').toLowerCase();

function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const tables: Shape['tables'] = {};
    const rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
    for (const { name, sql } of rows) {
      const lines: string[] = [];
      const cols = db.pragma(`table_info(${name})`) as { cid: number; name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
      const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      // An INTEGER PRIMARY KEY is the rowid: an insert without it gets a fresh id, as from an identity
      // column. schema_version is the exception the migrators share: its versions are always given.
      const rowidAlias = pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER' && !/WITHOUT\s+ROWID\s*$/i.test(sql) && name !== 'schema_version';
      for (const c of cols) {
        const nocase = new RegExp(`(^|[(,])\\s*${c.name}\\s[^,]*COLLATE\\s+NOCASE`, 'i').test(sql);
        // A PRIMARY KEY column is NOT NULL on PostgreSQL; SQLite only lets a NULL key through by a legacy quirk.
        const notNull = c.notnull === 1 || c.pk > 0;
        lines.push(
          `column ${c.cid} ${c.name} ${familyOfSqlite(c.type)}${notNull ? ' not null' : ''}` +
            `${c.dflt_value !== null ? ` default ${normDefault(c.dflt_value)}` : ''}${rowidAlias && c.pk === 1 ? ' identity' : ''}${nocase ? ' nocase' : ''}`,
        );
      }
      lines.push(`primary key (${pk.map((c) => c.name).join(', ')})`);
      const indexes = db.pragma(`index_list(${name})`) as { name: string; unique: number; origin: string; partial: number }[];
      for (const ix of indexes) {
        const info = (db.pragma(`index_xinfo(${ix.name})`) as { name: string; desc: number; key: number }[]).filter((i) => i.key === 1);
        const columns = info.map((i) => `${i.name}${i.desc ? ' desc' : ''}`).join(', ');
        if (ix.origin === 'u') lines.push(`unique (${columns})`);
        if (ix.origin === 'c') {
          const sqlOf = (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").get(ix.name) as { sql: string }).sql;
          const where = /\bWHERE\b([\s\S]*)$/i.exec(sqlOf)?.[1] ?? null;
          lines.push(`index ${ix.name} (${columns})${ix.unique ? ' unique' : ''}${where ? ` where ${normExpr(where)}` : ''}`);
        }
      }
      const fks = db.pragma(`foreign_key_list(${name})`) as { id: number; seq: number; table: string; from: string; to: string; on_delete: string }[];
      for (const id of [...new Set(fks.map((f) => f.id))]) {
        const parts = fks.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
        lines.push(`foreign key (${parts.map((p) => p.from).join(', ')}) → ${parts[0]!.table}(${parts.map((p) => p.to).join(', ')}) on delete ${onDelete(parts[0]!.on_delete)}`);
      }
      lines.push(`checks ${(sql.match(/\bCHECK\s*\(/gi) ?? []).length}`);
      tables[name] = lines.sort();
    }
    const triggers = (db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string; tbl_name: string; sql: string }[]).map(
      ({ name, tbl_name, sql }) => {
        const head = /^CREATE\s+TRIGGER\s+\w+\s+(BEFORE|AFTER)\s+(INSERT|DELETE|UPDATE)(?:\s+OF\s+([\w\s,]+?))?\s+ON\s+\w+\s*(?:FOR\s+EACH\s+ROW\s*)?(?:WHEN\s+([\s\S]*?))?\s*BEGIN\b([\s\S]*)END;?\s*$/i.exec(sql);
        if (!head) throw new Error(`Trigger ${name}: unexpected definition ${sql}`);
        const [, timing, event, columns, when, body] = head;
        return `trigger ${name} on ${tbl_name} ${timing!.toLowerCase()} ${event!.toLowerCase()}${columns ? ` of ${columns.split(',').map((c) => c.trim()).join(', ')}` : ''}` +
          `${when ? ` when ${normExpr(when)}` : ''} writes ${writes(body!).join(', ')}`;
      },
    );
    return { tables, triggers: triggers.sort(), timeTypes: {} };
  } finally {
    db.close();
  }
}

async function postgresShape(client: pg.Client): Promise<Shape> {
  const q = async <T extends object>(sql: string, params: unknown[] = []) => (await client.query<T & pg.QueryResultRow>(sql, params)).rows as T[];
  const tables: Shape['tables'] = {};
  const timeTypes: Shape['timeTypes'] = {};
  const names = await q<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
  for (const { table_name: name } of names) {
    const lines: string[] = [];
    const cols = await q<{ ordinal_position: number; column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string; collation_name: string | null }>(
      `SELECT ordinal_position, column_name, data_type, is_nullable, column_default, is_identity, collation_name
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [name],
    );
    cols.forEach((c, i) => {
      lines.push(
        `column ${i} ${c.column_name} ${familyOfPostgres(c.data_type)}${c.is_nullable === 'NO' ? ' not null' : ''}` +
          `${c.column_default !== null ? ` default ${normDefault(c.column_default)}` : ''}${c.is_identity === 'YES' ? ' identity' : ''}${c.collation_name === 'nocase' ? ' nocase' : ''}`,
      );
      if (familyOfPostgres(c.data_type) === 'int' && /(_at|_ms|_start)$/.test(c.column_name)) timeTypes[`${name}.${c.column_name}`] = c.data_type;
    });
    const cons = await q<{ contype: string; columns: string[]; ftable: string | null; fcolumns: string[] | null; confdeltype: string }>(
      `SELECT c.contype,
              ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
              c.confrelid::regclass::text AS ftable,
              ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS fcolumns,
              c.confdeltype
       FROM pg_constraint c WHERE c.conrelid = $1::regclass`,
      [name],
    );
    const deletes: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
    let checks = 0;
    for (const c of cons) {
      if (c.contype === 'p') lines.push(`primary key (${c.columns.join(', ')})`);
      else if (c.contype === 'u') lines.push(`unique (${c.columns.join(', ')})`);
      else if (c.contype === 'f') lines.push(`foreign key (${c.columns.join(', ')}) → ${c.ftable}(${c.fcolumns!.join(', ')}) on delete ${deletes[c.confdeltype]}`);
      else if (c.contype === 'c') checks++;
    }
    lines.push(`checks ${checks}`);
    const indexes = await q<{ name: string; unique: boolean; columns: string[]; where: string | null }>(
      `SELECT ic.relname AS name, i.indisunique AS unique,
              ARRAY(SELECT a.attname || CASE WHEN (i.indoption[k.i - 1] & 1) = 1 THEN ' desc' ELSE '' END
                    FROM unnest(i.indkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
              pg_get_expr(i.indpred, i.indrelid) AS where
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
       WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [name],
    );
    for (const ix of indexes) lines.push(`index ${ix.name} (${ix.columns.join(', ')})${ix.unique ? ' unique' : ''}${ix.where ? ` where ${normExpr(ix.where)}` : ''}`);
    tables[name] = lines.sort();
  }
  const triggerRows = await q<{ name: string; table: string; timing: string; events: string[]; columns: string[]; when: string | null; source: string }>(
    `SELECT t.tgname AS name, c.relname AS table,
            CASE WHEN (t.tgtype & 2) = 2 THEN 'before' ELSE 'after' END AS timing,
            ARRAY_REMOVE(ARRAY[CASE WHEN (t.tgtype & 4) = 4 THEN 'insert' END, CASE WHEN (t.tgtype & 8) = 8 THEN 'delete' END,
                               CASE WHEN (t.tgtype & 16) = 16 THEN 'update' END], NULL)::text[] AS events,
            ARRAY(SELECT a.attname FROM unnest(t.tgattr) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
            substring(pg_get_triggerdef(t.oid) FROM 'WHEN \\((.*)\\) EXECUTE') AS when,
            p.prosrc AS source
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE NOT t.tgisinternal AND (t.tgtype & 1) = 1`,
  );
  const triggers = triggerRows.map(
    (t) =>
      `trigger ${t.name} on ${t.table} ${t.timing} ${t.events.join(', ')}${t.columns.length ? ` of ${t.columns.join(', ')}` : ''}` +
      `${t.when ? ` when ${normExpr(t.when.replace(/\bnew\./gi, 'NEW.'))}` : ''} writes ${writes(t.source).join(', ')}`,
  );
  return { tables, triggers: triggers.sort(), timeTypes };
}

/** Every fact of a shape as one line, "table: fact", so a difference reads as the lines one side lacks. */
const flatten = (s: Shape) => [
  ...Object.entries(s.tables).flatMap(([t, lines]) => [`table ${t}`, ...lines.map((l) => `${t}: ${l}`)]),
  ...s.triggers,
];

let cluster: Awaited<ReturnType<typeof testPostgres>>;
let dir: string;
let client: pg.Client;
let sqlite: Shape;
let postgres: Shape;

beforeAll(async () => {
  cluster = await testPostgres();
  dir = mkdtempSync(join(tmpdir(), 'practicum-parity-'));
  const file = join(dir, 'parity.sqlite');
  const db = openDatabase(file);
  await migrate(db);
  db.close();
  sqlite = sqliteShape(file);

  const url = await cluster.createDatabase();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migratePostgres(pool);
  } finally {
    await pool.end();
  }
  client = new pg.Client({ connectionString: url });
  await client.connect();
  postgres = await postgresShape(client);
}, 120_000);

afterAll(async () => {
  await client?.end();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL schema parity', () => {
  it('has one PostgreSQL migration per SQLite migration, same versions and names, same order', () => {
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual(migrations.map((m) => [m.version, m.name]));
  });

  it('both catalogs read back a real schema (the comparison has something to compare)', () => {
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(30);
    expect(sqlite.triggers.length).toBeGreaterThanOrEqual(9);
    expect(sqlite.tables['users']).toContain('column 1 email text not null nocase');
    expect(sqlite.tables['submissions']).toContain('index submissions_attempt (attempt_id) where attempt_id is not null');
  });

  it('gives the same tables, columns, keys, foreign keys, checks and indexes', () => {
    const a = flatten({ ...sqlite, triggers: [] });
    const b = flatten({ ...postgres, triggers: [] });
    expect({ onlyInSqlite: a.filter((l) => !b.includes(l)), onlyInPostgres: b.filter((l) => !a.includes(l)) }).toEqual({ onlyInSqlite: [], onlyInPostgres: [] });
  });

  it('keeps every SQLite trigger as a PostgreSQL trigger on the same table, event, columns and condition, writing the same tables', () => {
    expect({ onlyInSqlite: sqlite.triggers.filter((l) => !postgres.triggers.includes(l)), onlyInPostgres: postgres.triggers.filter((l) => !sqlite.triggers.includes(l)) }).toEqual({
      onlyInSqlite: [],
      onlyInPostgres: [],
    });
  });

  it('stores every time and duration as BIGINT (epoch milliseconds overflow a 4-byte integer)', () => {
    expect(Object.keys(postgres.timeTypes).length).toBeGreaterThan(40);
    expect(Object.entries(postgres.timeTypes).filter(([, type]) => type !== 'bigint')).toEqual([]);
  });
});

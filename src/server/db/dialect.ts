// The few SQL fragments SQLite and PostgreSQL spell differently, chosen by the store's dialect (never by
// sniffing errors): a table of values from one JSON-array parameter (IN-lists of any length with
// one placeholder), and JSON built in SQL (the account export). Everything else is written once, in the
// subset both engines share.
import type { Store } from './store.ts';

/** A one-column table `value` (text) from the JSON array bound to its one `?`: `IN ${jsonList(db)}`, `JOIN ${jsonList(db)} j`. */
export function jsonList(db: Pick<Store, 'dialect'>): string {
  return db.dialect === 'postgres'
    ? '(SELECT value FROM json_array_elements_text(CAST(? AS json)))'
    : '(SELECT value FROM json_each(?))';
}

/**
 * An inner join whose left table SQLite must scan first (its CROSS JOIN keeps the written order, a
 * planner hint); PostgreSQL's CROSS JOIN takes no ON clause and its planner orders joins itself.
 */
export function orderedJoin(db: Pick<Store, 'dialect'>): string {
  return db.dialect === 'postgres' ? 'JOIN' : 'CROSS JOIN';
}

/** Whether table `name` exists (a migration not applied yet, in code that runs on older schemas). */
export async function tableExists(db: Store, name: string): Promise<boolean> {
  const sql = db.dialect === 'postgres'
    ? "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
    : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  return (await db.get(sql, name)) !== undefined;
}

/** Every (table, column) with a foreign key to table `target`, read from the schema so new tables count too. */
export async function foreignKeysTo(db: Store, target: string): Promise<{ table: string; column: string }[]> {
  if (db.dialect === 'postgres') {
    return db.all<{ table: string; column: string }>(
      `SELECT kcu.table_name AS "table", kcu.column_name AS "column"
       FROM information_schema.referential_constraints rc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = rc.constraint_schema AND kcu.constraint_name = rc.constraint_name
       JOIN information_schema.constraint_table_usage ctu ON ctu.constraint_schema = rc.unique_constraint_schema AND ctu.constraint_name = rc.unique_constraint_name
       WHERE kcu.table_schema = current_schema() AND ctu.table_name = ?
       ORDER BY kcu.table_name, kcu.column_name`,
      target,
    );
  }
  const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const found: { table: string; column: string }[] = [];
  for (const { name } of tables) {
    const keys = await db.all<{ target: string; column: string }>('SELECT "table" AS target, "from" AS column FROM pragma_foreign_key_list(?)', name);
    for (const fk of keys) if (fk.target === target) found.push({ table: name, column: fk.column });
  }
  return found;
}

/**
 * JSON built in SQL (the account export), as the dialect spells it. Results read as JSON text on both
 * engines (wrap the outermost expression in text()), so the caller parses one way.
 */
export interface JsonSql {
  /** An object from alternating key and value expressions. */
  object(...pairs: string[]): string;
  /** The array of a JSON expression over the rows of the query; [] when there are none. */
  agg(json: string): string;
  /** A JSON value parsed from a text column holding JSON. */
  parse(text: string): string;
  /** A JSON value (the result of a subquery building JSON) placed inside another: not as a string. */
  embed(json: string): string;
  /** The outermost JSON expression as text. */
  text(json: string): string;
}

export function jsonSql(db: Pick<Store, 'dialect'>): JsonSql {
  if (db.dialect === 'postgres') {
    return {
      object: (...pairs) => `json_build_object(${pairs.join(', ')})`,
      agg: (json) => `COALESCE(json_agg(${json}), CAST('[]' AS json))`,
      parse: (text) => `CAST(${text} AS json)`,
      embed: (json) => json,
      text: (json) => `CAST(${json} AS TEXT)`,
    };
  }
  return {
    object: (...pairs) => `json_object(${pairs.join(', ')})`,
    agg: (json) => `json_group_array(${json})`,
    parse: (text) => `json(${text})`,
    embed: (json) => `json(${json})`,
    text: (json) => json,
  };
}

// `npm run db:export-to-postgres -- [--from <sqlite file>] [--to <postgres://…>]`: copies an embedded
// database (DATA_DIR's by default) into a new, empty PostgreSQL database (DATABASE_URL by default),
// migrating it first. See README "Running on several machines".
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.ts';
import { ExportError, exportToPostgres } from './lib/export-to-postgres.ts';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
if (values.help) {
  console.log('usage: npm run db:export-to-postgres -- [--from <sqlite file>] [--to <postgres://…>]\n' +
    'Copies every table of the SQLite file (default: DATA_DIR/practicum.sqlite) into a new, empty PostgreSQL database (default: DATABASE_URL).\n' +
    'The issuer key beside it (keys/issuer-private.jwk.json) moves into the database sealed with PRACTICUM_KEY_SECRET, which must be set.');
  process.exit(0);
}
const from = values.from ?? loadConfig().databaseFile;
const to = values.to ?? process.env['DATABASE_URL'];
if (!to || !/^postgres(ql)?:\/\//.test(to)) {
  console.error('db:export-to-postgres: give the target as --to postgres://user@host:port/database or set DATABASE_URL');
  process.exit(2);
}
try {
  const keyFile = join(dirname(from), 'keys', 'issuer-private.jwk.json');
  const report = await exportToPostgres({ from, to, keyFile, keySecret: process.env['PRACTICUM_KEY_SECRET'], log: (line) => console.log(`  ${line}`) });
  console.log(`Copied ${report.rows} rows in ${report.tables.length} tables from ${from} in ${(report.ms / 1000).toFixed(1)} s; every table's rows were checked on both sides.`);
  if (report.issuerKey) console.log(`The issuer key (${report.issuerKey}) is in the database, sealed with PRACTICUM_KEY_SECRET: give every web node that value.`);
} catch (error) {
  console.error(`db:export-to-postgres: ${error instanceof ExportError ? error.message : error instanceof Error ? error.message : String(error)}`);
  console.error('No rows were copied: the copy runs in one transaction, which was rolled back.');
  process.exit(1);
}

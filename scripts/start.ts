// `npm start`: build if needed, migrate the database, prepare keys, then serve on HOST:PORT.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { describeStore, openStore } from '../src/server/db/open.ts';
import { migrate, MigrationError } from '../src/server/db/migrate.ts';
import { failInterruptedSubmissions } from '../src/server/db/submissions.ts';
import { ensureBuilt } from './lib/build.ts';
import { removeStaleWorkDirs } from '../src/server/grader/work-dirs.ts';
import { balanceReserveFile } from '../src/server/disk-space.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getApp } from '../src/server/app.ts';
import { loadContent } from '../src/server/content/files.ts';
import type { CertificateContent } from '../src/server/certificates/public-view.ts';
import { createVerifyFastPath } from '../src/server/verify-fast-path.ts';
import { KNOWN_METHODS, methodNotAllowed } from '../src/server/methods.ts';
import { applySecurityHeaders } from '../src/server/security-headers.ts';
import { checkKeySecret } from '../src/server/certificates/key-seal.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
process.env['PRACTICUM_ROOT'] ??= root;
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';

function fail(message: string): never {
  console.error(`\n[practicum] cannot start: ${message}\n`);
  process.exit(1);
}

/** Keeps the DATA_DIR reserve file (src/server/disk-space.ts) in step with the free space, now and every 10 s. */
function watchDiskReserve(dataDir: string, settings: Parameters<typeof balanceReserveFile>[1]): void {
  const check = (): void => {
    try {
      const done = balanceReserveFile(dataDir, settings);
      if (done === 'released') console.error(`[practicum] the disk holding ${dataDir} is full: released the reserve file so sign-ins keep working; free some space`);
    } catch (error) {
      console.error('[practicum] could not check the disk reserve', error);
    }
  };
  check();
  setInterval(check, 10_000).unref();
}

let config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
// The cluster mode keeps the issuer key in the database, sealed with this secret: refuse to start
// without it rather than fail at the first credential download.
if (config.databaseUrl) {
  try {
    checkKeySecret(config.keySecret);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
process.env['HOST'] = config.host;
process.env['PORT'] = String(config.port);

if (!process.argv.includes('--no-build')) {
  try {
    ensureBuilt(root);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

try {
  const db = openStore(config, { applicationName: 'practicum-start', max: 2 });
  try {
    const applied = await migrate(db);
    if (applied.length) console.log(`[practicum] database ${describeStore(config)}: applied migrations ${applied.join(', ')}`);
    // Only one server owns a DATA_DIR, so anything still queued was cut off by the last shutdown.
    // (In the cluster mode queued rows wait for a grader worker: they are the queue's, not ours.)
    if (!config.databaseUrl) {
      const interrupted = await failInterruptedSubmissions(db);
      if (interrupted) console.log(`[practicum] marked ${interrupted} interrupted submission(s) as errors`);
    }
  } finally {
    await db.close();
  }
  // A crashed grader leaves its work folder (copies of hidden tests) in the temp directory.
  const stale = await removeStaleWorkDirs();
  if (stale.length) console.log(`[practicum] removed ${stale.length} grading folder(s) left by a stopped process`);
  // The reserve keeps room for the SQLite file; a cluster web node writes nothing to its disk.
  if (!config.databaseUrl) watchDiskReserve(config.dataDir, config.limits.disk);
} catch (error) {
  if (error instanceof MigrationError) fail(error.message);
  fail(`the database at ${describeStore(config)} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
}

// Our own HTTP server in front of Astro's handler, so the public verification endpoint can be
// answered without the SSR pipeline (src/server/verify-fast-path.ts); everything else goes to Astro.
process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
const entry = (await import(pathToFileURL(join(root, 'dist/server/entry.mjs')).href)) as { handler: (req: IncomingMessage, res: ServerResponse) => void };
const content = loadContent(root);
const contentOf = (program: string): CertificateContent => ({
  certification: content.certifications.find((c) => c.data.program === program)?.data,
  program: content.programs.find((p) => p.data.id === program)?.data,
});
// the App Astro's pages use too (getApp keeps one per process): one database pool per web node
const verify = createVerifyFastPath(await getApp(), contentOf);
/** Writes a Fetch Response to Node's response (for the few answers given before Astro sees a request). */
async function send(res: ServerResponse, response: Response): Promise<void> {
  applySecurityHeaders(response.headers);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const server = createServer((req, res) => {
  // Node accepts methods (TRACE, CONNECT, …) that the Fetch API behind Astro cannot represent.
  if (!KNOWN_METHODS.has(req.method ?? '')) {
    req.resume();
    void send(res, methodNotAllowed(new URL(req.url ?? '/', 'http://localhost').pathname, KNOWN_METHODS));
    return;
  }
  if (!verify(req, res)) entry.handler(req, res);
});
server.on('error', (error) => fail(`could not listen on ${config.host}:${config.port}: ${error.message}`));
server.listen(config.port, config.host, () => {
  console.log(`[practicum] Server listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (data in ${config.databaseUrl ? describeStore(config) : config.dataDir})`);
});

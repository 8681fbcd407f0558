// Debian's nginx as the reverse proxy in front of test web nodes, serving the project's own
// deploy/nginx.conf: its `upstream` lists the given nodes instead of Docker's `web` service and it
// listens on a free loopback port; everything else (headers, timeouts, body size) is the file as
// deployers use it. The test's own http block logs which node answered each request.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

export interface RunningNginx {
  origin: string;
  /** "upstream address" per proxied request so far, in order (from the access log). */
  upstreams(): string[];
  stop(): Promise<void>;
}

/** A loopback port free right now: the proxy's, known before the nodes start (their PUBLIC_ORIGIN names it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    srv.on('error', reject);
  });
}

/** The site config of `deployConf` with `nodes` (host:port) as the upstream and `port` to listen on. */
export function siteConfig(deployConf: string, nodes: string[], port: number): string {
  const upstream = /(upstream practicum_web \{)([^}]*?)(\n\s*keepalive)/;
  if (!upstream.test(deployConf) || !/listen 80;/.test(deployConf)) {
    throw new Error('deploy/nginx.conf no longer has the "upstream practicum_web" block or "listen 80;" this helper rewrites');
  }
  return deployConf
    .replace(upstream, (_, open: string, _servers: string, rest: string) => `${open}${nodes.map((n) => `\n  server ${n};`).join('')}${rest}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
}

export async function startNginx(deployConfFile: string, nodes: string[], port: number): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx-light (bash .ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'practicum-nginx-'));
  // nginx's workers run as an unprivileged user when started as root: they must be able to write here
  chmodSync(dir, 0o777);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { mode: 0o777 });
  const log = join(dir, 'access.log');
  writeFileSync(join(dir, 'site.conf'), siteConfig(readFileSync(deployConfFile, 'utf8'), nodes, port));
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  log_format upstream '$upstream_addr';
  access_log ${log} upstream;
  include ${join(dir, 'site.conf')};
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${output}`);
    const up = await fetch(`${origin}/`).then(() => true, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer on ${origin} in 10 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    upstreams: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

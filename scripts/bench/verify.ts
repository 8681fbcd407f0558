// Public verification throughput: GET /api/certificates/<id> for a real certificate, many requests
// in flight over keep-alive connections for a fixed time, against the built server. Target ≥ 2,000/s.
import { Agent, request } from 'node:http';
import { verdict } from './stats.ts';

export const VERIFY_TARGET_PER_SEC = 2000;

export interface VerifyBench {
  requests: number;
  seconds: number;
  perSecond: number;
  errors: number;
}

export async function benchVerify(origin: string, certificateId: string, opts: { seconds?: number; concurrency?: number } = {}): Promise<VerifyBench> {
  const seconds = opts.seconds ?? 5;
  const concurrency = opts.concurrency ?? 32;
  const url = new URL(`/api/certificates/${certificateId}`, origin);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const get = () =>
    new Promise<number>((resolve) => {
      const req = request(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end();
    });
  // Warm up the route, the database pages and the connections.
  await Promise.all(Array.from({ length: concurrency }, get));
  let requests = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const status = await get();
        requests++;
        if (status !== 200) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests, seconds: elapsed, perSecond: requests / elapsed, errors };
}

export function formatVerifyBench(b: VerifyBench): string {
  return `verify endpoint: ${Math.round(b.perSecond).toLocaleString('en')} requests/s over ${b.seconds.toFixed(1)} s, ${b.errors} errors (target ≥ ${VERIFY_TARGET_PER_SEC.toLocaleString('en')}/s) ${verdict(b.perSecond >= VERIFY_TARGET_PER_SEC && b.errors === 0)}`;
}

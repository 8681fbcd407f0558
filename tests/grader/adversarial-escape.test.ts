// Hostile fx-sum submissions that try to leave the sandbox or starve the grader: exiting the test
// process, printing fake results, reading hidden tests or solutions, spawning processes or
// workers, network calls, endless loops and memory bombs. Each is graded through the real grader,
// with and without the static source checks, and must earn no credit; afterwards no run folder
// may be left and the same grader must still pass a correct submission.
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORRECT_SUM,
  HIDDEN_TEST_FILE,
  PROCESS_MODES,
  SOLUTION_FILE,
  expectNoCredit,
  graderFor,
  leftoverRuns,
  startAdversarialEnv,
  wrongSum,
  type AdversarialEnv,
} from './adversarial-helpers.ts';

let env: AdversarialEnv;
// a server outside the sandbox: one route hands out the answers, one stands for the platform's API
let server: Server;
let port = 0;
const received: string[] = [];
const DYN = '__vite_ssr_dynamic_import__'; // vite's runtime import helper, visible to module code

beforeAll(async () => {
  env = await startAdversarialEnv();
  server = createServer((req, res) => {
    received.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ '2,3': 5, '-2,-3': -5 }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  await env.close();
});

/** Answers fetched from `url` (JSON "a,b" -> sum): credit if the request ever gets through. */
const answersFrom = (url: string, init = ''): string =>
  wrongSum(`const answers = await (await fetch(${JSON.stringify(url)}${init})).json();`, 'return answers[`${a},${b}`];');

describe.each(PROCESS_MODES)('hostile submissions (%s)', (mode) => {
  const grade = (source: string) => graderFor(env, mode).grade('fx-sum', { 'src/sum.ts': source });

  it('exits the test process while being imported', async () => {
    expectNoCredit(await grade(wrongSum('process.exit(0);')), /process|stopped before the tests finished|Cannot read properties of undefined \(reading 'exit'\)/);
  });

  it('exits the test process inside a test', async () => {
    expectNoCredit(await grade(wrongSum('', 'process.exit(0);')), /process|stopped before the tests finished|Cannot read properties of undefined \(reading 'exit'\)/);
  });

  it('exits through process.reallyExit and kills itself with a signal', async () => {
    expectNoCredit(await grade(wrongSum('', '(process as any).reallyExit(0); return 0;')));
    expectNoCredit(await grade(wrongSum('', "process.kill(process.pid, 'SIGKILL'); return 0;")));
  });

  it('prints a fake passing result on stdout, stderr and the console', async () => {
    const fake = JSON.stringify({ version: 3, status: 'pass', tests: [{ name: 'sum > adds two numbers', status: 'pass' }], score: 1 });
    const result = await grade(
      wrongSum('', `console.log(${JSON.stringify(fake)}); process.stdout.write(${JSON.stringify(fake + '\n')}); process.stderr.write(${JSON.stringify(fake + '\n')}); return 0;`),
    );
    expectNoCredit(result);
    if (mode === 'process sandbox only') {
      // the fake is only ever the test's captured output, never a result
      expect(result.tests[0]?.output ?? '').toContain('"status":"pass"');
      expect(result.tests[0]?.status).toBe('fail');
    }
  });

  it('reads the hidden tests from disk', async () => {
    const viaImport = wrongSum(
      `import { readFileSync } from 'node:fs';\nconst hidden = readFileSync(new URL('../../tests/hidden/sum.test.ts', import.meta.url), 'utf8');`,
      'return hidden.length;',
    );
    expectNoCredit(await grade(viaImport), /node:fs|import\.meta|not allowed/);
    const viaRuntime = wrongSum(
      `const fs = await ${DYN}('node:fs');\nconst hidden = fs.readFileSync(${JSON.stringify(HIDDEN_TEST_FILE)}, 'utf8');`,
      'return hidden.length;',
    );
    expectNoCredit(await grade(viaRuntime), /__vite_ssr_dynamic_import__|Access to this API has been restricted|ERR_ACCESS_DENIED/);
  });

  it('turns the hidden tests of its own run into an answer table with a ?raw import', async () => {
    // the run folder's copy of the hidden tests sits next to the learner's files
    const source = wrongSum(
      `const { default: text } = await ${DYN}(new URL('../../tests/hidden/sum.test.ts', ${'__vite_ssr_import_meta__'}.url).pathname + '?raw');
const answers = new Map([...String(text).matchAll(/sum\\((-?\\d+), (-?\\d+)\\)\\)\\.toBe\\((-?[\\d.]+)\\)/g)].map((m) => [m[1] + ',' + m[2], Number(m[3])]));`,
      'return answers.get(`${a},${b}`) ?? 0;',
    );
    expectNoCredit(await grade(source), /__vite|not allowed while grading|could not run/);
  });

  it('loads the reference solution by absolute path', async () => {
    expectNoCredit(await grade(`export * from ${JSON.stringify(SOLUTION_FILE)};\n`), /not allowed/);
    expectNoCredit(await grade(`const s = await import(${JSON.stringify(SOLUTION_FILE)});\nexport const sum = s.sum;\nexport const sumAll = s.sumAll;\n`), /not allowed/);
    const runtime = `const s = await ${DYN}(${JSON.stringify(SOLUTION_FILE)});\nexport const sum = s.sum;\nexport const sumAll = s.sumAll;\n`;
    expectNoCredit(await grade(runtime), /__vite_ssr_dynamic_import__|not allowed while grading/);
    const relative = `export * from '../../../../../../../../../../..${SOLUTION_FILE}';\n`;
    expectNoCredit(await grade(relative), /outside your exercise files/);
  });

  it('reads the solution with fs.readFileSync and the permission model still refuses', async () => {
    const source = wrongSum(`const fs = await ${DYN}('node:fs');\nconst solution = fs.readFileSync(${JSON.stringify(SOLUTION_FILE)}, 'utf8');`, 'return solution.length;');
    expectNoCredit(await grade(source), /__vite_ssr_dynamic_import__|restricted|ERR_ACCESS_DENIED/);
  });

  it('spawns a process (child_process exec and spawn)', async () => {
    const marker = join(env.tmp, `spawned-${mode.replace(/\W/g, '')}`);
    const touch = JSON.stringify(`touch ${marker}`);
    expectNoCredit(await grade(wrongSum(`import { execSync } from 'node:child_process';\nexecSync(${touch});`)), /node:child_process/);
    expectNoCredit(await grade(wrongSum(`const cp = await ${DYN}('node:child_process');\ncp.execSync(${touch});`)));
    expectNoCredit(await grade(wrongSum(`const cp = await ${DYN}('node:child_process');\ncp.spawnSync('/bin/sh', ['-c', ${touch}]);`)));
    expectNoCredit(await grade(wrongSum(`(process as any).getBuiltinModule('child_process').execSync(${touch});`)));
    expect(existsSync(marker)).toBe(false);
  });

  it('starts a worker thread', async () => {
    const marker = join(env.tmp, `worker-${mode.replace(/\W/g, '')}`);
    const code = JSON.stringify(`require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')`);
    expectNoCredit(await grade(wrongSum(`import { Worker } from 'node:worker_threads';\nnew Worker(${code}, { eval: true });`)), /node:worker_threads/);
    expectNoCredit(await grade(wrongSum(`const wt = await ${DYN}('node:worker_threads');\nconst w = new wt.Worker(${code}, { eval: true });\nawait new Promise((r) => w.on('exit', r));`)));
    expect(existsSync(marker)).toBe(false);
  });

  it('fetches the answers from a server it can reach from outside the sandbox', async () => {
    const before = received.length;
    expectNoCredit(await grade(answersFrom(`http://127.0.0.1:${port}/answers`)), /fetch/);
    const net = wrongSum(
      `const net = await ${DYN}('node:net');\nawait new Promise((ok, no) => net.connect(${port}, '127.0.0.1', ok).on('error', no));`,
    );
    expectNoCredit(await grade(net));
    expect(received.slice(before)).toEqual([]);
  });

  it('calls the platform itself to submit a correct solution in its place', async () => {
    const before = received.length;
    const init = `, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:${port}' }, body: JSON.stringify({ files: {} }) }`;
    expectNoCredit(await grade(answersFrom(`http://127.0.0.1:${port}/api/exercises/fx-sum/submissions`, init)));
    expectNoCredit(await grade(answersFrom(`http://localhost:${port}/api/me`)));
    expect(received.slice(before)).toEqual([]);
  });

  it('loops forever while being imported', async () => {
    expectNoCredit(await grade(wrongSum('for (;;) {}')), /Time limit exceeded/);
  });

  it('loops forever inside a test', async () => {
    expectNoCredit(await grade(wrongSum('', 'while (a === a) { b++; }\n  return b;')), /Time limit exceeded/);
  });

  it('loops forever asynchronously (a microtask loop and a promise that never settles)', async () => {
    expectNoCredit(await grade(wrongSum('const spin = async (): Promise<void> => { for (;;) await null; };\nawait spin();')), /Time limit exceeded/);
    expectNoCredit(await grade(wrongSum('await new Promise(() => {});')), /Time limit exceeded|timed out/);
  });

  it('grows the heap until it bursts', async () => {
    const bomb = wrongSum('const hoard: string[] = [];\nfor (let i = 0; ; i++) hoard.push(String(i).repeat(1000) + i);');
    expectNoCredit(await grade(bomb), /Memory limit exceeded|Time limit exceeded/);
  });

  it('fills memory outside the V8 heap', async () => {
    const bomb = wrongSum('const hoard: Uint8Array[] = [];\nfor (;;) hoard.push(new Uint8Array(32 * 1024 * 1024).fill(7));');
    expectNoCredit(await grade(bomb), /Memory limit exceeded|Time limit exceeded/);
  });

  it('floods the output to bury the results', async () => {
    const flood = wrongSum('', "for (let i = 0; i < 100_000; i++) console.log('PASS '.repeat(40));\n  return 0;");
    expectNoCredit(await grade(flood), /Output limit exceeded/);
  });

  it('throws values that break error reporting', async () => {
    const hostile = "throw { get message(): string { throw new Error('no message'); }, get stack(): string { throw new Error('no stack'); } };";
    expectNoCredit(await grade(wrongSum('', hostile)));
    expectNoCredit(await grade(wrongSum('', 'const e: any = {}; e.self = e; e.toString = () => { throw e; }; throw e;')));
  });

  it('leaves no run folder behind and still grades a correct submission', async () => {
    expect(await leftoverRuns(env)).toEqual([]);
    const result = await grade(CORRECT_SUM);
    expect(result.status, JSON.stringify(result)).toBe('pass');
    expect(await leftoverRuns(env)).toEqual([]);
  });
});

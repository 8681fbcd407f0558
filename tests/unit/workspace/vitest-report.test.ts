// The vitest JSON report → GradeResult mapping, checked against reports written by a real vitest run
// (the same reporter the WebContainer runner uses), not hand-made JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeFromVitestReport } from '../../../src/client/workspace/vitest-report.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let dir = '';

/** Runs real vitest on one test file and returns the parsed JSON report. */
function realReport(name: string, source: string): unknown {
  const project = join(dir, name);
  mkdirSync(join(project, 'tests/visible'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  writeFileSync(join(project, 'vitest.config.mjs'), "export default { test: { include: ['tests/visible/**/*.test.ts'] } };\n");
  writeFileSync(join(project, 'tests/visible/sample.test.ts'), source);
  const out = join(project, 'results.json');
  spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project, '--reporter=json', `--outputFile.json=${out}`], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'practicum-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gradeFromVitestReport', () => {
  it('maps passed and failed tests in file order with suite names and failure messages', () => {
    const report = realReport(
      'mixed',
      `import { describe, it, expect } from 'vitest';
describe('Project', () => {
  it('passes', () => { expect(1).toBe(1); });
  it('fails with a message', () => { expect(2).toBe(3); });
  it.skip('is skipped', () => {});
});
it('top level passes', () => {});
`,
    );
    const result = gradeFromVitestReport(report, 42);
    expect(result.status).toBe('fail');
    expect(result.tests.map((t) => [t.name, t.status])).toEqual([
      ['Project > passes', 'pass'],
      ['Project > fails with a message', 'fail'],
      ['top level passes', 'pass'],
    ]);
    expect(result.tests[1]?.message).toMatch(/expected 2 to be 3/);
    expect(result).toMatchObject({ durationMs: 42, executed: 3, expected: 4, message: '1 of 3 tests failed.' });
    expect(result.score).toBeCloseTo(2 / 3);
  }, 30_000);

  it('reports a file that does not load as an error naming the file', () => {
    const report = realReport('broken', "import { missing } from './nowhere.ts';\nit('never runs', () => missing());\n");
    const result = gradeFromVitestReport(report, 5);
    expect(result.status).toBe('error');
    expect(result.message).toContain('tests/visible/sample.test.ts');
    expect(result.tests).toEqual([]);
  }, 30_000);

  it('passes when every test passes', () => {
    const result = gradeFromVitestReport(realReport('green', "import { it, expect } from 'vitest';\nit('ok', () => expect(true).toBe(true));\n"), 1);
    expect(result).toMatchObject({ status: 'pass', score: 1, executed: 1 });
  }, 30_000);

  it('treats garbage as an error', () => {
    expect(gradeFromVitestReport({ nope: true }, 1).status).toBe('error');
    expect(gradeFromVitestReport({ testResults: [] }, 1)).toMatchObject({ status: 'error', message: 'No tests ran.' });
  });
});

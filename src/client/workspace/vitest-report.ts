// Turns vitest's JSON report (--reporter=json) into the platform's GradeResult, so a browser run is
// shown exactly like a server run. Pure: the WebContainer runner reads the file and calls this.
import { GRADE_RESULT_VERSION, capMessage, capTests, errorResult, type GradeResult, type TestOutcome } from '../../lib/grade-result.ts';
import { stripAnsi } from './text.ts';

interface JsonAssertion {
  ancestorTitles?: unknown;
  title?: unknown;
  status?: unknown;
  failureMessages?: unknown;
}
interface JsonFile {
  name?: unknown;
  status?: unknown;
  message?: unknown;
  assertionResults?: unknown;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function shortName(file: string): string {
  const at = file.indexOf('/tests/');
  if (at >= 0) return file.slice(at + 1);
  const starter = file.indexOf('/starter/');
  return starter >= 0 ? file.slice(starter + 1) : file;
}

function outcome(a: JsonAssertion): TestOutcome | null {
  const name = [...strings(a.ancestorTitles), typeof a.title === 'string' ? a.title : '(unnamed test)'].join(' > ');
  if (a.status === 'passed') return { name, status: 'pass' };
  if (a.status === 'failed') {
    const message = stripAnsi(strings(a.failureMessages).join('\n')).trim();
    return message ? { name, status: 'fail', message } : { name, status: 'fail' };
  }
  return null; // skipped, todo, pending: not run, not reported (Exercism reports only what ran)
}

/**
 * `durationMs` is measured by the caller (wall clock of the run). Files that failed to load
 * (syntax or import errors) make the whole run an error: nothing trustworthy ran.
 */
export function gradeFromVitestReport(report: unknown, durationMs: number): GradeResult {
  if (typeof report !== 'object' || report === null || !Array.isArray((report as { testResults?: unknown }).testResults)) {
    return errorResult('The test run did not produce a readable report.', { durationMs, expected: 0 });
  }
  const files = (report as { testResults: JsonFile[] }).testResults;
  const tests: TestOutcome[] = [];
  const broken: string[] = [];
  let expected = 0;
  for (const file of files) {
    const assertions = Array.isArray(file.assertionResults) ? (file.assertionResults as JsonAssertion[]) : [];
    expected += assertions.length;
    const message = typeof file.message === 'string' ? stripAnsi(file.message).trim() : '';
    if (file.status === 'failed' && assertions.length === 0) {
      broken.push(`${shortName(typeof file.name === 'string' ? file.name : 'a test file')}: ${message || 'failed to load'}`);
      continue;
    }
    for (const a of assertions) {
      const o = outcome(a);
      if (o) tests.push(o);
    }
  }
  if (broken.length > 0) {
    return errorResult(`The tests could not run. ${broken.join('\n')}`, { durationMs, expected, executed: tests.length });
  }
  if (tests.length === 0) {
    return errorResult('No tests ran.', { durationMs, expected });
  }
  const passed = tests.filter((t) => t.status === 'pass').length;
  const result: GradeResult = {
    version: GRADE_RESULT_VERSION,
    status: passed === tests.length ? 'pass' : 'fail',
    tests: capTests(tests),
    durationMs,
    score: passed / tests.length,
    executed: tests.length,
    expected,
  };
  if (result.status === 'fail') result.message = capMessage(`${tests.length - passed} of ${tests.length} tests failed.`);
  return result;
}

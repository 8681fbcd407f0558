// content:check's rules for an exercise's project requirements (exercise.json "coverage", "readme",
// "monitoring"; lib/schemas/project-requirements.ts): each must point at files the learner can
// submit and the grader can find, and the grader keeps the test configuration to itself, so no
// configuration file may be one the learner edits. Whether the reference solution meets them is
// proven by grading it (scripts/lib/prove-exercises.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import type { ContentIssue } from './issues.ts';

/** Files that configure how tests run or what coverage counts: the grader's, never the learner's. */
const CONFIG_FILE = /(?:^|\/)(?:vitest|vite)\.(?:config|workspace)\.[cm]?[jt]s$|(?:^|\/)package\.json$|(?:^|\/)tsconfig[^/]*\.json$|(?:^|\/)\.c8rc|(?:^|\/)\.nycrc/;
const CODE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

function starterFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    if (!existsSync(at)) return;
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

const matchesAny = (path: string, globs: readonly string[]): boolean => globs.some((g) => posix.matchesGlob(path, g));

export function projectRequirementIssues(root: string, file: string, ex: Exercise): ContentIssue[] {
  if (ex.kind === 'write-tests' || ex.kind === 'review') return [];
  const issues: ContentIssue[] = [];
  const dir = join(root, 'exercises', ex.id);
  const starter = starterFiles(join(dir, 'starter'));
  if (ex.coverage) {
    const { coverage } = ex;
    const tests = ex.editable.filter((p) => matchesAny(p, coverage.tests));
    if (tests.length === 0) {
      issues.push({ file, field: 'coverage.tests', message: `matches none of the editable files (${ex.editable.join(', ')}): coverage is measured by running the learner's own tests, so they must be files the learner submits` });
    }
    const measured = starter.filter((p) => CODE_FILE.test(p) && matchesAny(p, coverage.of) && !matchesAny(p, coverage.exclude) && !matchesAny(p, coverage.tests));
    if (measured.length === 0) {
      issues.push({ file, field: 'coverage.of', message: `matches no code file under exercises/${ex.id}/starter/ once "exclude" and the test files are taken out: name the files whose coverage counts, e.g. "src/**/*.ts"` });
    }
    ex.editable.forEach((p, i) => {
      if (CONFIG_FILE.test(p)) {
        issues.push({ file, field: `editable[${i}]`, message: `"${p}" configures how tests run: the grader measures coverage with its own settings, so the learner may not edit it (remove it from "editable")` });
      }
    });
  }
  if (ex.readme && !ex.editable.includes(ex.readme.file)) {
    issues.push({ file, field: 'readme.file', message: `"${ex.readme.file}" is not one of the editable files: add it to "editable", with a starter version (the sections as headings, prompts in HTML comments) under starter/` });
  }
  if (ex.monitoring) {
    const hidden = join(dir, 'tests', 'hidden');
    const name = JSON.stringify(ex.monitoring.describe).slice(1, -1);
    const texts = existsSync(hidden) ? readdirSync(hidden).filter((n) => n.endsWith('.test.ts')).map((n) => readFileSync(join(hidden, n), 'utf8')) : [];
    const declared = texts.some((t) => [`describe('${name}'`, `describe("${name}"`, `describe(\`${name}\``].some((d) => t.includes(d)));
    if (!declared) {
      issues.push({ file, field: 'monitoring.describe', message: `no test file in exercises/${ex.id}/tests/hidden/ has describe('${ex.monitoring.describe}', …): put the tests that check the wiring to monitoring in a top-level describe block of that name` });
    }
  }
  return issues;
}

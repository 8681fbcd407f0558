// The layers hold: pages and components only render (their data comes from one function under
// src/server/<area>/), so no .astro file reaches into storage, runs SQL or parses JSON, and no route
// file under src/pages runs SQL or parses JSON by hand; src/server/db/ stores and maps rows only, so
// it never decides HTTP answers or access and never imports a domain module; content comes from the
// catalogue alone (the only module that imports astro:content).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string, ends: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, ends));
    else if (ends.some((e) => name.endsWith(e))) out.push(full);
  }
  return out;
}

/** Every module a source imports (static, re-export and dynamic imports). */
function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1] ?? '');
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] ?? '');
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(m[1] ?? '');
  return found;
}

/** A statement handed to the store (db.get/all/run/exec, tx.…, app.db.…) or a better-sqlite3 prepare. */
const RUNS_SQL = /\b(?:db|tx)\s*\.\s*(?:get|all|run|exec|transaction)\s*(?:<[^>]*>)?\s*\(|\.prepare\s*\(/;

/** What an .astro file must not do: reach into storage, run SQL, parse JSON. */
function pageProblems(source: string): string[] {
  const problems = importsOf(source)
    .filter((spec) => /(^|\/)server\/db\//.test(spec))
    .map((spec) => `imports ${spec} (get the data from a function under src/server/<area>/)`);
  if (RUNS_SQL.test(source)) problems.push('runs SQL (a statement on the store)');
  if (/\bJSON\.parse\s*\(/.test(source)) problems.push('parses JSON');
  return problems;
}

/** What a storage module must not do: import anything but its siblings, ids, lib/ (pure) and packages; decide HTTP answers. */
function storageProblems(source: string): string[] {
  const problems = importsOf(source)
    .filter((spec) => spec.startsWith('.') && !spec.startsWith('./') && spec !== '../ids.ts' && !spec.startsWith('../../lib/'))
    .map((spec) => `imports ${spec}`);
  if (/\bHttpError\b/.test(source)) problems.push('uses HttpError (HTTP answers are decided in the domain modules)');
  return problems;
}

const rel = (file: string) => relative(ROOT, file);

describe('layers', () => {
  it('the checks catch what they are for', () => {
    expect(pageProblems("---\nimport { getCohort } from '../../server/db/cohorts.ts';\nconst r = JSON.parse(x);\ndb.prepare('SELECT 1');\n---")).toHaveLength(3);
    expect(pageProblems("---\nconst { x } = await import('../server/db/users.ts');\n---")).toHaveLength(1);
    expect(pageProblems("---\nconst row = await app.db.get('SELECT 1');\n---")).toEqual(['runs SQL (a statement on the store)']);
    expect(pageProblems("---\nconst rows = await Astro.locals.db.all<{ n: number }>('SELECT 1');\n---")).toHaveLength(1);
    expect(pageProblems("---\nimport { learnerPage } from '../../server/cohorts/learner-page.ts';\n---")).toEqual([]);
    expect(storageProblems("import { HttpError } from '../http.ts';\nimport type { X } from '../assessment/draw.ts';")).toHaveLength(3);
    expect(storageProblems("import type { Db } from './open.ts';\nimport { newId } from '../ids.ts';\nimport { a } from '../../lib/contracts/x.ts';")).toEqual([]);
  });

  it('no .astro page or component reaches into storage, runs SQL or parses JSON', () => {
    const files = [...filesUnder(join(ROOT, 'src/pages'), ['.astro']), ...filesUnder(join(ROOT, 'src/components'), ['.astro'])];
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) => pageProblems(readFileSync(f, 'utf8')).map((p) => `${rel(f)} ${p}`));
    expect(found).toEqual([]);
  });

  it('no route under src/pages runs SQL or parses JSON by hand', () => {
    const found = filesUnder(join(ROOT, 'src/pages'), ['.ts']).flatMap((f) => {
      const source = readFileSync(f, 'utf8');
      return [RUNS_SQL.test(source) && `${rel(f)} runs SQL`, /\bJSON\.parse\s*\(/.test(source) && `${rel(f)} parses JSON`].filter(Boolean);
    });
    expect(found).toEqual([]);
  });

  it('only the catalogue (src/server/content/catalog.ts) reads the content collections', () => {
    const allowed = new Set(['src/server/content/catalog.ts', 'src/content.config.ts']);
    const found = filesUnder(join(ROOT, 'src'), ['.ts', '.astro', '.mdx'])
      .filter((f) => !allowed.has(rel(f)) && importsOf(readFileSync(f, 'utf8')).includes('astro:content'))
      .map(rel);
    expect(found).toEqual([]);
  });

  it('src/server/db/ holds queries and row mapping only', () => {
    const files = filesUnder(join(ROOT, 'src/server/db'), ['.ts']).filter((f) => !f.includes(`${join('db', 'migrations')}`));
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((f) => storageProblems(readFileSync(f, 'utf8')).map((p) => `${rel(f)} ${p}`));
    expect(found).toEqual([]);
  });
});

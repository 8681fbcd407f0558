// A project root that serves another program with this project's code, unchanged: the program's
// content/, exercises/, solutions/ and assessments/ (a folder under tests/fixtures/programs/) take the
// place of the course's; src/, scripts/, reference/, public/, assets/ and the config files are copied;
// node_modules is hard-linked, file by file. Not symlinked: Node and Vite resolve a symlink to its real
// path, and the grader's sandbox lets a run read only <root>/node_modules, so modules resolved outside
// the root would be refused. The root lives under .tmp/ (same file system as node_modules, which hard
// links need) and is built with `astro build` like the real one.
import { spawnSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.ts';

/** Copied from this project: the site's code and what it reads at run time. */
const CODE = ['src', 'scripts', 'reference', 'public', 'assets', 'astro.config.mjs', 'package.json', 'tsconfig.json'];
/** Taken from the program folder. */
export const PROGRAM_PARTS = ['content', 'exercises', 'solutions', 'assessments'];
/** Caches some tools keep inside node_modules: each root starts its own instead of sharing (and overwriting) ours. */
const NODE_MODULES_CACHES = new Set(['.astro', '.vite', '.vite-temp', '.vitest-cache', '.cache']);

/** Recreates `from` at `to` with every file hard-linked and every symlink copied as a link. */
function linkTree(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (entry.isDirectory()) linkTree(source, target);
    else linkSync(source, target);
  }
}

export interface ProgramRoot {
  root: string;
  remove(): void;
}

/** Assembles the root for the program in `programDir` (nothing is built yet). */
export function assembleProgramRoot(programDir: string): ProgramRoot {
  const base = join(ROOT, '.tmp', 'program-roots');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, 'root-'));
  for (const name of CODE) cpSync(join(ROOT, name), join(root, name), { recursive: true });
  for (const name of PROGRAM_PARTS) cpSync(join(programDir, name), join(root, name), { recursive: true });
  linkTree(join(ROOT, 'node_modules'), join(root, 'node_modules'), (name) => NODE_MODULES_CACHES.has(name));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** `astro build` in the root; throws with the build's output when it fails. */
export function buildProgramRoot(root: string): void {
  const run = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (run.status !== 0) throw new Error(`astro build of ${root} failed (exit ${run.status}):\n${`${run.stdout}\n${run.stderr}`.slice(-4000)}`);
}

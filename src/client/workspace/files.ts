// Which files make up a learner's workspace and how they are laid out for a test run. The layout
// mirrors the grader's run directory (starter/<path>, tests/visible/*.test.ts importing
// '../../starter/src/x.ts', the exercise's reference library under its own specifier) so visible
// tests behave the same in the browser and on the server. Pure: no DOM, no WebContainer.
import type { ExerciseView, ReferenceLibrarySource } from '../../lib/contracts/exercise-view.ts';

/** The vitest range installed into the WebContainer; matches the grader's major version. */
export const CONTAINER_VITEST_RANGE = '^5.1.1';
/** Where the JSON reporter writes inside the container (read back after the run). */
export const RESULTS_FILE = '.practicum/results.json';

export type FileMap = Record<string, string>;

/** The files a learner works on (those the view says may be submitted), as the starter ships them. */
export function starterFiles(view: Pick<ExerciseView, 'editable' | 'submittable'>): FileMap {
  return Object.fromEntries(view.editable.filter((f) => view.submittable.includes(f.path)).map((f) => [f.path, f.content]));
}

/**
 * Overlays saved files on the starter, keeping only paths that are still editable: an exercise may
 * have changed since the draft was written, and the server refuses unknown paths anyway.
 */
export function overlayEditable(starter: FileMap, saved: FileMap | undefined): FileMap {
  const out: FileMap = { ...starter };
  if (!saved) return out;
  for (const path of Object.keys(starter)) {
    const text = saved[path];
    if (typeof text === 'string') out[path] = text;
  }
  return out;
}

export function sameFiles(a: FileMap, b: FileMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const CONTAINER_PACKAGE_JSON = JSON.stringify(
  {
    name: 'practicum-workspace',
    private: true,
    type: 'module',
    devDependencies: { vitest: CONTAINER_VITEST_RANGE },
  },
  null,
  2,
);

/** Plain JS so the container needs no TypeScript tooling to load its own config; the library under reference/. */
function containerVitestConfig(reference: Pick<ReferenceLibrarySource, 'specifier' | 'entry'>): string {
  return `import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { ${JSON.stringify(reference.specifier)}: fileURLToPath(new URL(${JSON.stringify(`./reference/${reference.entry}`)}, import.meta.url)) } },
  test: {
    include: ['tests/visible/**/*.test.ts', 'starter/**/*.test.ts'],
    testTimeout: 5000,
    watch: false,
  },
});
`;
}

/** Files that do not change while the page is open: config, reference library, visible tests, read-only starter files. */
export function baseRunFiles(view: Pick<ExerciseView, 'reference' | 'visibleTests' | 'readonly'>): FileMap {
  const out: FileMap = {
    'package.json': CONTAINER_PACKAGE_JSON,
    'vitest.config.mjs': containerVitestConfig(view.reference),
  };
  for (const f of view.reference.files) out[`reference/${f.path}`] = f.content;
  for (const f of view.visibleTests) out[f.path] = f.content;
  for (const f of view.readonly) out[`starter/${f.path}`] = f.content;
  return out;
}

/** The learner's files at their place in the run directory. */
export function learnerRunFiles(files: FileMap): FileMap {
  return Object.fromEntries(Object.entries(files).map(([path, text]) => [`starter/${path}`, text]));
}

export interface TreeFile {
  file: { contents: string };
}
export interface TreeDirectory {
  directory: FileTree;
}
export type FileTree = Record<string, TreeFile | TreeDirectory>;

/** A flat path → text map as the nested tree WebContainer's mount() takes. */
export function toFileTree(files: FileMap): FileTree {
  const root: FileTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 0 || parts.includes('..')) throw new Error(`Refusing to mount the path "${path}".`);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const existing = dir[part];
      if (existing && 'file' in existing) throw new Error(`"${part}" is both a file and a folder in the run files.`);
      const next: TreeDirectory = existing ?? { directory: {} };
      dir[part] = next;
      dir = next.directory;
    }
    dir[parts[parts.length - 1] as string] = { file: { contents } };
  }
  return root;
}

/** Model URI for a file of the run layout; Monaco's TypeScript service resolves imports between them. */
export function modelUri(runPath: string): string {
  return `file:///${runPath}`;
}

/**
 * Files the reference library contributes to the editor's type checker, as if installed in
 * node_modules under its specifier. `import … from '<specifier>'` finds the folder's index.ts; an
 * entry with another name gets an index.d.ts that re-exports it.
 */
export function referenceLibs(reference: ReferenceLibrarySource): { filePath: string; content: string }[] {
  const base = `file:///node_modules/${reference.specifier}`;
  const libs = reference.files.map((f) => ({ filePath: `${base}/${f.path}`, content: f.content }));
  if (reference.entry !== 'index.ts') libs.push({ filePath: `${base}/index.d.ts`, content: `export * from ${JSON.stringify(`./${reference.entry}`)};\n` });
  return libs;
}

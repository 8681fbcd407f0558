// Loads Monaco (the ESM build, bundled by Vite into its own chunks) with only what the workspace
// needs: the editor features, TypeScript highlighting and the TypeScript language service. Its web
// workers are Vite `?worker` bundles served from our origin (no CDN). Imported only by editor.ts,
// itself loaded on demand.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import { ModuleKind, ModuleResolutionKind, ScriptTarget, typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';
import editorWorkerUrl from 'monaco-editor/editor/editor.worker?worker&url';
import typeScriptWorkerUrl from 'monaco-editor/languages/features/typescript/ts.worker?worker&url';
import { referenceLibs } from './files.ts';
import type { ReferenceLibrarySource } from '../../lib/contracts/exercise-view.ts';
import { VITEST_TYPES, VITEST_TYPES_PATH } from './vitest-types.ts';

/**
 * Starts a worker from a blob: bootstrap that loads the bundled (classic, IIFE) worker script. A
 * worker created from a same-origin URL must itself be served with a COEP header on an isolated
 * page, and static assets are not; a blob: worker inherits the page's policy instead, and its
 * importScripts of a same-origin script needs nothing more.
 */
function startWorker(url: string, name: string): Worker {
  const absolute = new URL(url, location.href).href;
  const bootstrap = URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(absolute)});`], { type: 'text/javascript' }));
  return new Worker(bootstrap, { name });
}

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'typescript' || label === 'javascript' ? startWorker(typeScriptWorkerUrl, 'typescript') : startWorker(editorWorkerUrl, 'editor');
  },
};

let configured = false;

/** Points the TypeScript service at the exercise's reference library and vitest, with the course's strict settings. */
export function configureTypeScript(reference: ReferenceLibrarySource): typeof monaco {
  if (configured) return monaco;
  configured = true;
  typescriptDefaults.setCompilerOptions({
    target: ScriptTarget.ESNext,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    strict: true,
    noImplicitOverride: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    isolatedModules: true,
  });
  typescriptDefaults.setExtraLibs([...referenceLibs(reference), { filePath: VITEST_TYPES_PATH, content: VITEST_TYPES }]);
  typescriptDefaults.setEagerModelSync(true);
  return monaco;
}

export { monaco };

// Renders one variant of a certification task: its exercise.json, instructions, starter, visible and
// hidden tests, wrong and right solution corpora (exercises/<id>/…) and its reference solution
// (solutions/<id>/…) all come from the one template folder and the variant's parameters
// (variants.json). The result is an ordinary content folder, <root>/exercises/<id> and
// <root>/solutions/<id>, so the grader, the proofs and the exercise views take it as they take any
// exercise. A rendered folder is named by a hash of the template and the parameters and written
// whole before it is used (rename), so the processes of one user share it and an edited template
// never serves a stale render.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { exerciseSchema, type Exercise } from '../../lib/schemas/exercise.ts';
import { variantsSchema, type TaskVariant, type TaskVariants } from '../../lib/schemas/variants.ts';
import { renderPath, renderText, resolveLineRefs, TemplateError, type Anchors } from './template.ts';

/** Bumped when rendering itself changes, so old renders are not reused. */
const RENDERER_VERSION = '1';
const COMPLETE = '.rendered';

export const VARIANTS_FILE = 'variants.json';

/** A task's variants.json is missing parts or invalid: the message names the file and field. */
export class VariantsError extends Error {
  override readonly name = 'VariantsError';
}

export interface RenderedTask {
  variant: TaskVariant;
  /** exercise.json as this variant renders it (its editable paths are the variant's). */
  definition: Exercise;
  /** Holds exercises/<id>/ and solutions/<id>/ of this variant. */
  root: string;
  /** Parameters some file of the template reads (content:check reports the others). */
  used: ReadonlySet<string>;
}

let renderRoot: string | undefined;

/**
 * Default home of rendered variants: one folder per user in the temp folder, shared by that user's
 * processes (renders are named by content hashes, so they are reused, never stale), owned by the user
 * with no access for anyone else. Anyone who could write there could plant a "rendered" variant (the
 * names are hashes of public files) with hidden tests of their own: a folder that is a link, someone
 * else's or open to others is not used, and this process renders into a private folder of its own.
 */
export function defaultRenderRoot(): string {
  if (renderRoot !== undefined && existsSync(renderRoot)) return renderRoot;
  const uid = process.getuid?.();
  const shared = join(tmpdir(), `practicum-variants-${uid ?? 'user'}`);
  let usable = false;
  try {
    mkdirSync(shared, { recursive: true, mode: 0o700 });
    const stat = lstatSync(shared);
    usable = stat.isDirectory() && !stat.isSymbolicLink() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0;
  } catch {
    // a file of that name, or a temp folder we may not write to: the private folder below
  }
  if (usable) return (renderRoot = shared);
  const own = mkdtempSync(join(tmpdir(), 'practicum-variants-'));
  process.once('exit', () => rmSync(own, { recursive: true, force: true }));
  return (renderRoot = own);
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out;
}

/** The task's variants, or null when it has no variants.json (it is then one fixed task). */
export function readVariants(contentRoot: string, exerciseId: string): TaskVariants | null {
  const file = join(contentRoot, 'exercises', exerciseId, VARIANTS_FILE);
  if (!existsSync(file)) return null;
  const where = `exercises/${exerciseId}/${VARIANTS_FILE}`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new VariantsError(`${where}: is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = variantsSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new VariantsError(`${where}: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'is invalid'}`);
  }
  const ids = new Set<string>();
  const keys = Object.keys(parsed.data.variants[0]?.params ?? {}).sort().join(',');
  parsed.data.variants.forEach((v, i) => {
    if (ids.has(v.id)) throw new VariantsError(`${where}: variants[${i}].id "${v.id}" is used twice; each variant has its own id`);
    ids.add(v.id);
    const own = Object.keys(v.params).sort().join(',');
    if (own !== keys) throw new VariantsError(`${where}: variants[${i}] ("${v.id}") sets the parameters ${own || 'none'}, but variants[0] sets ${keys || 'none'}: every variant sets the same ones`);
  });
  return parsed.data;
}

export interface TemplateFile {
  /** Where it renders to, relative to the output root (exercises/<id>/… or solutions/<id>/…). */
  path: string;
  text: string;
}

function templateFiles(contentRoot: string, exerciseId: string): TemplateFile[] {
  const files: TemplateFile[] = [];
  for (const top of ['exercises', 'solutions']) {
    const dir = join(contentRoot, top, exerciseId);
    for (const path of listFiles(dir)) {
      if (top === 'exercises' && path === VARIANTS_FILE) continue;
      files.push({ path: `${top}/${exerciseId}/${path}`, text: readFileSync(join(dir, path), 'utf8') });
    }
  }
  return files;
}

function hashOf(files: readonly TemplateFile[], variant: TaskVariant): string {
  const hash = createHash('sha256').update(RENDERER_VERSION).update(JSON.stringify(variant));
  for (const f of files) hash.update(`\0${f.path}\0${f.text}`);
  return hash.digest('hex').slice(0, 16);
}

/** Renders every template file of one variant in memory: path → text, plus the parameters read. */
export function renderFiles(files: readonly TemplateFile[], variant: TaskVariant): { files: Map<string, string>; used: Set<string> } {
  const used = new Set<string>();
  const anchors: Anchors = new Map();
  const rendered = new Map<string, string>();
  for (const f of files) {
    const path = renderPath(f.path, variant.params, f.path, used);
    if (rendered.has(path)) throw new TemplateError(`${f.path}: renders to "${path}", which another file of the template renders to as well`);
    rendered.set(path, renderText(f.text, variant.params, f.path, anchors, used));
  }
  for (const [path, text] of rendered) rendered.set(path, resolveLineRefs(text, anchors, path));
  return { files: rendered, used };
}

function definitionOf(files: ReadonlyMap<string, string>, exerciseId: string, variant: TaskVariant): Exercise {
  const file = `exercises/${exerciseId}/exercise.json`;
  const text = files.get(file);
  if (text === undefined) throw new VariantsError(`${file} is missing`);
  const parsed = exerciseSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new VariantsError(`${file}, as variant "${variant.id}" renders it: ${first ? `${first.path.join('.')}: ${first.message}` : 'is invalid'}`);
  }
  return parsed.data;
}

/**
 * Renders variant `variantId` of task `exerciseId` under `outRoot` (default: the temp folder), or
 * reuses the render of the same template and parameters. Throws VariantsError / TemplateError with
 * the author's fix.
 */
export function renderVariant(contentRoot: string, exerciseId: string, variantId: string, outRoot: string = defaultRenderRoot()): RenderedTask {
  const variants = readVariants(contentRoot, exerciseId);
  if (!variants) throw new VariantsError(`exercises/${exerciseId} has no ${VARIANTS_FILE}: it has no variants`);
  const variant = variants.variants.find((v) => v.id === variantId);
  if (!variant) throw new VariantsError(`exercises/${exerciseId}/${VARIANTS_FILE} has no variant "${variantId}" (variants: ${variants.variants.map((v) => v.id).join(', ')})`);
  const sources = templateFiles(contentRoot, exerciseId);
  const { files, used } = renderFiles(sources, variant);
  const definition = definitionOf(files, exerciseId, variant);
  const root = join(outRoot, exerciseId, `${variant.id}-${hashOf(sources, variant)}`);
  if (!existsSync(join(root, COMPLETE))) {
    const temp = `${root}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    for (const [path, text] of files) {
      const target = join(temp, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    writeFileSync(join(temp, COMPLETE), '');
    mkdirSync(dirname(root), { recursive: true });
    try {
      renameSync(temp, root);
    } catch (error) {
      // another process rendered the same variant first: theirs is identical
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(join(root, COMPLETE))) throw error;
    }
  }
  return { variant, definition, root, used };
}

/**
 * The folder holding exercises/<id>/ and solutions/<id>/ of a task as `variant` (by default its first)
 * renders them, or `contentRoot` itself for an exercise without variants: how scripts and tests read
 * a task's files as a candidate gets them.
 */
export function taskRoot(contentRoot: string, exerciseId: string, variant?: string): string {
  const variants = readVariants(contentRoot, exerciseId);
  if (!variants) return contentRoot;
  const id = variant ?? variants.variants[0]?.id;
  if (id === undefined) throw new VariantsError(`exercises/${exerciseId}/${VARIANTS_FILE} lists no variant`);
  return renderVariant(contentRoot, exerciseId, id).root;
}

// content:check's rules for tasks with variants (exercises/<id>/variants.json): the file is valid,
// a certification task ships at least MIN_VARIANTS, every variant renders (an unknown parameter or a
// missing anchor is named with its file and line), every parameter is read somewhere, no two variants
// render the same task, and a variant changes only what a candidate is given: its exercise.json
// differs from the template's in file paths alone. Each variant's folder is then checked as any
// exercise folder is (the caller's `folderIssues`). A practice exercise has no variants, and a file
// with template tags but no variants.json would reach candidates with its tags showing.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentIssue } from './issues.ts';
import { MIN_VARIANTS } from '../../lib/schemas/variants.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { readVariants, renderVariant, VARIANTS_FILE, type RenderedTask } from '../variants/render.ts';
import { hasTemplateTags, TemplateError } from '../variants/template.ts';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** What a variant may not change: everything in exercise.json but the file paths. */
function fixedFields(ex: Exercise): string {
  const { editable: _e, readonly: _r, ...rest } = ex;
  const fields: Record<string, unknown> = { ...rest };
  delete fields['reviewFiles'];
  return JSON.stringify(fields);
}

function renderedHash(root: string): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(root)) hash.update(`\0${relative(root, file).split(sep).join('/')}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

export function variantIssues(root: string, file: string, ex: Exercise, folderIssues: (variantRoot: string, variant: Exercise) => ContentIssue[]): ContentIssue[] {
  const variantsFile = `exercises/${ex.id}/${VARIANTS_FILE}`;
  let variants;
  try {
    variants = readVariants(root, ex.id);
  } catch (error) {
    return [{ file: variantsFile, message: describe(error) }];
  }
  if (!variants) {
    for (const top of ['exercises', 'solutions']) {
      for (const path of filesUnder(join(root, top, ex.id))) {
        const text = readFileSync(path, 'utf8');
        if (hasTemplateTags(text) || hasTemplateTags(relative(root, path))) {
          return [{ file: relative(root, path).split(sep).join('/'), message: `holds template tags ("{{…}}") but exercises/${ex.id} has no ${VARIANTS_FILE}: candidates would read the tags as written; add the variants or write the values` }];
        }
      }
    }
    return [];
  }
  const issues: ContentIssue[] = [];
  if (!ex.certification) {
    issues.push({ file: variantsFile, message: 'only certification tasks have variants: a practice exercise is one version, whose solution learners may open (remove variants.json)' });
    return issues;
  }
  if (variants.variants.length < MIN_VARIANTS) {
    issues.push({ file: variantsFile, field: 'variants', message: `has ${variants.variants.length} variant(s): a certification task ships at least ${MIN_VARIANTS}, so candidates of one cohort rarely share a task` });
  }
  for (const field of ['title', 'summary'] as const) {
    if (hasTemplateTags(ex[field])) issues.push({ file, field, message: 'may not hold template tags: it is shown where the variant is not known (write it so it fits every variant)' });
  }
  const used = new Set<string>();
  const seen = new Map<string, string>();
  for (const variant of variants.variants) {
    let rendered: RenderedTask;
    try {
      rendered = renderVariant(root, ex.id, variant.id);
    } catch (error) {
      issues.push({ file: error instanceof TemplateError ? variantsFile : file, message: `variant "${variant.id}" does not render: ${describe(error)}` });
      continue;
    }
    for (const name of rendered.used) used.add(name);
    if (fixedFields(rendered.definition) !== fixedFields(ex)) {
      issues.push({ file, message: `variant "${variant.id}" renders exercise.json with other values than the template's: only file paths (editable, readonly, reviewFiles) may name parameters` });
    }
    const hash = renderedHash(rendered.root);
    const twin = seen.get(hash);
    if (twin) issues.push({ file: variantsFile, message: `variants "${twin}" and "${variant.id}" render the same task: give them different parameters` });
    seen.set(hash, variant.id);
    for (const issue of folderIssues(rendered.root, rendered.definition)) issues.push({ ...issue, message: `variant "${variant.id}": ${issue.message}` });
  }
  const unread = Object.keys(variants.variants[0]?.params ?? {}).filter((name) => !used.has(name));
  if (unread.length > 0) issues.push({ file: variantsFile, message: `no file of the task reads the parameter(s) ${unread.join(', ')}: use them or remove them` });
  return issues;
}

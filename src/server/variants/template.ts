// The template language of a certification task's files (exercises/<id>/… and solutions/<id>/… of a
// task with a variants.json): one folder of files renders into one variant per parameter set. It is
// deliberately small, and every tag is spelled so that ordinary TypeScript and Markdown never form
// one by accident (anything between "{{" and "}}" that is not a tag below is left as written):
//
//   {{name}}  {{name|filter}}   the parameter's value; filters: lower upper camel pascal kebab snake constant
//   {{#name}} … {{/name}}       kept when the parameter is true (or a non-empty string, or a non-zero number)
//   {{^name}} … {{/name}}       kept when it is not
//   {{@anchor}}                 marks its line and renders to nothing (a review file's planted defect)
//   {{line:anchor}}             the 1-based line of that anchor in the rendered file; {{line:anchor+2}}, {{line:anchor-1}}
//
// An unknown parameter, an unclosed section or a line reference to a missing anchor is an error that
// names the file and the line, so an author hears of it from content:check, never from a candidate.

export type ParamValue = string | number | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

/** A template that cannot be rendered: the message names the file, the line and the fix. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
// each part starts with a letter, so "{{line:bad-call-1}}" reads as anchor bad-call, minus one
const ANCHOR = '[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*';
/** Every tag but line references, which are resolved once the anchors of all files are known. */
const TAG = new RegExp(`\\{\\{(?:([#^/])(${NAME})|@(${ANCHOR})|(${NAME})(?:\\|([a-z]+))?)\\}\\}`, 'g');
const LINE_REF = new RegExp(`\\{\\{line:(${ANCHOR})(?:([+-])(\\d+))?\\}\\}`, 'g');

const words = (value: string): string[] =>
  value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);

const FILTERS: Readonly<Record<string, (value: string) => string>> = {
  lower: (v) => v.toLowerCase(),
  upper: (v) => v.toUpperCase(),
  camel: (v) => v.charAt(0).toLowerCase() + v.slice(1),
  pascal: (v) => v.charAt(0).toUpperCase() + v.slice(1),
  kebab: (v) => words(v).map((w) => w.toLowerCase()).join('-'),
  snake: (v) => words(v).map((w) => w.toLowerCase()).join('_'),
  constant: (v) => words(v).map((w) => w.toUpperCase()).join('_'),
};

export const FILTER_NAMES = Object.keys(FILTERS);

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

function truthy(value: ParamValue): boolean {
  return typeof value === 'string' ? value.length > 0 : Boolean(value);
}

function param(params: Params, name: string, where: string): ParamValue {
  const value = params[name];
  if (value === undefined) {
    const known = Object.keys(params).sort();
    throw new TemplateError(`${where}: "{{${name}}}" names no parameter of variants.json (parameters: ${known.join(', ') || 'none'})`);
  }
  return value;
}

/** Where anchors sit after rendering: anchor → {file, line}. */
export type Anchors = Map<string, { file: string; line: number }>;

/**
 * Renders values and sections and strips anchors, recording each anchor's line in `anchors`; line
 * references are left for resolveLineRefs(). `file` names the template in messages. `used` collects
 * the parameters the text reads.
 */
export function renderText(text: string, params: Params, file: string, anchors: Anchors, used?: Set<string>): string {
  type Frame = { kind: '#' | '^'; name: string; keep: boolean; openedAt: number };
  const stack: Frame[] = [];
  let out = '';
  let last = 0;
  const keeping = (): boolean => stack.every((f) => f.keep);
  const pendingAnchors: { anchor: string; at: number }[] = [];
  for (const match of text.matchAll(TAG)) {
    const index = match.index;
    const where = `${file}:${lineAt(text, index)}`;
    if (keeping()) out += text.slice(last, index);
    last = index + match[0].length;
    const [, sigil, sectionName, anchor, name, filter] = match;
    if (sigil && sectionName) {
      if (sigil === '/') {
        const open = stack.pop();
        if (!open || open.name !== sectionName) {
          throw new TemplateError(`${where}: "{{/${sectionName}}}" closes ${open ? `"{{${open.kind}${open.name}}}" (opened at line ${lineAt(text, open.openedAt)})` : 'no open section'}`);
        }
        continue;
      }
      used?.add(sectionName);
      const value = truthy(param(params, sectionName, where));
      stack.push({ kind: sigil as '#' | '^', name: sectionName, keep: sigil === '#' ? value : !value, openedAt: index });
      continue;
    }
    if (anchor) {
      if (keeping()) pendingAnchors.push({ anchor, at: out.length });
      continue;
    }
    if (name) {
      used?.add(name);
      const value = param(params, name, where);
      if (!keeping()) continue;
      let text = String(value);
      if (filter) {
        const apply = FILTERS[filter];
        if (!apply) throw new TemplateError(`${where}: "|${filter}" is not a filter (filters: ${FILTER_NAMES.join(', ')})`);
        text = apply(text);
      }
      out += text;
    }
  }
  const open = stack.at(-1);
  if (open) throw new TemplateError(`${file}:${lineAt(text, open.openedAt)}: "{{${open.kind}${open.name}}}" is never closed with "{{/${open.name}}}"`);
  out += text.slice(last);
  for (const { anchor, at } of pendingAnchors) {
    const seen = anchors.get(anchor);
    if (seen) throw new TemplateError(`${file}: anchor "{{@${anchor}}}" is also at ${seen.file}:${seen.line}; anchors name one line each`);
    anchors.set(anchor, { file, line: lineAt(out, at) });
  }
  return out;
}

/** Replaces {{line:anchor±n}} with the anchor's line once every file has been rendered. */
export function resolveLineRefs(text: string, anchors: Anchors, file: string): string {
  return text.replace(LINE_REF, (_tag, anchor: string, sign: string | undefined, offset: string | undefined, index: number) => {
    const found = anchors.get(anchor);
    if (!found) {
      const known = [...anchors.keys()].sort();
      throw new TemplateError(`${file}:${lineAt(text, index)}: "{{line:${anchor}}}" names no anchor that this variant renders (anchors: ${known.join(', ') || 'none'})`);
    }
    const delta = offset === undefined ? 0 : Number(offset) * (sign === '-' ? -1 : 1);
    return String(found.line + delta);
  });
}

/** True when the text has any tag of the language (a file without variants must have none). */
export function hasTemplateTags(text: string): boolean {
  TAG.lastIndex = 0;
  LINE_REF.lastIndex = 0;
  const found = TAG.test(text) || LINE_REF.test(text);
  TAG.lastIndex = 0;
  LINE_REF.lastIndex = 0;
  return found;
}

/** A path's segments may hold {{name}} and {{name|filter}}; nothing else renders in a path. */
export function renderPath(path: string, params: Params, file: string, used?: Set<string>): string {
  const anchors: Anchors = new Map();
  const out = renderText(path, params, file, anchors, used);
  if (anchors.size > 0 || out.includes('{{line:')) throw new TemplateError(`${file}: a file name may hold parameters only, not anchors or line references`);
  if (out.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new TemplateError(`${file}: renders to "${out}", which is not a path inside the folder`);
  return out;
}

// Content problems as authors read them: every issue names the file, the field and a plain fix.
// zod's own wording ("Invalid input: expected int, received number", "Invalid discriminator value")
// never reaches an author: each kind of zod issue is rephrased here, with the value found and, for
// names, the closest known one ("did you mean …?").
import type { z } from 'astro/zod';
import { closest, didYouMean, listNames } from './suggest.ts';

export interface ContentIssue {
  file: string;
  field?: string;
  message: string;
}

/** What zodIssues needs to say more than zod does: the schema (for field names) and the raw input. */
export interface ZodIssueContext {
  schema?: z.ZodType;
  input?: unknown;
}

type Key = PropertyKey;

export function fieldPath(path: readonly Key[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

// --- reading a zod 4 schema's shape, only as far as messages need it ---

interface SchemaDef {
  type: string;
  shape?: Record<string, SchemaLike>;
  options?: SchemaLike[];
  discriminator?: string;
  innerType?: SchemaLike;
  element?: SchemaLike;
  in?: SchemaLike;
  valueType?: SchemaLike;
  values?: unknown[];
  entries?: Record<string, unknown>;
}
interface SchemaLike {
  _zod: { def: SchemaDef };
}

const isSchema = (value: unknown): value is SchemaLike =>
  typeof value === 'object' && value !== null && '_zod' in value && typeof (value as SchemaLike)._zod?.def?.type === 'string';

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Values a literal or enum schema accepts (empty for anything else). */
function acceptedValues(schema: SchemaLike | undefined): unknown[] {
  const def = schema?._zod.def;
  if (!def) return [];
  if (WRAPPERS.has(def.type) && def.innerType) return acceptedValues(def.innerType);
  if (def.type === 'literal') return def.values ?? [];
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  return [];
}

/** The schemas a value at this point may be checked against, wrappers and pipes removed. */
function candidates(schema: SchemaLike, value: unknown): SchemaLike[] {
  const def = schema._zod.def;
  if (WRAPPERS.has(def.type) && def.innerType) return candidates(def.innerType, value);
  if (def.type === 'pipe' && def.in) return candidates(def.in, value);
  if (def.type === 'union' && def.options) {
    if (def.discriminator && typeof value === 'object' && value !== null) {
      const tag = (value as Record<string, unknown>)[def.discriminator];
      const chosen = def.options.filter((o) => acceptedValues(o._zod.def.shape?.[def.discriminator as string]).includes(tag));
      if (chosen.length > 0) return chosen.flatMap((o) => candidates(o, value));
    }
    return def.options.flatMap((o) => candidates(o, value));
  }
  return [schema];
}

/** Field names an object at `path` may have, per the schema (empty when unknown). */
export function knownFields(schema: z.ZodType | undefined, input: unknown, path: readonly Key[]): string[] {
  if (!isSchema(schema)) return [];
  let here: SchemaLike[] = [schema];
  let value = input;
  for (const key of path) {
    const next: SchemaLike[] = [];
    for (const s of here.flatMap((c) => candidates(c, value))) {
      const def = s._zod.def;
      if (def.type === 'object' && typeof key === 'string' && def.shape?.[key]) next.push(def.shape[key]);
      else if (def.type === 'array' && typeof key === 'number' && def.element) next.push(def.element);
      else if (def.type === 'record' && def.valueType) next.push(def.valueType);
    }
    here = next;
    value = typeof value === 'object' && value !== null ? (value as Record<Key, unknown>)[key as string] : undefined;
  }
  const fields = here.flatMap((c) => candidates(c, value)).flatMap((s) => (s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape ?? {}) : []));
  return [...new Set(fields)];
}

// --- the messages ---

/** A value as a message quotes it: short, and never a whole object. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text in quotes ("…")',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [ … ]',
  object: 'an object { … }',
  record: 'an object { … }',
  literal: 'a fixed value',
};

const quoteValue = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(v));

function valuesList(values: readonly unknown[]): string {
  const words = values.map(quoteValue);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

/** Plain words for one zod issue (the field is named by the caller). */
function messageFor(issue: Issue, context: ZodIssueContext): string {
  const found = 'input' in issue ? ` (found ${describeValue(issue.input)})` : '';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if ('input' in issue && issue.input === undefined) return `is required: write ${expected}`;
      if (issue.path.length === 0) return `must be a JSON object { … } of fields, not ${describeValue(issue.input)}`;
      return `must be ${expected}${found}`;
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator && options) {
        const whole = issue.input;
        const value = typeof whole === 'object' && whole !== null ? (whole as Record<string, unknown>)[discriminator] : undefined;
        if (value === undefined) return `is required: use one of ${valuesList(options)}`;
        const hint = typeof value === 'string' ? didYouMean(value, options.map(String)) : '';
        return `${describeValue(value)} is not a known ${discriminator}: use one of ${valuesList(options)}${hint}`;
      }
      // A union of literals (e.g. difficulty 1 | 2 | 3): list what each branch accepts.
      const branches = issue.errors.flat();
      if (branches.length > 0 && branches.every((b) => b.code === 'invalid_value')) {
        const values = branches.flatMap((b) => (b.code === 'invalid_value' ? b.values : []));
        return `must be one of ${valuesList(values)}${found}`;
      }
      const first = branches[0];
      return first ? `matches none of the forms this field takes; the closest: ${messageFor({ ...first, path: issue.path } as Issue, context)}` : `has a form this field does not take${found}`;
    }
    case 'invalid_value': {
      if (issue.values.length === 1 && issue.values[0] === true) return `must be true when present: mark the correct option(s) with true and leave the field out elsewhere${found}`;
      const near = typeof issue.input === 'string' ? closest(issue.input, issue.values.map(String)) : undefined;
      const foundNear = near ? ` (found ${describeValue(issue.input)}; did you mean "${near}"?)` : found;
      return issue.values.length === 1 ? `must be ${quoteValue(issue.values[0])}${found}` : `must be one of ${valuesList(issue.values)}${foundNear}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      const inclusive = issue.inclusive !== false;
      const input = issue.input;
      if (issue.origin === 'string') {
        const length = typeof input === 'string' ? ` (it has ${input.length})` : '';
        if (small && limit === 1) return 'must not be empty';
        return `must be ${small ? 'at least' : 'at most'} ${limit} characters long${length}`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        const count = Array.isArray(input) ? ` (it has ${input.length})` : '';
        return `needs ${small ? 'at least' : 'at most'} ${limit} ${limit === 1 ? 'entry' : 'entries'}${count}`;
      }
      const bound = inclusive ? (small ? 'at least' : 'at most') : small ? 'greater than' : 'less than';
      return `must be ${bound} ${limit}${found}`;
    }
    case 'invalid_format':
      // The schemas give their patterns a fix in words ("use lowercase kebab-case …"); zod's default does not.
      return /^Invalid /.test(issue.message) ? `has the wrong form${found}` : `${issue.message}${found}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}${found}`;
    case 'invalid_key':
      return `has a key this field does not accept: ${issue.message}`;
    case 'invalid_element':
      return `has an entry this field does not accept: ${issue.message}`;
    default:
      return issue.message;
  }
}

/**
 * One ContentIssue per zod issue, in plain words. With the schema and the raw input in `context`,
 * unknown fields get the closest known field name (or the list of fields), and every message quotes
 * the value found.
 */
export function zodIssues(file: string, error: z.ZodError, context: ZodIssueContext = {}): ContentIssue[] {
  const out: ContentIssue[] = [];
  for (const issue of error.issues as Issue[]) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(context.schema, context.input, issue.path);
      for (const key of issue.keys) {
        const near = closest(key, known);
        const fix = near ? `did you mean "${near}"?` : known.length ? `remove it, or use one of the fields allowed here: ${listNames(known, 30)}` : 'remove it (check the spelling)';
        out.push({ file, field: fieldPath([...issue.path, key]), message: `unknown field: ${fix}` });
      }
      continue;
    }
    const field = fieldPath(issue.path);
    const message = messageFor(issue, context);
    out.push(field ? { file, field, message } : { file, message });
  }
  return out;
}

export function formatIssue(issue: ContentIssue): string {
  return issue.field ? `${issue.file}: ${issue.field}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

// Rendering a task's variants from its template folder, on real files in a temp folder, and the
// rules content:check applies to a task with variants.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readVariants, renderVariant, taskRoot, VariantsError } from '../../../src/server/variants/render.ts';
import { variantIssues } from '../../../src/server/content/variant-check.ts';
import { exerciseSchema, type Exercise } from '../../../src/lib/schemas/exercise.ts';
import { TemplateError } from '../../../src/server/variants/template.ts';

let root: string;
let out: string;

const definition = {
  id: 'task',
  program: 'p',
  title: 'Certification task: an entity',
  summary: 'Implement an entity.',
  session: 3,
  module: 'm',
  skill: 's',
  kind: 'implement',
  difficulty: 'advanced',
  estimateMinutes: 20,
  instructions: 'instructions.md',
  editable: ['src/{{Entity|kebab}}.ts'],
  certification: true,
  hiddenTestCount: 1,
};

const variant = (id: string, Entity: string, max: number, strict = false) => ({ id, label: `${Entity}, at most ${max}`, params: { Entity, max, strict } });

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'variants-src-'));
  out = mkdtempSync(join(tmpdir(), 'variants-out-'));
  write('exercises/task/exercise.json', JSON.stringify(definition));
  write('exercises/task/instructions.md', '# {{Entity}}\n\nNotes of at most {{max}} characters.{{#strict}} Trim them first.{{/strict}}\n');
  write('exercises/task/starter/src/{{Entity|kebab}}.ts', 'export class {{Entity}} {}\n');
  write('exercises/task/tests/hidden/task.test.ts', "import { {{Entity}} } from '../src/{{Entity|kebab}}.ts';\nit('limits notes to {{max}}', () => {});\n");
  write('solutions/task/src/{{Entity|kebab}}.ts', 'export class {{Entity}} { static MAX = {{max}}; }\n');
  write(
    'exercises/task/variants.json',
    JSON.stringify({ variants: [variant('release', 'Release', 2000), variant('deployment', 'ReleaseNote', 500, true), ...['a', 'b', 'c', 'd'].map((x, i) => variant(`v-${x}`, `Entity${x.toUpperCase()}`, 100 + i))] }),
  );
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe('rendering a variant', () => {
  it('renders every file and path of the exercise and its solution, and the definition with the variant\'s paths', () => {
    const rendered = renderVariant(root, 'task', 'deployment', out);
    expect(rendered.definition.editable).toEqual(['src/release-note.ts']);
    expect(rendered.definition.title).toBe(definition.title);
    const read = (path: string) => readFileSync(join(rendered.root, path), 'utf8');
    expect(read('exercises/task/instructions.md')).toBe('# ReleaseNote\n\nNotes of at most 500 characters. Trim them first.\n');
    expect(read('exercises/task/starter/src/release-note.ts')).toBe('export class ReleaseNote {}\n');
    expect(read('exercises/task/tests/hidden/task.test.ts')).toContain("from '../src/release-note.ts'");
    expect(read('solutions/task/src/release-note.ts')).toBe('export class ReleaseNote { static MAX = 500; }\n');
    expect(() => read('exercises/task/variants.json')).toThrow();
    expect([...rendered.used].sort()).toEqual(['Entity', 'max', 'strict']);
  });

  it('reuses a render of the same template and parameters, and renders again when the template changes', () => {
    const first = renderVariant(root, 'task', 'release', out);
    const stamp = statSync(join(first.root, 'exercises/task/instructions.md')).mtimeMs;
    expect(renderVariant(root, 'task', 'release', out).root).toBe(first.root);
    expect(statSync(join(first.root, 'exercises/task/instructions.md')).mtimeMs).toBe(stamp);
    write('exercises/task/instructions.md', '# {{Entity}} (edited)\n{{max}}{{strict}}\n');
    const again = renderVariant(root, 'task', 'release', out);
    expect(again.root).not.toBe(first.root);
    expect(readFileSync(join(again.root, 'exercises/task/instructions.md'), 'utf8')).toBe('# Release (edited)\n2000false\n');
  });

  it('names unknown variants and broken templates with the file and line', () => {
    expect(() => renderVariant(root, 'task', 'nope', out)).toThrow(/has no variant "nope" \(variants: release, deployment/);
    write('exercises/task/tests/visible/v.test.ts', "it('x', () => {});\n// {{Entty}}\n");
    expect(() => renderVariant(root, 'task', 'release', out)).toThrow(TemplateError);
    expect(() => renderVariant(root, 'task', 'release', out)).toThrow(/exercises\/task\/tests\/visible\/v\.test\.ts:2: "\{\{Entty\}\}" names no parameter/);
  });

  it('refuses a variants.json whose variants set different parameters, or repeat an id', () => {
    write('exercises/task/variants.json', JSON.stringify({ variants: [variant('a', 'A', 1), { id: 'b', label: 'B', params: { Entity: 'B' } }] }));
    expect(() => readVariants(root, 'task')).toThrow(/variants\[1\] \("b"\) sets the parameters Entity, but variants\[0\] sets Entity,max,strict/);
    write('exercises/task/variants.json', JSON.stringify({ variants: [variant('a', 'A', 1), variant('a', 'B', 2)] }));
    expect(() => readVariants(root, 'task')).toThrow(VariantsError);
  });

  it('reads a task as its first variant by default, and an exercise without variants in place', () => {
    expect(readFileSync(join(taskRoot(root, 'task'), 'solutions/task/src/release.ts'), 'utf8')).toContain('MAX = 2000');
    rmSync(join(root, 'exercises/task/variants.json'));
    expect(taskRoot(root, 'task')).toBe(root);
  });
});

describe('content:check rules for variants', () => {
  const parsed = (): Exercise => exerciseSchema.parse(JSON.parse(readFileSync(join(root, 'exercises/task/exercise.json'), 'utf8')));
  const issues = (ex: Exercise = parsed()) => variantIssues(root, 'exercises/task/exercise.json', ex, () => []).map((i) => i.message);

  it('accepts the template as written, and checks each variant\'s folder', () => {
    expect(issues()).toEqual([]);
    const seen: string[] = [];
    variantIssues(root, 'exercises/task/exercise.json', parsed(), (_dir, ex) => {
      seen.push(ex.editable[0] ?? '');
      return [{ file: 'x', message: 'a problem' }];
    });
    expect(seen).toHaveLength(6);
    expect(seen).toContain('src/release-note.ts');
  });

  it('wants six variants, every parameter read, no two alike, and neutral titles', () => {
    write('exercises/task/variants.json', JSON.stringify({ variants: [variant('a', 'A', 1), variant('b', 'A', 1)] }));
    const messages = issues();
    expect(messages.some((m) => /has 2 variant\(s\): a certification task ships at least 6/.test(m))).toBe(true);
    expect(messages.some((m) => /variants "a" and "b" render the same task/.test(m))).toBe(true);
    write('exercises/task/variants.json', JSON.stringify({ variants: Array.from({ length: 6 }, (_, i) => ({ id: `v${i}`, label: 'L', params: { Entity: `E${i}`, max: i, strict: false, unused: 1 } })) }));
    expect(issues()).toContain('no file of the task reads the parameter(s) unused: use them or remove them');
    expect(issues({ ...parsed(), title: 'The {{Entity}} task' })).toContain('may not hold template tags: it is shown where the variant is not known (write it so it fits every variant)');
  });

  it('keeps variants to certification tasks, and catches tags in an exercise without variants', () => {
    expect(issues({ ...parsed(), certification: false })[0]).toMatch(/only certification tasks have variants/);
    rmSync(join(root, 'exercises/task/variants.json'));
    expect(issues()[0]).toMatch(/holds template tags .* but exercises\/task has no variants\.json/);
  });
});

describe('where variants are rendered by default', () => {
  let temp: string;
  let saved: string | undefined;
  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'variants-tmp-'));
    saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = temp;
    vi.resetModules();
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
    rmSync(temp, { recursive: true, force: true });
  });
  const fresh = async () => (await import('../../../src/server/variants/render.ts')).defaultRenderRoot();
  const shared = () => join(temp, `practicum-variants-${process.getuid?.() ?? 'user'}`);

  it('is one folder per user, closed to everyone else', async () => {
    const root = await fresh();
    expect(root).toBe(shared());
    expect(statSync(root).mode & 0o777).toBe(0o700);
  });

  it('is a private folder of the process when the shared one is open to others or a link', async () => {
    mkdirSync(shared(), { mode: 0o777 });
    chmodSync(shared(), 0o777);
    const root = await fresh();
    expect(root).not.toBe(shared());
    expect(statSync(root).mode & 0o777).toBe(0o700);
    rmSync(shared(), { recursive: true });
    symlinkSync(temp, shared());
    vi.resetModules();
    expect(await fresh()).not.toBe(shared());
    rmSync(shared());
    writeFileSync(shared(), 'not a folder');
    vi.resetModules();
    expect(await fresh()).not.toBe(shared());
  });
});

import { describe, expect, it } from 'vitest';
import { hasTemplateTags, renderPath, renderText, resolveLineRefs, TemplateError, type Anchors } from '../../../src/server/variants/template.ts';

const render = (text: string, params: Record<string, string | number | boolean>, anchors: Anchors = new Map()): string => renderText(text, params, 'f.ts', anchors);

describe('task template language', () => {
  it('substitutes values and applies filters', () => {
    expect(render('class {{Entity}} {} // {{Entity|kebab}} {{Entity|snake}} {{Entity|constant}} {{Entity|camel}} {{max}}', { Entity: 'ReleaseNote', max: 500 })).toBe(
      'class ReleaseNote {} // release-note release_note RELEASE_NOTE releaseNote 500',
    );
  });

  it('keeps or drops sections by the parameter', () => {
    const text = 'a{{#on}}B{{/on}}{{^on}}C{{/on}}d';
    expect(render(text, { on: true })).toBe('aBd');
    expect(render(text, { on: false })).toBe('aCd');
    expect(render('{{#name}}x{{/name}}', { name: '' })).toBe('');
  });

  it('drops values inside a dropped section without reading a missing value as an error of its own', () => {
    expect(render('{{#on}}{{Entity}}{{/on}}.', { on: false, Entity: 'X' })).toBe('.');
  });

  it('leaves text that is not a tag as written', () => {
    const code = 'const o = {{ a: 1 }}; const t = `${{x: 2}.x}`; {{ spaced }}';
    expect(render(code, {})).toBe(code);
    expect(hasTemplateTags(code)).toBe(false);
    expect(hasTemplateTags('x {{Entity}}')).toBe(true);
  });

  it('records anchors on the rendered line and resolves line references with offsets', () => {
    const anchors: Anchors = new Map();
    const source = render('line 1\n{{#extra}}extra\n{{/extra}}bad(); {{@bad-call}}\n', { extra: true }, anchors);
    expect(source).toBe('line 1\nextra\nbad(); \n');
    expect(anchors.get('bad-call')).toEqual({ file: 'f.ts', line: 3 });
    expect(resolveLineRefs('{"line": {{line:bad-call}}, "off": {{line:bad-call+2}}, "before": {{line:bad-call-1}}}', anchors, 'key.json')).toBe(
      '{"line": 3, "off": 5, "before": 2}',
    );
  });

  it('names the file and line of every problem', () => {
    expect(() => render('ok\n{{Entiy}}', { Entity: 'X' })).toThrow(/f\.ts:2: "\{\{Entiy\}\}" names no parameter of variants\.json \(parameters: Entity\)/);
    expect(() => render('{{#on}}x', { on: true })).toThrow(/never closed/);
    expect(() => render('{{#on}}x{{/off}}', { on: true, off: false })).toThrow(/closes "\{\{#on\}\}"/);
    expect(() => render('{{Entity|shout}}', { Entity: 'X' })).toThrow(/not a filter/);
    expect(() => resolveLineRefs('{{line:nowhere}}', new Map(), 'key.json')).toThrow(TemplateError);
    const anchors: Anchors = new Map();
    expect(() => render('{{@a}}\n{{@a}}', {}, anchors)).toThrow(/anchors name one line each/);
  });

  it('renders parameters in paths and refuses paths that leave the folder', () => {
    expect(renderPath('starter/src/{{Entity|kebab}}.ts', { Entity: 'ReleaseNote' }, 'p')).toBe('starter/src/release-note.ts');
    expect(() => renderPath('starter/{{dir}}/x.ts', { dir: '..' }, 'p')).toThrow(/not a path inside the folder/);
  });
});

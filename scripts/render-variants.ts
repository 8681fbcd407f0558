// `npm run variants -- --exercise <id> [--variant <id>] [--out <dir>]`: renders a certification
// task's variants (every one, or the one named) under <dir> (default .tmp/variants) and prints where each landed, so an author can read
// a variant's instructions, starter and tests as a candidate gets them and grade its corpora with
// `npm run grade -- --exercise <id> --variant <id> --dir <folder>/solutions/<id>`. Exit 1 on a
// template problem, with the file and line.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib/args.ts';
import { readVariants, renderVariant, VariantsError } from '../src/server/variants/render.ts';
import { TemplateError } from '../src/server/variants/template.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const USAGE = 'usage: npm run variants -- --exercise <id> [--variant <id>] [--out <dir>]';

try {
  const args = parseArgs(process.argv.slice(2), ['exercise', 'variant', 'out']);
  const id = args['exercise'];
  if (!id || id === 'true') throw new VariantsError('--exercise <id> is required');
  const variants = readVariants(root, id);
  if (!variants) throw new VariantsError(`exercises/${id} has no variants.json`);
  const wanted = args['variant'];
  const list = variants.variants.filter((v) => wanted === undefined || v.id === wanted);
  if (list.length === 0) throw new VariantsError(`no variant "${wanted}" (variants: ${variants.variants.map((v) => v.id).join(', ')})`);
  // Not the server's per-process folder (removed when the process exits): the author reads these afterwards.
  const out = args['out'] === undefined ? join(root, '.tmp/variants') : resolve(args['out']);
  for (const v of list) {
    const rendered = renderVariant(root, id, v.id, out);
    const unused = Object.keys(v.params).filter((p) => !rendered.used.has(p));
    console.log(`${v.id}\t${v.label}\t${rendered.root}${unused.length ? `\t(parameters no file reads: ${unused.join(', ')})` : ''}`);
  }
} catch (error) {
  if (error instanceof VariantsError || error instanceof TemplateError || (error instanceof Error && /option|argument/i.test(error.message))) {
    console.error(`variants: ${error.message}\n${USAGE}`);
    process.exitCode = 1;
  } else throw error;
}

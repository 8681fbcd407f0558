// JavaScript and CSS a page makes the browser download: every <script src>, stylesheet and
// modulepreload, plus inline <script>/<style>, following each module's static imports (what loads
// up front). Dynamic import() targets are followed separately as "lazy" (e.g. Monaco on exercise
// pages). Target: a lesson page ships ≤ 50 KB of JS+CSS.
import { gzipSync } from 'node:zlib';
import { verdict } from './stats.ts';

export interface PageWeight {
  path: string;
  initialBytes: number;
  initialGzipBytes: number;
  lazyBytes: number;
  files: number;
}

export const LESSON_PAGE_BUDGET = 50 * 1024;

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

function staticImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) if (m[1]) out.add(m[1]);
  for (const m of code.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) if (m[1]) out.add(m[1]);
  return [...out];
}

function dynamicImports(code: string): string[] {
  // Bundlers emit literal specifiers in quotes or backticks (without ${} interpolation).
  return [...code.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)].flatMap((m) => (m[2] ? [m[2]] : []));
}

export async function measurePage(origin: string, path: string, headers: Record<string, string> = {}): Promise<PageWeight> {
  const html = await (await fetch(origin + path, { headers })).text();
  const seen = new Map<string, string>();
  const lazySeen = new Map<string, string>();
  let inline = '';
  const queue: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const rel = attr(tag, 'rel') ?? '';
    const url = isScript ? attr(tag, 'src') : /stylesheet|modulepreload/i.test(rel) ? attr(tag, 'href') : undefined;
    if (url) queue.push(new URL(url, origin + path).href);
  }
  for (const m of html.matchAll(/<(script|style)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    if (!/\bsrc=/.test(m[0].slice(0, m[0].indexOf('>'))) && !/type=["']application\/json/.test(m[0])) inline += m[2] ?? '';
  }
  const fetchInto = async (target: Map<string, string>, start: string[], followDynamic: boolean): Promise<string[]> => {
    const dynamic: string[] = [];
    const pending = [...start];
    while (pending.length > 0) {
      const url = pending.pop() ?? '';
      if (seen.has(url) || target.has(url)) continue;
      const body = await (await fetch(url)).text();
      target.set(url, body);
      if (url.endsWith('.js') || url.includes('.js?')) {
        for (const spec of staticImports(body)) if (spec.startsWith('.') || spec.startsWith('/')) pending.push(new URL(spec, url).href);
        for (const spec of dynamicImports(body)) if (spec.startsWith('.') || spec.startsWith('/')) dynamic.push(new URL(spec, url).href);
      }
      if (followDynamic) pending.push(...dynamic.splice(0));
    }
    return dynamic;
  };
  const lazyRoots = await fetchInto(seen, queue, false);
  await fetchInto(lazySeen, lazyRoots, true);
  const initial = [...seen.values()].join('') + inline;
  return {
    path,
    initialBytes: Buffer.byteLength(initial),
    initialGzipBytes: gzipSync(initial).length,
    lazyBytes: Buffer.byteLength([...lazySeen.values()].join('')),
    files: seen.size,
  };
}

export function formatPageWeight(w: PageWeight, budget?: number): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const head = `page weight ${w.path}: ${kb(w.initialBytes)} JS+CSS up front (${kb(w.initialGzipBytes)} gzipped, ${w.files} files)`;
  const lazy = w.lazyBytes ? `, ${kb(w.lazyBytes)} more loaded lazily` : '';
  return budget === undefined ? head + lazy : `${head}${lazy} (budget ≤ ${kb(budget)}) ${verdict(w.initialBytes <= budget)}`;
}

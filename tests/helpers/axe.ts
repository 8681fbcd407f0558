// Accessibility checks in real Chromium with axe-core: its source is evaluated in the page through the
// DevTools protocol (not a <script> tag, which the site's Content-Security-Policy would refuse) and run
// on the whole document. Serious and critical violations fail a test; the rest are reported by axe too
// but left to judgement.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Selectors of the offending elements (first few) with axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

interface AxeResult {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}

/** Every violation axe finds on the page as it is now (only those of `rules`, when given). */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const options = { resultTypes: ['violations'], ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}) };
  const result = (await page.evaluate(async (opts) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe;
    return axe.run(document, opts);
  }, options)) as AxeResult;
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
  }));
}

/** The serious and critical violations: what must be fixed. */
export async function seriousViolations(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
  return (await axeViolations(page, rules)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

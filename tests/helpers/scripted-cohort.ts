// One scripted cohort, the same whatever serves it: an instructor opens a cohort, learners sign up
// and join it through the web nodes in turn, finish a lesson, and submit an exercise (a wrong
// attempt, then the reference solution) through alternating nodes. Used by the cluster test to
// compare the cluster's cohort report with the embedded mode's, and by `npm run bench -- --cluster`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpClient } from './server.ts';

export const SCRIPT_EXERCISE = 's1-project-entity';

export interface ScriptNode {
  client(): HttpClient;
}

export interface Acknowledged {
  learner: string;
  id: string;
  status: string;
}

export interface ScriptedCohort {
  cohortId: string;
  instructor: HttpClient;
  acknowledged: Acknowledged[];
}

function form(fields: Record<string, string>) {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/**
 * Runs the script against `nodes` (one or more web nodes of the same platform); `instructor` must
 * already be signed in as an instructor. Learner i works through node i mod n, and submits its
 * second attempt through the next node. `onSubmitted` sees each acknowledged submission at once.
 */
export async function runScriptedCohort(
  root: string,
  nodes: ScriptNode[],
  instructor: HttpClient,
  options: { learners: number; slowMs?: (learner: number) => number; onSubmitted?: (a: Acknowledged) => void },
): Promise<ScriptedCohort> {
  const solution = readFileSync(join(root, 'solutions', SCRIPT_EXERCISE, 'src/project.ts'), 'utf8');
  const wrong = 'export class Project {\n  constructor(readonly id: string) {}\n}\n';
  const created = await instructor.post('/api/cohorts', { name: 'Scripted cohort', program: 'clean-timestamp', sessionDates: ['2026-11-02', '2026-11-04', '2026-11-06'] });
  if (created.status !== 201) throw new Error(`the cohort was not created: ${created.status} ${await created.text()}`);
  const cohort = ((await created.json()) as { cohort: { id: string; joinCode: string } }).cohort;
  const acknowledged: Acknowledged[] = [];
  const nodeOf = (i: number) => nodes[i % nodes.length]!;

  await Promise.all(
    Array.from({ length: options.learners }, async (_, i) => {
      const name = `Learner ${String(i + 1).padStart(3, '0')}`;
      const email = `learner${i + 1}@example.com`;
      const first = nodeOf(i).client();
      await first.signUp(email, name);
      const joined = await first.request('POST', `/join/${cohort.joinCode}`, form({}));
      if (joined.status !== 303) throw new Error(`${email} could not join: ${joined.status}`);
      // the second node knows the same session: nothing lives on one node
      const second = nodeOf(i + 1).client();
      second.cookies = new Map(first.cookies);
      const submit = async (client: HttpClient, code: string) => {
        const res = await client.post(`/api/exercises/${SCRIPT_EXERCISE}/submissions`, { files: { 'src/project.ts': code } });
        const body = (await res.json()) as { id?: string; status?: string; error?: { code: string; message: string } };
        if (res.status !== 200 || !body.id) throw new Error(`${email}: submission answered ${res.status} ${JSON.stringify(body)}`);
        const ack = { learner: email, id: body.id, status: body.status ?? '' };
        acknowledged.push(ack);
        options.onSubmitted?.(ack);
      };
      // every third learner stops after the wrong attempt: a cohort with learners stuck
      await submit(first, wrong);
      // a slow correct solution (the same code, taking `slow` ms to load) keeps a worker busy that long
      const slow = options.slowMs?.(i) ?? 0;
      if (i % 3 !== 2) await submit(second, slow > 0 ? `const until = Date.now() + ${slow};\nwhile (Date.now() < until) { /* busy */ }\n${solution}` : solution);
    }),
  );
  return { cohortId: cohort.id, instructor, acknowledged };
}

/** The cohort report without what differs between two runs of the same script (ids, times, links). */
export function comparableReport(report: unknown): unknown {
  const drop = /(^id$|Id$|At$|_at$|[Dd]ate|[Tt]ime|joinCode|[Uu]rl$|href)/;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([k]) => !drop.test(k))
          .map(([k, v]) => [k, walk(v)]),
      );
    }
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return '<time>';
    return value;
  };
  return walk(report);
}

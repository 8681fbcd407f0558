// Sessions as timed agendas: the schema of agenda blocks, a session's length as the sum of its blocks
// (the training plan's agenda: 180, 180 and 120 minutes), clock times, and what content:check tells an
// author about agendas (on copies of the second program broken one way each).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTimeOfDay, modulesOf, parseTimeOfDay, programMinutes, sessionMinutes, timeline } from '../../../src/lib/agenda.ts';
import { programSchema, type Program } from '../../../src/lib/schemas/program.ts';
import { loadContent } from '../../../src/server/content/files.ts';
import { formatIssue, zodIssues } from '../../../src/server/content/issues.ts';
import { validateContent } from '../../../src/server/content/validate.ts';

const root = join(import.meta.dirname, '../../..');
const fixture = join(root, 'tests/fixtures/programs/money-basics');
const PROGRAM = 'content/programs/money-basics/program.json';
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

const cleanTimestamp = (): Program => {
  const program = loadContent(root).programs.find((p) => p.data.id === 'clean-timestamp')?.data;
  if (!program) throw new Error('clean-timestamp is missing');
  return program;
};

type RawProgram = { sessions: { agenda: Record<string, unknown>[]; [key: string]: unknown }[] };

/** content:check's messages about program.json for a copy of the second program with `edit` applied to it. */
function programMessages(edit: (program: RawProgram) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'practicum-agenda-'));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  const path = join(dir, PROGRAM);
  const program = JSON.parse(readFileSync(path, 'utf8')) as RawProgram;
  edit(program);
  writeFileSync(path, JSON.stringify(program, null, 2));
  return validateContent(dir, { codeRoot: root, lessonCode: false })
    .issues.filter((i) => i.file === PROGRAM)
    .map(formatIssue);
}

const session = (p: RawProgram) => p.sessions[0] ?? { agenda: [] };

describe('the course’s agenda', () => {
  it('lasts 180, 180 and 120 minutes, as the training plan’s agenda adds up (its headings say 2 h, 2 h and 1.5 h)', () => {
    const program = cleanTimestamp();
    expect(program.sessions.map(sessionMinutes)).toEqual([180, 180, 120]);
    expect(programMinutes(program)).toBe(480);
  });

  it('keeps every block of the training plan in order, breaks, openings and wrap-ups included', () => {
    const program = cleanTimestamp();
    expect(program.sessions.map((s) => s.agenda.map((b) => `${b.kind} ${b.durationMinutes}`))).toEqual([
      ['opening 15', 'module 30', 'module 45', 'break 15', 'module 30', 'module 25', 'wrap-up 20'],
      ['homework-review 20', 'module 40', 'module 35', 'break 15', 'module 30', 'module 20', 'wrap-up 20'],
      ['presentations 30', 'module 25', 'assessment 35', 'module 15', 'celebration 15'],
    ]);
    expect(program.sessions.map((s) => modulesOf(s).map((m) => m.id))).toEqual([
      ['s1-m1', 's1-m2', 's1-m3', 's1-m4'],
      ['s2-m1', 's2-m2', 's2-m3', 's2-m4'],
      ['s3-m1', 's3-m2', 's3-m3'],
    ]);
    // The final project is what session 3 opens with.
    expect(program.sessions[2]?.agenda[0]).toMatchObject({ kind: 'presentations', exercises: ['s2-final-project'], lessons: ['final-project-review'] });
  });

  it('puts each block on the clock: cumulative minutes, and clock times from a start time of day', () => {
    const first = cleanTimestamp().sessions[0];
    if (!first) throw new Error('no session 1');
    const blocks = timeline(first);
    expect(blocks.map((b) => [b.from, b.to])).toEqual([[0, 15], [15, 45], [45, 90], [90, 105], [105, 135], [135, 160], [160, 180]]);
    const start = parseTimeOfDay('09:30') ?? 0;
    expect(blocks.map((b) => formatTimeOfDay(start + b.from))).toEqual(['09:30', '09:45', '10:15', '11:00', '11:15', '11:45', '12:10']);
    expect(formatTimeOfDay(start + 180)).toBe('12:30');
    expect(formatTimeOfDay(parseTimeOfDay('23:00')! + 120)).toBe('01:00');
    for (const bad of ['9:30', '24:00', '12:60', '', 'noon', '09:30:00']) expect(parseTimeOfDay(bad)).toBeNull();
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay(' 23:59 ')).toBe(1439);
  });
});

describe('the agenda schema', () => {
  const raw = JSON.parse(readFileSync(join(fixture, PROGRAM), 'utf8')) as RawProgram & Record<string, unknown>;
  const problems = (input: unknown) => {
    const result = programSchema.safeParse(input, { reportInput: true });
    return result.success ? [] : zodIssues('f.json', result.error, { schema: programSchema, input }).map(formatIssue);
  };
  const withAgenda = (agenda: unknown[]) => ({ ...raw, sessions: [{ ...raw.sessions[0], agenda }] });
  const module = raw.sessions[0]?.agenda.find((b) => b['kind'] === 'module');

  it('fills notes, exercises and a framing block’s lessons with empty lists', () => {
    const parsed = programSchema.parse(withAgenda([{ kind: 'break', title: 'Break', durationMinutes: 10 }, module]));
    expect(parsed.sessions[0]?.agenda[0]).toEqual({ kind: 'break', title: 'Break', durationMinutes: 10, notes: [], exercises: [], lessons: [] });
  });

  it('refuses a stated session length: the agenda is its one home', () => {
    expect(problems({ ...raw, sessions: [{ ...raw.sessions[0], durationMinutes: 60 }] })).toEqual([
      'f.json: sessions[0].durationMinutes: unknown field: remove it, or use one of the fields allowed here: "number", "title", "summary" or "agenda"',
    ]);
  });

  it('names the kinds a block may be, and what a module needs', () => {
    expect(problems(withAgenda([{ kind: 'lunch', title: 'Lunch', durationMinutes: 30 }]))).toEqual([
      'f.json: sessions[0].agenda[0].kind: "lunch" is not a known kind: use one of "module", "assessment", "opening", "homework-review", "presentations", "break", "wrap-up" or "celebration"',
    ]);
    expect(problems(withAgenda([{ kind: 'module', title: 'M', durationMinutes: 30, lessons: ['cents-not-floats'] }]))).toEqual([
      'f.json: sessions[0].agenda[0].id: is required: write text in quotes ("…")',
      'f.json: sessions[0].agenda[0].objectives: is required: write a list [ … ]',
    ]);
    expect(problems(withAgenda([{ ...module, durationMinutes: 0 }]))).toEqual(['f.json: sessions[0].agenda[0].durationMinutes: must be greater than 0 (found 0)']);
    expect(problems(withAgenda([{ kind: 'opening', id: 'o', title: 'Opening', durationMinutes: 5 }]))[0]).toMatch(/^f\.json: sessions\[0\]\.agenda\[0\]\.id: unknown field/);
  });
});

describe('content:check on agendas', () => {
  it('passes the second program as shipped', () => {
    expect(programMessages(() => {})).toEqual([]);
  });

  it('a break with exercises, a session without a module, a module id used twice', () => {
    expect(programMessages((p) => session(p).agenda.splice(2, 1, { kind: 'break', title: 'Break', durationMinutes: 10, exercises: ['mb-split-tests'] }))).toEqual([
      `${PROGRAM}: sessions[0].agenda[2]: a break has no lessons or exercises: move them to the block before or after it`,
    ]);
    expect(
      programMessages((p) => {
        const s = session(p);
        s.agenda = s.agenda.filter((b) => b['kind'] !== 'module');
        s.agenda.push({ kind: 'wrap-up', title: 'Wrap-up', durationMinutes: 10, lessons: ['cents-not-floats', 'splitting-amounts'] });
      }),
    ).toEqual([`${PROGRAM}: sessions[0].agenda: needs at least one "module" (or "assessment") block: a session teaches its lessons and exercises in modules`]);
    expect(programMessages((p) => Object.assign(session(p).agenda[3] ?? {}, { id: 'm1-cents' }))).toEqual([
      `${PROGRAM}: sessions[0].agenda[3].id: module id "m1-cents" is used twice: give each module its own id`,
    ]);
  });

  it('exercises a block lists: they exist, are practice exercises, and are not already the module’s', () => {
    const listing = (ids: string[], at = 0) => programMessages((p) => Object.assign(session(p).agenda[at] ?? {}, { exercises: ids }));
    expect(listing(['mb-parse-cent'])[0]).toMatch(/^content\/programs\/money-basics\/program\.json: sessions\[0\]\.agenda\[0\]\.exercises\[0\]: .*mb-parse-cent.*did you mean "mb-parse-cents"/);
    expect(listing(['mb-parse-cents', 'mb-parse-cents'])).toEqual([`${PROGRAM}: sessions[0].agenda[0].exercises[1]: exercise "mb-parse-cents" is listed twice in this block: list it once`]);
    // mb-parse-cents belongs to module m1-cents (agenda[1]) through its exercise.json.
    expect(listing(['mb-parse-cents'], 1)).toEqual([`${PROGRAM}: sessions[0].agenda[1].exercises[0]: exercise "mb-parse-cents" is already in module "m1-cents" (its exercise.json's "module"): remove it here`]);
    expect(listing(['mb-review-invoice'])).toEqual([`${PROGRAM}: sessions[0].agenda[0].exercises[0]: exercise "mb-review-invoice" is a certification task, reached only inside an attempt: list practice exercises here`]);
    expect(listing(['mb-parse-cents'], 4)).toEqual([]);
  });
});

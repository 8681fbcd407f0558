// A session's agenda as time: its length (the sum of its blocks, the only home of that number), its
// modules, and where each block starts and ends, as minutes into the session or as a clock time from a
// start time of day. Pure: the program page, the facilitator view and content:check all count alike.
import type { AgendaBlock, Program, ProgramModule, ProgramSession } from './schemas/program.ts';

/** Minutes in a day: clock times past midnight wrap around. */
const DAY_MINUTES = 24 * 60;

export function isTeachingBlock(block: AgendaBlock): block is ProgramModule {
  return block.kind === 'module' || block.kind === 'assessment';
}

/** The session's modules (and assessment), in agenda order. */
export function modulesOf(session: ProgramSession): ProgramModule[] {
  return session.agenda.filter(isTeachingBlock);
}

/** Every module of the program, sessions in order. */
export function programModules(program: Program): ProgramModule[] {
  return program.sessions.flatMap(modulesOf);
}

/** How long the session lasts: the sum of its blocks, breaks included. */
export function sessionMinutes(session: ProgramSession): number {
  return session.agenda.reduce((total, block) => total + block.durationMinutes, 0);
}

/** How long all sessions last together. */
export function programMinutes(program: Program): number {
  return program.sessions.reduce((total, session) => total + sessionMinutes(session), 0);
}

export interface TimedBlock {
  block: AgendaBlock;
  /** Position in the agenda, from 0. */
  index: number;
  /** Minutes from the session's start to the block's start and end. */
  from: number;
  to: number;
}

/** The blocks in order with their cumulative start and end, in minutes from the session's start. */
export function timeline(session: ProgramSession): TimedBlock[] {
  let at = 0;
  return session.agenda.map((block, index) => {
    const from = at;
    at += block.durationMinutes;
    return { block, index, from, to: at };
  });
}

/** "09:30" → 570; null for anything but a 24-hour HH:MM time of day. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** 570 → "09:30"; minutes past midnight wrap to the next day's clock. */
export function formatTimeOfDay(minutes: number): string {
  const m = ((Math.round(minutes) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

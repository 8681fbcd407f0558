// Drawing the fixed quiz paper of one certification attempt (or of one practice exam) from a
// program's question bank. A real paper never holds a practice item and a practice paper holds only
// practice items (`practice: true`), so studying with practice exams gives nothing of a real one away.
// Rules, all at once: questionCount distinct questions; perSkillMinimum per skill area; at least one
// question from each session and each difficulty level the bank covers; never a question that
// reveals a practical task on the same paper. Within those rules the candidate's unseen questions
// come first (a retake does not replay keys and explanations already shown), then the least used
// (as Moodle's random questions do); question order and option order are shuffled.
// The random source is passed in, so a seeded generator makes a draw reproducible in tests.
import type { Question } from '../../lib/schemas/question.ts';
import type { CertificationComponent, CertificationLevel } from '../../lib/schemas/certification.ts';
import type { AttemptPaper } from '../../lib/contracts/attempt-paper.ts';

/** Returns a float in [0, 1), like Math.random. */
export type Rng = () => number;

export type QuizComponent = Extract<CertificationComponent, { type: 'quiz' }>;

type DrawRules = Pick<QuizComponent, 'questionCount' | 'perSkillMinimum'>;

/** What the rest of the attempt's paper holds, beyond the quiz itself. */
export interface PaperContext {
  /** Exercise ids of the practical tasks on the same paper; questions that reveal one are never drawn. */
  paperExercises?: readonly string[];
  /** A certification exam (the default) draws from the bank's real items, a practice exam only from its practice items. */
  purpose?: 'exam' | 'practice';
}

/** The items a paper of this purpose may be drawn from. */
export function poolFor(bank: readonly Question[], purpose: PaperContext['purpose'] = 'exam'): Question[] {
  return bank.filter((q) => (q.practice === true) === (purpose === 'practice'));
}

/** The practice items a level's practice exam is drawn from: within its sessions and difficulties (all when not given). */
export function practicePool(bank: readonly Question[], level: Pick<CertificationLevel, 'practice'>): Question[] {
  const rules = level.practice;
  if (!rules) return [];
  return poolFor(bank, 'practice').filter(
    (q) => (rules.sessions === undefined || rules.sessions.includes(q.session)) && (rules.difficulties === undefined || rules.difficulties.includes(q.difficulty)),
  );
}

export interface DrawInput extends PaperContext {
  bank: readonly Question[];
  component: DrawRules;
  /** How often each question has been drawn before (attempt_questions counts); missing = 0. */
  usage?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** Questions this candidate saw on the papers of earlier attempts; drawn only once unseen ones run out. */
  seen?: ReadonlySet<string>;
  rng: Rng;
}

/** The bank cannot satisfy the component's rules; `problems` lists every reason. */
export class DrawError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`cannot draw a quiz paper: ${problems.join('; ')}`);
    this.name = 'DrawError';
    this.problems = problems;
  }
}

/**
 * Small, fast, seedable PRNG (mulberry32). Good enough to shuffle a quiz; not for secrets.
 * In production seed it from crypto (e.g. `createRng(randomInt(2 ** 32))`) or pass Math.random.
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** True when the question gives away (part of) the solution of one of these exercises. */
export function revealsAny(question: Question, exercises: readonly string[]): boolean {
  return (question.reveals ?? []).some((id) => exercises.includes(id));
}

/**
 * The strata a paper must cover, and where each eligible question sits in them. Sessions and
 * difficulties are those of the whole bank: when every session-3 question is excluded because it
 * reveals a task, the rule is not quietly dropped, the draw is impossible.
 */
class Strata {
  readonly skills: string[];
  readonly sessions: number[];
  readonly difficulties: number[];

  constructor(bank: readonly Question[], rules: DrawRules) {
    this.skills = Object.keys(rules.perSkillMinimum).sort();
    this.sessions = [...new Set(bank.map((q) => q.session))].sort((a, b) => a - b);
    this.difficulties = [...new Set<number>(bank.map((q) => q.difficulty))].sort((a, b) => a - b);
  }

  /** Index of the question's (skill, session, difficulty) cell; skills without a minimum share one. */
  cellOf(q: Question): number {
    const skill = this.skills.indexOf(q.skill) + 1; // 0 = a skill without a minimum
    const session = this.sessions.indexOf(q.session);
    const difficulty = this.difficulties.indexOf(q.difficulty);
    return (skill * this.sessions.length + session) * this.difficulties.length + difficulty;
  }

  cellSkill(cell: number): number {
    return Math.floor(cell / (this.sessions.length * this.difficulties.length)) - 1;
  }

  cellSessionBit(cell: number): number {
    return 1 << (Math.floor(cell / this.difficulties.length) % this.sessions.length);
  }

  cellDifficultyBit(cell: number): number {
    return 1 << (cell % this.difficulties.length);
  }

  get cellCount(): number {
    return (this.skills.length + 1) * this.sessions.length * this.difficulties.length;
  }
}

/** What a partly drawn paper still needs: per-skill shortfalls and the uncovered strata (bit sets). */
interface Need {
  skills: number[];
  sessions: number;
  difficulties: number;
}

function popcount(bits: number): number {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
}

function afterTaking(need: Need, strata: Strata, cell: number): Need {
  const skill = strata.cellSkill(cell);
  const skills = [...need.skills];
  if (skill >= 0 && (skills[skill] ?? 0) > 0) skills[skill] = (skills[skill] ?? 0) - 1;
  return { skills, sessions: need.sessions & ~strata.cellSessionBit(cell), difficulties: need.difficulties & ~strata.cellDifficultyBit(cell) };
}

function isMet(need: Need): boolean {
  return need.sessions === 0 && need.difficulties === 0 && need.skills.every((n) => n === 0);
}

/**
 * The fewest questions, taken from `available` (question counts per cell), that meet `need`;
 * Infinity when no choice does. An exact search over cells with memoisation: for each cell it
 * decides how many of its questions to take, never more than can still help.
 */
function fewestToMeet(need: Need, available: readonly number[], strata: Strata): number {
  const memo = new Map<string, number>();
  const cells = available.length;
  const visit = (cell: number, skills: number[], sessions: number, difficulties: number): number => {
    if (isMet({ skills, sessions, difficulties })) return 0;
    if (cell === cells) return Infinity;
    const key = `${cell}|${skills.join(',')}|${sessions}|${difficulties}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let best = visit(cell + 1, skills, sessions, difficulties);
    const count = available[cell] ?? 0;
    if (count > 0) {
      const skill = strata.cellSkill(cell);
      const shortfall = skill >= 0 ? (skills[skill] ?? 0) : 0;
      const coversStratum = (sessions & strata.cellSessionBit(cell)) !== 0 || (difficulties & strata.cellDifficultyBit(cell)) !== 0;
      const useful = Math.min(count, shortfall > 0 ? shortfall : coversStratum ? 1 : 0);
      const nextSessions = sessions & ~strata.cellSessionBit(cell);
      const nextDifficulties = difficulties & ~strata.cellDifficultyBit(cell);
      for (let k = 1; k <= useful; k++) {
        const nextSkills = skill >= 0 ? skills.map((n, i) => (i === skill ? n - k : n)) : skills;
        best = Math.min(best, k + visit(cell + 1, nextSkills, nextSessions, nextDifficulties));
      }
    }
    memo.set(key, best);
    return best;
  };
  return visit(0, need.skills, need.sessions, need.difficulties);
}

/**
 * A quick sufficient test: meets `need` within `slots` by always taking the question that closes
 * the most gaps. When it succeeds the exact search is not needed; when it fails, the exact search
 * decides (greedy covering can miss a solution that exists).
 */
function greedyMeets(need: Need, available: readonly number[], strata: Strata, slots: number): boolean {
  const left = [...available];
  let current = need;
  for (let used = 0; !isMet(current); used++) {
    if (used === slots) return false;
    let best = -1;
    let bestGain = 0;
    left.forEach((count, cell) => {
      if (count === 0) return;
      const skill = strata.cellSkill(cell);
      const gain =
        (skill >= 0 && (current.skills[skill] ?? 0) > 0 ? 1 : 0) +
        ((current.sessions & strata.cellSessionBit(cell)) !== 0 ? 1 : 0) +
        ((current.difficulties & strata.cellDifficultyBit(cell)) !== 0 ? 1 : 0);
      if (gain > bestGain) {
        best = cell;
        bestGain = gain;
      }
    });
    if (best < 0) return false;
    left[best] = (left[best] ?? 0) - 1;
    current = afterTaking(current, strata, best);
  }
  return true;
}

/** Whether `need` can be met with at most `slots` of the `available` questions. */
function canMeet(need: Need, available: readonly number[], strata: Strata, slots: number): boolean {
  const lowerBound = Math.max(
    need.skills.reduce((a, b) => a + b, 0),
    popcount(need.sessions),
    popcount(need.difficulties),
  );
  if (lowerBound > slots) return false;
  return greedyMeets(need, available, strata, slots) || fewestToMeet(need, available, strata) <= slots;
}

function initialNeed(strata: Strata, rules: DrawRules): Need {
  return {
    skills: strata.skills.map((s) => rules.perSkillMinimum[s] ?? 0),
    sessions: (1 << strata.sessions.length) - 1,
    difficulties: (1 << strata.difficulties.length) - 1,
  };
}

function cellCounts(questions: readonly Question[], strata: Strata): number[] {
  const counts = new Array<number>(strata.cellCount).fill(0);
  for (const q of questions) counts[strata.cellOf(q)] = (counts[strata.cellOf(q)] ?? 0) + 1;
  return counts;
}

function listOf(values: readonly (string | number)[]): string {
  return values.map(String).join(', ');
}

/**
 * Everything that makes the rules impossible for this bank (empty when a draw can succeed).
 * content:check calls this for every quiz component of a certification, with the paper's tasks.
 */
export function bankProblems(wholeBank: readonly Question[], component: DrawRules, context: PaperContext = {}): string[] {
  const bank = poolFor(wholeBank, context.purpose);
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const q of bank) {
    if (ids.has(q.id)) problems.push(`question id "${q.id}" appears twice in the bank`);
    ids.add(q.id);
  }
  const paperExercises = context.paperExercises ?? [];
  const revealing = bank.filter((q) => revealsAny(q, paperExercises));
  const eligible = bank.filter((q) => !revealsAny(q, paperExercises));
  const excludedNote = (questions: readonly Question[]): string => {
    const excluded = questions.filter((q) => revealsAny(q, paperExercises));
    return excluded.length === 0 ? '' : ` (not counting ${excluded.length} that reveal a task on the same paper: ${listOf(excluded.map((q) => q.id))})`;
  };

  const eligibleIds = new Set(eligible.map((q) => q.id));
  const kind = context.purpose === 'practice' ? 'practice ' : '';
  if (component.questionCount > eligibleIds.size) {
    problems.push(`questionCount is ${component.questionCount} but the bank has only ${eligibleIds.size} ${kind}questions${excludedNote(revealing)}`);
  }
  let minimumTotal = 0;
  for (const [skill, minimum] of Object.entries(component.perSkillMinimum)) {
    minimumTotal += minimum;
    const available = eligible.filter((q) => q.skill === skill).length;
    if (available < minimum) {
      problems.push(`perSkillMinimum asks for ${minimum} "${skill}" questions but the bank has ${available}${excludedNote(bank.filter((q) => q.skill === skill))}`);
    }
  }
  if (minimumTotal > component.questionCount) {
    problems.push(`perSkillMinimum adds up to ${minimumTotal}, more than questionCount ${component.questionCount}`);
  }
  const strata = new Strata(bank, component);
  for (const session of strata.sessions) {
    if (!eligible.some((q) => q.session === session)) {
      problems.push(`every session ${session} question reveals a task on the same paper, so the paper cannot cover session ${session}${excludedNote(bank.filter((q) => q.session === session))}`);
    }
  }
  for (const difficulty of strata.difficulties) {
    if (!eligible.some((q) => q.difficulty === difficulty)) {
      problems.push(`every difficulty ${difficulty} question reveals a task on the same paper, so the paper cannot cover difficulty ${difficulty}${excludedNote(bank.filter((q) => q.difficulty === difficulty))}`);
    }
  }
  if (problems.length === 0) {
    const need = initialNeed(strata, component);
    const available = cellCounts(eligible, strata);
    if (!canMeet(need, available, strata, component.questionCount)) {
      const fewest = fewestToMeet(need, available, strata);
      problems.push(
        `no ${component.questionCount} questions of the bank meet perSkillMinimum and cover every session (${listOf(strata.sessions)}) ` +
          `and every difficulty (${listOf(strata.difficulties)}) at once${Number.isFinite(fewest) ? `: that takes at least ${fewest}` : ''}; ` +
          `add questions where skills, sessions and difficulties meet, or raise questionCount`,
      );
    }
  }
  return problems;
}

function usageOf(usage: DrawInput['usage'], id: string): number {
  if (!usage) return 0;
  if (usage instanceof Map) return usage.get(id) ?? 0;
  return (usage as Readonly<Record<string, number>>)[id] ?? 0;
}

/**
 * Draws questionCount distinct questions. The eligible questions are ranked (unseen before seen,
 * then least used, ties in random order) and taken in that order, skipping a question only when
 * taking it would leave the remaining slots unable to meet the rules; so the paper holds the
 * best-ranked questions the rules allow. Then the question order and each question's options are
 * shuffled. Throws DrawError when the bank cannot satisfy the rules.
 */
export function drawPaper(input: DrawInput): AttemptPaper {
  const { component } = input;
  const bank = poolFor(input.bank, input.purpose);
  const paperExercises = input.paperExercises ?? [];
  const problems = bankProblems(bank, component, { paperExercises, purpose: input.purpose ?? 'exam' });
  if (problems.length > 0) throw new DrawError(problems);

  const strata = new Strata(bank, component);
  const seenRank = (q: Question): number => (input.seen?.has(q.id) ? 1 : 0);
  // Shuffle first, then a stable sort: equally ranked questions get equal chances.
  const ranked = shuffle(
    bank.filter((q) => !revealsAny(q, paperExercises)),
    input.rng,
  ).sort((a, b) => seenRank(a) - seenRank(b) || usageOf(input.usage, a.id) - usageOf(input.usage, b.id));

  const unconsidered = cellCounts(ranked, strata);
  let unconsideredTotal = ranked.length;
  let need = initialNeed(strata, component);
  const chosen: Question[] = [];
  for (const q of ranked) {
    if (chosen.length === component.questionCount) break;
    const cell = strata.cellOf(q);
    unconsidered[cell] = (unconsidered[cell] ?? 0) - 1;
    unconsideredTotal -= 1;
    const next = afterTaking(need, strata, cell);
    const slotsLeft = component.questionCount - chosen.length - 1;
    if (unconsideredTotal >= slotsLeft && canMeet(next, unconsidered, strata, slotsLeft)) {
      chosen.push(q);
      need = next;
    }
  }
  // bankProblems found a valid paper, and a skipped question can never become takeable later,
  // so the walk always fills the paper; this guards the invariant rather than the input.
  if (chosen.length !== component.questionCount) throw new DrawError([`drew ${chosen.length} of ${component.questionCount} questions`]);

  return {
    questions: shuffle(chosen, input.rng).map((q) => ({
      id: q.id,
      optionOrder: shuffle(
        q.options.map((o) => o.id),
        input.rng,
      ),
    })),
  };
}

// Drawing the fixed quiz paper of one certification attempt from a program's question bank:
// stratified by skill area (perSkillMinimum), least-used questions first (as Moodle's random
// questions do), never the same question twice, question order and option order shuffled.
// The random source is passed in, so a seeded generator makes a draw reproducible in tests.
import type { Question } from '../../lib/schemas/question.ts';
import type { CertificationComponent } from '../../lib/schemas/certification.ts';

/** Returns a float in [0, 1), like Math.random. */
export type Rng = () => number;

export type QuizComponent = Extract<CertificationComponent, { type: 'quiz' }>;

/** The paper stored with the attempt; the order of `questions` is the order shown. */
export interface AttemptPaper {
  questions: { id: string; optionOrder: string[] }[];
}

export interface DrawInput {
  bank: readonly Question[];
  component: Pick<QuizComponent, 'questionCount' | 'perSkillMinimum'>;
  /** How often each question has been drawn before (attempt_questions counts); missing = 0. */
  usage?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
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

/**
 * Everything that makes the rules impossible for this bank (empty when a draw can succeed).
 * content:check can call this for every quiz component of a certification.
 */
export function bankProblems(bank: readonly Question[], component: Pick<QuizComponent, 'questionCount' | 'perSkillMinimum'>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const q of bank) {
    if (ids.has(q.id)) problems.push(`question id "${q.id}" appears twice in the bank`);
    ids.add(q.id);
  }
  if (component.questionCount > ids.size) {
    problems.push(`questionCount is ${component.questionCount} but the bank has only ${ids.size} questions`);
  }
  let minimumTotal = 0;
  for (const [skill, minimum] of Object.entries(component.perSkillMinimum)) {
    minimumTotal += minimum;
    const available = bank.filter((q) => q.skill === skill).length;
    if (available < minimum) {
      problems.push(`perSkillMinimum asks for ${minimum} "${skill}" questions but the bank has ${available}`);
    }
  }
  if (minimumTotal > component.questionCount) {
    problems.push(`perSkillMinimum adds up to ${minimumTotal}, more than questionCount ${component.questionCount}`);
  }
  return problems;
}

function usageOf(usage: DrawInput['usage'], id: string): number {
  if (!usage) return 0;
  if (usage instanceof Map) return usage.get(id) ?? 0;
  return (usage as Readonly<Record<string, number>>)[id] ?? 0;
}

/**
 * Least-used first; ties in random order (shuffle first, then a stable sort by usage),
 * so equally used questions get equal chances.
 */
function pickLeastUsed(candidates: readonly Question[], count: number, input: DrawInput): Question[] {
  return shuffle(candidates, input.rng)
    .sort((a, b) => usageOf(input.usage, a.id) - usageOf(input.usage, b.id))
    .slice(0, count);
}

/**
 * Draws questionCount distinct questions: first each skill's perSkillMinimum (skills in id
 * order, so a seeded draw is reproducible), then the rest from all remaining questions; then
 * shuffles the question order and each question's options. Throws DrawError when the bank
 * cannot satisfy the rules.
 */
export function drawPaper(input: DrawInput): AttemptPaper {
  const { bank, component } = input;
  const problems = bankProblems(bank, component);
  if (problems.length > 0) throw new DrawError(problems);

  const chosen: Question[] = [];
  const taken = new Set<string>();
  const skills = Object.keys(component.perSkillMinimum).sort();
  for (const skill of skills) {
    const minimum = component.perSkillMinimum[skill] ?? 0;
    const picked = pickLeastUsed(bank.filter((q) => q.skill === skill && !taken.has(q.id)), minimum, input);
    for (const q of picked) {
      chosen.push(q);
      taken.add(q.id);
    }
  }
  const rest = pickLeastUsed(bank.filter((q) => !taken.has(q.id)), component.questionCount - chosen.length, input);
  chosen.push(...rest);

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

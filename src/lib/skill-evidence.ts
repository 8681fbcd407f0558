// Which skill areas (program.json `skillAreas`) a certification component evidences, and with what
// share of its weight: the one reading of a task's `skill` / `skills` that scoring, content:check and
// the certification page agree on (migration 019 applied the same rule to stored attempts). A quiz
// evidences the area of each question on its paper, an equal share per question (scoring.ts). Also
// the order areas are shown in everywhere: program.json's, as the course lists them. Pure.
import type { CertificationComponent } from './schemas/certification.ts';
import type { Program } from './schemas/program.ts';

export interface SkillShare {
  skill: string;
  /** Share of the task's weight this area's evidence carries; a task's shares add up to 1. */
  share: number;
}

type TaskComponent = Extract<CertificationComponent, { type: 'task' }>;

/** The areas a task evidences, in the order they are listed, each with its share of the task's weight. */
export function taskSkillShares(task: Pick<TaskComponent, 'skill' | 'skills'>): SkillShare[] {
  if (task.skills !== undefined) {
    const entries = Object.entries(task.skills);
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    return total > 0 ? entries.map(([skill, weight]) => ({ skill, share: weight / total })) : [];
  }
  return task.skill === undefined ? [] : [{ skill: task.skill, share: 1 }];
}

/**
 * The area a task evidences most (the first listed on a tie): the area its exercise is tagged with in
 * exercise.json, so the same work carries the same area in practice and in the certification.
 */
export function primarySkill(task: Pick<TaskComponent, 'skill' | 'skills'>): string | undefined {
  let best: SkillShare | undefined;
  for (const s of taskSkillShares(task)) if (best === undefined || s.share > best.share) best = s;
  return best?.skill;
}

/**
 * Per-area results in the order the program lists its areas (scoring stores them by id); areas the
 * program no longer has come last, by id.
 */
export function inProgramOrder<T extends { skill: string }>(items: readonly T[], program: Pick<Program, 'skillAreas'> | null | undefined): T[] {
  const order = new Map(program?.skillAreas.map((a, i) => [a.id, i]) ?? []);
  const rank = (skill: string) => order.get(skill) ?? Number.MAX_SAFE_INTEGER;
  return [...items].sort((a, b) => rank(a.skill) - rank(b.skill) || (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
}

// A task evidences one skill area (`skill`) or several with weights (`skills`): scoring counts its
// score for every area listed with that area's share of the task's weight, and areas are shown in the
// program's order.
import { describe, expect, it } from 'vitest';
import { inProgramOrder, primarySkill, taskSkillShares } from '../../../src/lib/skill-evidence.ts';
import { scoreExam, type QuizItemMark } from '../../../src/lib/scoring.ts';
import { taskComponentSchema, type CertificationComponent } from '../../../src/lib/schemas/certification.ts';

const task = (areas: { skill: string } | { skills: Record<string, number> }): CertificationComponent =>
  taskComponentSchema.parse({ id: 't', name: 'Task', type: 'task', weight: 1, passMark: 1, exercise: 'ex', ...areas });

describe('task skill shares', () => {
  it('gives one area the whole task, and several their weight ÷ the sum, in the order listed', () => {
    expect(taskSkillShares({ skill: 'perf' })).toEqual([{ skill: 'perf', share: 1 }]);
    expect(taskSkillShares({ skills: { entity: 5, perf: 2, events: 1 } })).toEqual([
      { skill: 'entity', share: 0.625 },
      { skill: 'perf', share: 0.25 },
      { skill: 'events', share: 0.125 },
    ]);
    expect(primarySkill({ skills: { entity: 5, perf: 2, events: 1 } })).toBe('entity');
    expect(primarySkill({ skills: { a: 1, b: 1 } })).toBe('a');
    expect(primarySkill({ skill: 'perf' })).toBe('perf');
  });

  it('refuses a task with neither or both of skill and skills, or an empty skills', () => {
    const base = { id: 't', name: 'Task', type: 'task', weight: 1, passMark: 1, exercise: 'ex' };
    for (const bad of [{}, { skill: 'a', skills: { a: 1 } }, { skills: {} }, { skills: { a: 0 } }]) {
      expect(taskComponentSchema.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(taskComponentSchema.safeParse({ ...base, skills: { a: 3, b: 1 } }).success).toBe(true);
  });

  it('scores a several-area task into each of its areas with its share of the weight', () => {
    const quiz: CertificationComponent = { id: 'quiz', name: 'Quiz', type: 'quiz', weight: 1, passMark: 0.5, questionCount: 2, perSkillMinimum: {} };
    const release = { ...task({ skills: { entity: 3, events: 1 } }), id: 'release', weight: 2 };
    const items: QuizItemMark[] = [
      { questionId: 'q1', skill: 'events', mark: 1 },
      { questionId: 'q2', skill: 'entity', mark: 0 },
    ];
    const result = scoreExam({ components: [quiz, release], overallPassMark: 0.5 }, { quiz: { quiz: items }, tasks: { release: 0.5 } });
    // Weights 1 : 2 → quiz 1/3 (1/6 per question), release 2/3: entity 2/3 × 3/4 = 1/2, events 2/3 × 1/4 = 1/6.
    const byArea = Object.fromEntries(result.skills.map((s) => [s.skill, s]));
    expect(byArea['entity']?.weight).toBeCloseTo(1 / 6 + 1 / 2, 12);
    expect(byArea['entity']?.score).toBeCloseTo(((1 / 6) * 0 + (1 / 2) * 0.5) / (2 / 3), 12);
    expect(byArea['events']?.weight).toBeCloseTo(1 / 6 + 1 / 6, 12);
    expect(byArea['events']?.score).toBeCloseTo(((1 / 6) * 1 + (1 / 6) * 0.5) / (1 / 3), 12);
    expect([byArea['entity']?.evidence, byArea['events']?.evidence]).toEqual([2, 2]);
    // The areas' weights still add up to the whole overall score.
    expect(result.skills.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 12);
  });

  it('orders per-area results as the program lists its areas, unknown areas last', () => {
    const program = { skillAreas: [{ id: 'zeta', name: 'Z', description: 'd', target: 0.8 }, { id: 'alpha', name: 'A', description: 'd', target: 0.8 }] };
    const stored = [{ skill: 'alpha' }, { skill: 'old' }, { skill: 'zeta' }];
    expect(inProgramOrder(stored, program).map((s) => s.skill)).toEqual(['zeta', 'alpha', 'old']);
    expect(inProgramOrder(stored, null).map((s) => s.skill)).toEqual(['alpha', 'old', 'zeta']);
  });
});

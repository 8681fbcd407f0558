// content:check rules for the skill areas a certification measures (program.json `skillAreas`):
// - every area a task names (`skill`, or the keys of `skills`) is one of the program's;
// - a task's exercise is tagged in exercise.json with the area the task evidences most, so the same
//   work carries the same area in practice and in the certification;
// - an exam with a theory quiz measures every area by at least MIN_QUIZ_ITEMS_PER_AREA quiz items
//   (its quiz's perSkillMinimum) AND at least MIN_TASKS_PER_AREA of its practical tasks, so each
//   area's score on results, reports and credentials rests on theory and practice both.
import type { ContentIssue } from './issues.ts';
import { didYouMean, listNames } from './suggest.ts';
import type { Program } from '../../lib/schemas/program.ts';
import type { Certification, CertificationComponent } from '../../lib/schemas/certification.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';
import { primarySkill, taskSkillShares } from '../../lib/skill-evidence.ts';

/** Quiz items (perSkillMinimum) each skill area needs in an exam with a theory quiz. */
export const MIN_QUIZ_ITEMS_PER_AREA = 2;
/** Practical tasks that must evidence each skill area in such an exam. */
export const MIN_TASKS_PER_AREA = 1;

type Task = Extract<CertificationComponent, { type: 'task' }>;

/** Where a task names its areas: `skill`, or `skills.<area>`. */
const areaField = (task: Task, i: number, area?: string): string =>
  task.skills === undefined ? `components[${i}].skill` : area === undefined ? `components[${i}].skills` : `components[${i}].skills.${area}`;

/** An exam of the certification with the place its component list is written. */
export interface ExamAt {
  /** e.g. `levels[0].assessment.components`. */
  field: string;
  /** Component ids on the exam's paper. */
  components: readonly string[];
}

/** Every exam of the ladder: each level's assessment and renewal when they are exams. */
export function examsOf(cert: Pick<Certification, 'levels'>): ExamAt[] {
  return cert.levels.flatMap((level, i) => {
    const out: ExamAt[] = [];
    if (level.assessment.type === 'exam') out.push({ field: `levels[${i}].assessment.components`, components: level.assessment.components });
    const renewal = level.recertification?.assessment;
    if (renewal?.type === 'exam') out.push({ field: `levels[${i}].recertification.assessment.components`, components: renewal.components });
    return out;
  });
}

export function skillCoverageIssues(
  file: string,
  cert: Pick<Certification, 'components'>,
  exams: readonly ExamAt[],
  program: Program,
  exercises: ReadonlyMap<string, Exercise>,
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const areas = program.skillAreas.map((s) => s.id);
  const programFile = `content/programs/${program.id}/program.json`;

  cert.components.forEach((c, i) => {
    if (c.type !== 'task') return;
    const shares = taskSkillShares(c);
    for (const { skill } of shares) {
      if (!areas.includes(skill)) {
        issues.push({ file, field: areaField(c, i, skill), message: `"${skill}" is not one of ${programFile}'s skill areas (${listNames(areas)})${didYouMean(skill, areas)}: use one of them` });
      }
    }
    const exercise = exercises.get(c.exercise);
    const main = primarySkill(c);
    if (exercise && main !== undefined && exercise.skill !== main && areas.includes(main)) {
      issues.push({
        file,
        field: areaField(c, i),
        message:
          `the task evidences "${main}" most, but its exercise is tagged "${exercise.skill}" in exercises/${c.exercise}/exercise.json: ` +
          `the same work carries the same area in practice and in the certification; set the exercise's "skill" to "${main}", or weigh this task's areas differently`,
      });
    }
  });

  for (const exam of exams) {
    const onPaper = cert.components.filter((c) => exam.components.includes(c.id));
    const quizzes = onPaper.filter((c): c is Extract<CertificationComponent, { type: 'quiz' }> => c.type === 'quiz');
    if (quizzes.length === 0) continue;
    for (const area of areas) {
      const items = quizzes.reduce((n, q) => n + (q.perSkillMinimum[area] ?? 0), 0);
      if (items < MIN_QUIZ_ITEMS_PER_AREA) {
        const q = quizzes[0] as (typeof quizzes)[number];
        issues.push({
          file,
          field: `components[${cert.components.indexOf(q)}].perSkillMinimum.${area}`,
          message:
            `the exam of ${exam.field} measures skill area "${area}" by ${items} quiz item(s); every area needs at least ${MIN_QUIZ_ITEMS_PER_AREA} ` +
            `(and ${MIN_TASKS_PER_AREA} practical task): set "${area}": ${MIN_QUIZ_ITEMS_PER_AREA} or more, with enough "${area}" questions in the bank`,
        });
      }
      const tasks = onPaper.filter((c): c is Task => c.type === 'task' && taskSkillShares(c).some((s) => s.skill === area));
      if (tasks.length < MIN_TASKS_PER_AREA) {
        const names = onPaper.filter((c) => c.type === 'task').map((c) => c.id);
        issues.push({
          file,
          field: exam.field,
          message:
            `no practical task of this exam evidences skill area "${area}" (every area needs at least ${MIN_TASKS_PER_AREA} task besides its quiz items): ` +
            (names.length === 0
              ? `add a task component that evidences it`
              : `add "${area}" to the "skills" of the task that measures it (${listNames(names)}), e.g. "skills": { "<main area>": 3, "${area}": 1 }, or add a task for it`),
        });
      }
    }
  }
  return issues;
}

// Cross-file checks that schemas alone cannot express: references between programs, lessons,
// exercises, questions and certifications, the files each exercise needs on disk (its review key and
// its solution-corpus cases included), and the rules of lessons' components and checks. Each message
// names the file, the field and the fix; a skill, module or exercise that does not exist is answered
// with the ones that do.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentSet } from './files.ts';
import type { ContentIssue } from './issues.ts';
import { checkQuestionBanks } from '../assessment/bank-check.ts';
import { learnerWordIssues } from './learner-words.ts';
import { lessonCheckIssues } from './lesson-check-issues.ts';
import { lessonComponentIssues } from './lesson-components.ts';
import { didYouMean, listNames } from './suggest.ts';
import { missingExercise } from './exercise-refs.ts';
import { peerReviewIssues } from './peer-review-check.ts';
import { variantIssues } from './variant-check.ts';
import { projectRequirementIssues } from './project-requirement-issues.ts';
import { solutionCaseIssues } from './solution-cases.ts';
import { examsOf, skillCoverageIssues } from './skill-coverage.ts';
import { certificationProblems } from '../assessment/rules.ts';
import { PLATFORM_LIBRARY, programFolder } from './reference-library.ts';
import type { Program } from '../../lib/schemas/program.ts';
import { isTeachingBlock, modulesOf, programModules } from '../../lib/agenda.ts';
import type { Certification } from '../../lib/schemas/certification.ts';
import type { Exercise } from '../../lib/schemas/exercise.ts';

const programFile = (id: string): string => `content/programs/${id}/program.json`;

/** The answer key of a review exercise: tests/hidden/review-key.json, checked against its exercise.json. */
function reviewKeyIssues(root: string, ex: Extract<Exercise, { kind: 'review' }>): ContentIssue[] {
  const file = `exercises/${ex.id}/tests/hidden/review-key.json`;
  const path = join(root, file);
  if (!existsSync(path)) return [{ file: `exercises/${ex.id}/exercise.json`, message: `${file} is missing: a review exercise is graded against its answer key` }];
  let key: { findings?: unknown; tolerance?: unknown };
  try {
    key = JSON.parse(readFileSync(path, 'utf8')) as typeof key;
  } catch (error) {
    return [{ file, message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` }];
  }
  const issues: ContentIssue[] = [];
  if (key.tolerance !== undefined && !(Number.isInteger(key.tolerance) && (key.tolerance as number) >= 0)) {
    issues.push({ file, field: 'tolerance', message: `must be a whole number of lines, 0 or more (found ${JSON.stringify(key.tolerance)}); leave it out for exact lines` });
  }
  if (!Array.isArray(key.findings) || key.findings.length === 0) {
    issues.push({ file, field: 'findings', message: 'needs a non-empty list of {"file", "line", "category", "explanation"}' });
    return issues;
  }
  (key.findings as { file?: unknown; line?: unknown; category?: unknown; explanation?: unknown }[]).forEach((f, i) => {
    const at = `findings[${i}]`;
    if (typeof f.file !== 'string' || !ex.reviewFiles.includes(f.file)) {
      issues.push({ file, field: `${at}.file`, message: `${JSON.stringify(f.file)} is not one of exercise.json's reviewFiles (${listNames(ex.reviewFiles)})` });
    }
    if (!Number.isInteger(f.line) || (f.line as number) < 1) issues.push({ file, field: `${at}.line`, message: `must be a line number, 1 or more (found ${JSON.stringify(f.line)})` });
    if (typeof f.category !== 'string' || !ex.categories.includes(f.category)) {
      issues.push({ file, field: `${at}.category`, message: `${JSON.stringify(f.category)} is not one of exercise.json's categories (${listNames(ex.categories)})${typeof f.category === 'string' ? didYouMean(f.category, ex.categories) : ''}` });
    }
    if (typeof f.explanation !== 'string' || f.explanation.trim().length < 20) {
      issues.push({ file, field: `${at}.explanation`, message: 'needs an explanation of at least 20 characters: a practising learner reads it once the defect is found' });
    }
  });
  return issues;
}

/**
 * Programs' own reference libraries: the entry exists, the specifier is the program's alone (every
 * library is aliased site-wide under it), and no exercise lists another program's library among its
 * allowedImports (the grader resolves only the exercise's own program's library).
 */
function libraryIssues(root: string, set: ContentSet): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const owners = new Map<string, string>();
  const specifierOf = new Map<string, string>();
  for (const { file, data: program } of set.programs) {
    const own = program.referenceLibrary;
    specifierOf.set(program.id, own?.specifier ?? PLATFORM_LIBRARY.specifier);
    if (!own) continue;
    if (own.specifier === PLATFORM_LIBRARY.specifier) {
      issues.push({ file, field: 'referenceLibrary.specifier', message: `"${own.specifier}" is the platform's library: give your library a name of its own, e.g. "@${program.id}/library" (or leave referenceLibrary out to use the platform's)` });
    } else if (owners.has(own.specifier)) {
      issues.push({ file, field: 'referenceLibrary.specifier', message: `"${own.specifier}" is already the library of program "${owners.get(own.specifier)}": each program's library needs its own specifier` });
    } else owners.set(own.specifier, program.id);
    if (!existsSync(join(programFolder(root, program.id), own.entry))) {
      issues.push({ file, field: 'referenceLibrary.entry', message: `content/programs/${program.id}/${own.entry} is missing: the entry is relative to the program's folder` });
    }
  }
  const libraries = new Set([PLATFORM_LIBRARY.specifier, ...owners.keys()]);
  for (const { file, data: ex } of set.exercises) {
    const own = specifierOf.get(ex.program);
    if (own === undefined) continue;
    ex.allowedImports?.forEach((specifier, i) => {
      if (libraries.has(specifier) && specifier !== own) {
        issues.push({ file, field: `allowedImports[${i}]`, message: `"${specifier}" is not the reference library of program "${ex.program}" (its library is "${own}"): an exercise imports only its own program's library` });
      }
    });
  }
  return issues;
}

/** The issue for a skill id that is not one of the program's skill areas, naming them all. */
/** Homework is handed in between sessions and reviewed by a cohort's instructor, never certified. */
function homeworkIssues(file: string, ex: Exercise, sessions: number): ContentIssue[] {
  const due = ex.homework?.dueBeforeSession;
  if (due === undefined) return [];
  const issues: ContentIssue[] = [];
  if (ex.certification) issues.push({ file, field: 'homework', message: 'a certification task cannot be homework: set "certification": false or leave "homework" out' });
  if (due <= ex.session || due > sessions) {
    issues.push({ file, field: 'homework.dueBeforeSession', message: `is ${due}, but homework of session ${ex.session} is due before a later session of the program's ${sessions}: use ${ex.session + 1} to ${sessions}` });
  }
  return issues;
}

function unknownSkill(file: string, field: string, skill: string, program: Program): ContentIssue {
  const ids = program.skillAreas.map((s) => s.id);
  return { file, field, message: `"${skill}" is not one of ${programFile(program.id)}'s skill areas (${listNames(ids)})${didYouMean(skill, ids)}: use one of them` };
}

/**
 * The certification as the quiz-bank checks should judge it: perSkillMinimum entries for skills the
 * program lacks are reported once (as unknown skills) and left out here, so they do not come back as
 * "the bank has 0 questions" for a skill no question could ever have.
 */
function withKnownSkills(cert: Certification, program: Program | undefined): Certification {
  if (!program) return cert;
  const known = new Set(program.skillAreas.map((s) => s.id));
  return {
    ...cert,
    components: cert.components.map((c) =>
      c.type === 'quiz' ? { ...c, perSkillMinimum: Object.fromEntries(Object.entries(c.perSkillMinimum).filter(([skill]) => known.has(skill))) } : c,
    ),
  };
}

/**
 * `root` holds the content (content/, exercises/, solutions/, assessments/); `codeRoot` the site's
 * code (src/, where lesson imports such as src/components/lesson/Check.astro must resolve). They are
 * the same folder except when a program is checked on its own (content:check --root).
 */
/** The files an exercise (or one rendered variant of a task, in `root`) needs on disk. */
function exerciseFolderIssues(root: string, file: string, ex: Exercise): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const dir = join(root, 'exercises', ex.id);
  if (!existsSync(join(dir, ex.instructions))) issues.push({ file, field: 'instructions', message: `exercises/${ex.id}/${ex.instructions} is missing: write the instructions there, or name the file that holds them` });
  for (const [key, paths] of [['editable', ex.editable], ['readonly', ex.readonly]] as const) {
    paths.forEach((p, i) => {
      if (!existsSync(join(dir, 'starter', p))) issues.push({ file, field: `${key}[${i}]`, message: `exercises/${ex.id}/starter/${p} is missing: paths are relative to starter/` });
    });
  }
  const hidden = join(dir, 'tests/hidden');
  const hiddenTests = existsSync(hidden) ? readdirSync(hidden).filter((n) => n.endsWith('.test.ts')) : [];
  if (ex.kind === 'write-tests') {
    ex.mutants.forEach((m, i) => {
      const field = m.class === undefined ? `mutants[${i}]` : `mutants[${i}].id`;
      if (!existsSync(join(hidden, 'mutants', m.id))) issues.push({ file, field, message: `exercises/${ex.id}/tests/hidden/mutants/${m.id}/ is missing: each mutant is a broken copy of the readonly files, laid out like starter/` });
    });
  } else if (ex.kind === 'review') {
    issues.push(...reviewKeyIssues(root, ex));
  } else if (hiddenTests.length === 0) {
    issues.push({ file, message: `exercises/${ex.id}/tests/hidden/ has no *.test.ts file: add the hidden suite, and set "hiddenTestCount" to its number of tests` });
  }
  if (!existsSync(join(root, 'solutions', ex.id))) issues.push({ file, message: `solutions/${ex.id}/ (the reference solution) is missing` });
  issues.push(...solutionCaseIssues(root, ex));
  issues.push(...projectRequirementIssues(root, file, ex));
  return issues;
}

export function crossCheck(root: string, set: ContentSet, codeRoot: string = root): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const programs = new Map(set.programs.map((p) => [p.data.id, p]));
  const exercises = new Map(set.exercises.map((e) => [e.data.id, e]));
  const exerciseIdsOf = (program: string): string[] => set.exercises.filter((e) => e.data.program === program).map((e) => e.data.id);

  for (const { file, data: program } of set.programs) {
    const folder = file.split('/')[2];
    if (folder !== program.id) issues.push({ file, field: 'id', message: `must equal the folder name "${folder}"` });
    program.sessions.forEach((s, i) => {
      if (s.number !== i + 1) issues.push({ file, field: `sessions[${i}].number`, message: `sessions must be numbered 1, 2, 3… (expected ${i + 1})` });
    });
    const moduleIds = new Set<string>();
    const listed = new Map<string, string>();
    program.sessions.forEach((s, si) => {
      s.agenda.forEach((block, bi) => {
        const at = `sessions[${si}].agenda[${bi}]`;
        if (isTeachingBlock(block)) {
          if (moduleIds.has(block.id)) issues.push({ file, field: `${at}.id`, message: `module id "${block.id}" is used twice: give each module its own id` });
          moduleIds.add(block.id);
        } else if (block.kind === 'break' && (block.lessons.length > 0 || block.exercises.length > 0)) {
          issues.push({ file, field: at, message: 'a break has no lessons or exercises: move them to the block before or after it' });
        }
        block.lessons.forEach((slug, li) => {
          const where = `${at}.lessons[${li}]`;
          if (listed.has(slug)) issues.push({ file, field: where, message: `lesson "${slug}" is already listed at ${listed.get(slug)}: list each lesson once` });
          listed.set(slug, where);
          if (!set.lessons.some((l) => l.program === program.id && l.slug === slug)) {
            const slugs = set.lessons.filter((l) => l.program === program.id).map((l) => l.slug);
            issues.push({ file, field: where, message: `no lesson file content/programs/${program.id}/lessons/${slug}.mdx${didYouMean(slug, slugs)}: create it, or fix the slug` });
          }
        });
        const named = new Set<string>();
        block.exercises.forEach((id, ei) => {
          const field = `${at}.exercises[${ei}]`;
          const ex = exercises.get(id)?.data;
          if (named.has(id)) issues.push({ file, field, message: `exercise "${id}" is listed twice in this block: list it once` });
          named.add(id);
          if (!ex) issues.push({ file, field, message: missingExercise(root, id, exerciseIdsOf(program.id)) });
          else if (ex.program !== program.id) issues.push({ file, field, message: `exercise "${id}" belongs to program "${ex.program}", not "${program.id}": a block lists only its own program's exercises` });
          else if (ex.certification) issues.push({ file, field, message: `exercise "${id}" is a certification task, reached only inside an attempt: list practice exercises here` });
          else if (isTeachingBlock(block) && ex.module === block.id) issues.push({ file, field, message: `exercise "${id}" is already in module "${block.id}" (its exercise.json's "module"): remove it here` });
        });
      });
      if (!s.agenda.some(isTeachingBlock)) {
        issues.push({ file, field: `sessions[${si}].agenda`, message: 'needs at least one "module" (or "assessment") block: a session teaches its lessons and exercises in modules' });
      }
    });
    for (const lesson of set.lessons.filter((l) => l.program === program.id)) {
      if (!listed.has(lesson.slug)) {
        issues.push({ file: lesson.file, message: `is not listed in any agenda block of ${file}: add "${lesson.slug}" to a module's "lessons" (or start the file name with "_" to keep it as a draft)` });
      }
    }
    const skillIds = new Set(program.skillAreas.map((s) => s.id));
    if (skillIds.size !== program.skillAreas.length) issues.push({ file, field: 'skillAreas', message: 'two skill areas have the same id: give each its own' });
  }

  for (const lesson of set.lessons) {
    const program = programs.get(lesson.program)?.data;
    if (!program) {
      issues.push({ file: lesson.file, message: `belongs to folder "${lesson.program}", which has no valid program.json: fix ${programFile(lesson.program)} first` });
      continue;
    }
    lesson.data.skills.forEach((skill, i) => {
      if (!program.skillAreas.some((s) => s.id === skill)) issues.push(unknownSkill(lesson.file, `skills[${i}]`, skill, program));
    });
    lesson.data.exercises.forEach((id, i) => {
      const field = `exercises[${i}]`;
      const owner = exercises.get(id)?.data.program;
      if (owner === undefined) issues.push({ file: lesson.file, field, message: missingExercise(root, id, exerciseIdsOf(lesson.program)) });
      else if (owner !== lesson.program) {
        issues.push({ file: lesson.file, field, message: `exercise "${id}" belongs to program "${owner}", not "${lesson.program}": a lesson lists only its own program's exercises` });
      }
    });
  }

  for (const { file, data: ex } of set.exercises) {
    const dir = join(root, 'exercises', ex.id);
    if (file.split('/')[1] !== ex.id) issues.push({ file, field: 'id', message: `must equal the folder name "${file.split('/')[1]}"` });
    const program = programs.get(ex.program)?.data;
    if (!program) issues.push({ file, field: 'program', message: `no program "${ex.program}" in content/programs/${didYouMean(ex.program, programs.keys())}` });
    else {
      const session = program.sessions.find((s) => modulesOf(s).some((m) => m.id === ex.module));
      const moduleIds = programModules(program).map((m) => m.id);
      if (!session) issues.push({ file, field: 'module', message: `${programFile(program.id)} has no module "${ex.module}" (modules: ${listNames(moduleIds)})${didYouMean(ex.module, moduleIds)}` });
      else if (session.number !== ex.session) issues.push({ file, field: 'session', message: `module "${ex.module}" is in session ${session.number}, not ${ex.session}: set "session": ${session.number}` });
      if (!program.skillAreas.some((s) => s.id === ex.skill)) issues.push(unknownSkill(file, 'skill', ex.skill, program));
      if (ex.homework) issues.push(...homeworkIssues(file, ex, program.sessions.length));
    }
    // A task with variants is checked as each variant renders it: the files a candidate can be given.
    issues.push(...variantIssues(root, file, ex, (variantRoot, variantEx) => exerciseFolderIssues(variantRoot, file, variantEx)));
    if (!existsSync(join(dir, 'variants.json'))) issues.push(...exerciseFolderIssues(root, file, ex));
  }

  const questionIds = new Map<string, string>();
  for (const { file, data: q, program: programId } of set.questions) {
    const base = file.split('/').at(-1)?.replace(/\.json$/, '');
    if (base !== q.id) issues.push({ file, field: 'id', message: `must equal the file name "${base}"` });
    const key = `${programId}/${q.id}`;
    if (questionIds.has(key)) issues.push({ file, field: 'id', message: `"${q.id}" is also used by ${questionIds.get(key)}` });
    questionIds.set(key, file);
    const program = programs.get(programId)?.data;
    if (!program) issues.push({ file, message: `assessments/${programId}/ has no program: its folder name must be a program id (content/programs/${programId}/program.json)` });
    else {
      if (!program.skillAreas.some((s) => s.id === q.skill)) issues.push(unknownSkill(file, 'skill', q.skill, program));
      if (q.session > program.sessions.length) issues.push({ file, field: 'session', message: `${programFile(program.id)} has ${program.sessions.length} session(s): use 1 to ${program.sessions.length}` });
    }
  }

  for (const { file, data: cert } of set.certifications) {
    const program = programs.get(cert.program)?.data;
    if (!program) issues.push({ file, field: 'program', message: `no program "${cert.program}" in content/programs/${didYouMean(cert.program, programs.keys())}` });
    else if (file.split('/')[1] !== cert.program) issues.push({ file, field: 'program', message: `must equal the folder name "${file.split('/')[1]}" (assessments/<program>/certification.json)` });
    /** An exercise id of this certification: it must exist and belong to the certified program. */
    const exerciseProblem = (id: string): string | undefined => {
      const owner = exercises.get(id)?.data.program;
      if (owner === undefined) return missingExercise(root, id, exerciseIdsOf(cert.program));
      if (owner !== cert.program) return `exercise "${id}" belongs to program "${owner}", not "${cert.program}"`;
      return undefined;
    };
    const ids = new Set<string>();
    cert.components.forEach((c, i) => {
      if (ids.has(c.id)) issues.push({ file, field: `components[${i}].id`, message: `"${c.id}" is used twice: give each component its own id` });
      ids.add(c.id);
      if (c.type === 'task') {
        const ex = exercises.get(c.exercise)?.data;
        const problem = exerciseProblem(c.exercise);
        if (problem) issues.push({ file, field: `components[${i}].exercise`, message: problem });
        else if (ex && !ex.certification) issues.push({ file, field: `components[${i}].exercise`, message: `exercise "${c.exercise}" is a practice exercise: set "certification": true in exercises/${c.exercise}/exercise.json (a task never offers "show solution")` });
      } else if (program) {
        // The bank's size and the draw rules are judged by checkQuestionBanks; unknown skills here.
        for (const skill of Object.keys(c.perSkillMinimum)) {
          if (!program.skillAreas.some((s) => s.id === skill)) issues.push(unknownSkill(file, `components[${i}].perSkillMinimum.${skill}`, skill, program));
        }
      }
    });
    // Task areas, practice/certification tagging and the areas every exam with a quiz measures.
    if (program) issues.push(...skillCoverageIssues(file, cert, examsOf(cert), program, new Map([...exercises].map(([id, e]) => [id, e.data]))));
    cert.levels.forEach((level, li) => {
      level.prerequisites.exercises.forEach((id, i) => {
        const field = `levels[${li}].prerequisites.exercises[${i}]`;
        const problem = exerciseProblem(id);
        if (problem) issues.push({ file, field, message: problem });
        else if (exercises.get(id)?.data.certification) {
          issues.push({ file, field, message: `exercise "${id}" is a certification task, which is graded only inside an attempt: a prerequisite must be a practice exercise` });
        }
      });
      for (const assessment of [level.assessment, level.recertification?.assessment]) {
        if (assessment?.type !== 'case-study' || !program) continue;
        const where = assessment === level.assessment ? `levels[${li}].assessment` : `levels[${li}].recertification.assessment`;
        assessment.rubric.criteria.forEach((c, i) => {
          if (c.skill !== undefined && !program.skillAreas.some((s) => s.id === c.skill)) issues.push(unknownSkill(file, `${where}.rubric.criteria[${i}].skill`, c.skill, program));
        });
      }
    });
    // Level order, the exams' components, pass rules and rubrics (assessment/rules.ts).
    for (const problem of certificationProblems(cert)) issues.push({ file, message: problem });
  }
  issues.push(...libraryIssues(root, set));
  issues.push(...peerReviewIssues(root, set));
  const certifications = set.certifications.map((c) => ({ ...c, data: withKnownSkills(c.data, programs.get(c.data.program)?.data) }));
  issues.push(...checkQuestionBanks({ ...set, certifications }));
  issues.push(...lessonCheckIssues(root, set), ...lessonComponentIssues(root, set, codeRoot), ...learnerWordIssues(root));
  return issues;
}

// Cross-file checks that schemas alone cannot express: references between programs, lessons,
// exercises, questions and certifications, and the files each exercise needs on disk.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentSet } from './files.ts';
import type { ContentIssue } from './issues.ts';
import { checkQuestionBanks } from '../assessment/bank-check.ts';
import { learnerWordIssues } from './learner-words.ts';
import { lessonCheckIssues } from './lesson-check-issues.ts';

export function crossCheck(root: string, set: ContentSet): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const programs = new Map(set.programs.map((p) => [p.data.id, p]));
  const exercises = new Map(set.exercises.map((e) => [e.data.id, e]));

  for (const { file, data: program } of set.programs) {
    const folder = file.split('/')[2];
    if (folder !== program.id) issues.push({ file, field: 'id', message: `must equal the folder name "${folder}"` });
    program.sessions.forEach((s, i) => {
      if (s.number !== i + 1) issues.push({ file, field: `sessions[${i}].number`, message: `sessions must be numbered 1, 2, 3… (expected ${i + 1})` });
    });
    const moduleIds = new Set<string>();
    const listed = new Map<string, string>();
    program.sessions.forEach((s, si) =>
      s.modules.forEach((m, mi) => {
        if (moduleIds.has(m.id)) issues.push({ file, field: `sessions[${si}].modules[${mi}].id`, message: `module id "${m.id}" is used twice` });
        moduleIds.add(m.id);
        m.lessons.forEach((slug, li) => {
          const where = `sessions[${si}].modules[${mi}].lessons[${li}]`;
          if (listed.has(slug)) issues.push({ file, field: where, message: `lesson "${slug}" is already listed at ${listed.get(slug)}` });
          listed.set(slug, where);
          if (!set.lessons.some((l) => l.program === program.id && l.slug === slug)) {
            issues.push({ file, field: where, message: `no lesson file content/programs/${program.id}/lessons/${slug}.mdx` });
          }
        });
      }),
    );
    for (const lesson of set.lessons.filter((l) => l.program === program.id)) {
      if (!listed.has(lesson.slug)) issues.push({ file: lesson.file, message: `is not listed in any module of ${file}` });
    }
    const skillIds = new Set(program.skillAreas.map((s) => s.id));
    if (skillIds.size !== program.skillAreas.length) issues.push({ file, field: 'skillAreas', message: 'skill area ids must be unique' });
  }

  for (const lesson of set.lessons) {
    const program = programs.get(lesson.program)?.data;
    if (!program) {
      issues.push({ file: lesson.file, message: `belongs to folder "${lesson.program}", which has no valid program.json` });
      continue;
    }
    lesson.data.skills.forEach((skill, i) => {
      if (!program.skillAreas.some((s) => s.id === skill)) issues.push({ file: lesson.file, field: `skills[${i}]`, message: `unknown skill area "${skill}"` });
    });
    lesson.data.exercises.forEach((id, i) => {
      if (!exercises.has(id)) issues.push({ file: lesson.file, field: `exercises[${i}]`, message: `no exercise "${id}" in exercises/` });
    });
  }

  for (const { file, data: ex } of set.exercises) {
    const dir = join(root, 'exercises', ex.id);
    if (file.split('/')[1] !== ex.id) issues.push({ file, field: 'id', message: `must equal the folder name "${file.split('/')[1]}"` });
    const program = programs.get(ex.program)?.data;
    if (!program) issues.push({ file, field: 'program', message: `unknown program "${ex.program}"` });
    else {
      const session = program.sessions.find((s) => s.modules.some((m) => m.id === ex.module));
      if (!session) issues.push({ file, field: 'module', message: `program "${ex.program}" has no module "${ex.module}"` });
      else if (session.number !== ex.session) issues.push({ file, field: 'session', message: `module "${ex.module}" is in session ${session.number}, not ${ex.session}` });
      if (!program.skillAreas.some((s) => s.id === ex.skill)) issues.push({ file, field: 'skill', message: `unknown skill area "${ex.skill}"` });
    }
    if (!existsSync(join(dir, ex.instructions))) issues.push({ file, field: 'instructions', message: `file ${ex.instructions} is missing` });
    for (const [key, paths] of [['editable', ex.editable], ['readonly', ex.readonly]] as const) {
      paths.forEach((p, i) => {
        if (!existsSync(join(dir, 'starter', p))) issues.push({ file, field: `${key}[${i}]`, message: `starter/${p} is missing` });
      });
    }
    const hidden = join(dir, 'tests/hidden');
    const hiddenTests = existsSync(hidden) ? readdirSync(hidden).filter((n) => n.endsWith('.test.ts')) : [];
    if (ex.kind === 'write-tests') {
      ex.mutants.forEach((m, i) => {
        const field = m.class === undefined ? `mutants[${i}]` : `mutants[${i}].id`;
        if (!existsSync(join(hidden, 'mutants', m.id))) issues.push({ file, field, message: `tests/hidden/mutants/${m.id}/ is missing` });
      });
    } else if (ex.kind === 'review') {
      const keyFile = join(hidden, 'review-key.json');
      if (!existsSync(keyFile)) issues.push({ file, message: 'tests/hidden/review-key.json is missing' });
      else {
        try {
          const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { findings?: { file?: string; category?: string }[] };
          if (!Array.isArray(key.findings) || key.findings.length === 0) issues.push({ file, message: 'review-key.json needs a non-empty "findings" array' });
          key.findings?.forEach((f, i) => {
            if (!f.file || !ex.reviewFiles.includes(f.file)) issues.push({ file, field: `review-key findings[${i}].file`, message: `"${f.file}" is not one of reviewFiles` });
            if (!f.category || !ex.categories.includes(f.category)) issues.push({ file, field: `review-key findings[${i}].category`, message: `"${f.category}" is not one of categories` });
          });
        } catch {
          issues.push({ file, message: 'tests/hidden/review-key.json is not valid JSON' });
        }
      }
    } else if (hiddenTests.length === 0) {
      issues.push({ file, message: 'tests/hidden/ has no *.test.ts file' });
    }
    if (!existsSync(join(root, 'solutions', ex.id))) issues.push({ file, message: `solutions/${ex.id}/ (the reference solution) is missing` });
  }

  const questionIds = new Map<string, string>();
  for (const { file, data: q, program: programId } of set.questions) {
    const base = file.split('/').at(-1)?.replace(/\.(json|ya?ml)$/, '');
    if (base !== q.id) issues.push({ file, field: 'id', message: `must equal the file name "${base}"` });
    const key = `${programId}/${q.id}`;
    if (questionIds.has(key)) issues.push({ file, field: 'id', message: `"${q.id}" is also used by ${questionIds.get(key)}` });
    questionIds.set(key, file);
    const program = programs.get(programId)?.data;
    if (!program) issues.push({ file, message: `assessments/${programId} has no matching program` });
    else {
      if (!program.skillAreas.some((s) => s.id === q.skill)) issues.push({ file, field: 'skill', message: `unknown skill area "${q.skill}"` });
      if (q.session > program.sessions.length) issues.push({ file, field: 'session', message: `program has ${program.sessions.length} sessions` });
    }
  }

  for (const { file, data: cert } of set.certifications) {
    const program = programs.get(cert.program)?.data;
    if (!program) issues.push({ file, field: 'program', message: `unknown program "${cert.program}"` });
    const ids = new Set<string>();
    cert.components.forEach((c, i) => {
      if (ids.has(c.id)) issues.push({ file, field: `components[${i}].id`, message: `"${c.id}" is used twice` });
      ids.add(c.id);
      if (c.type === 'task') {
        const ex = exercises.get(c.exercise)?.data;
        if (!ex) issues.push({ file, field: `components[${i}].exercise`, message: `no exercise "${c.exercise}"` });
        else if (!ex.certification) issues.push({ file, field: `components[${i}].exercise`, message: `exercise "${c.exercise}" must have "certification": true` });
        if (program && !program.skillAreas.some((s) => s.id === c.skill)) issues.push({ file, field: `components[${i}].skill`, message: `unknown skill area "${c.skill}"` });
      } else {
        const bank = set.questions.filter((q) => q.program === cert.program);
        const minimum = Object.values(c.perSkillMinimum).reduce((a, b) => a + b, 0);
        if (minimum > c.questionCount) issues.push({ file, field: `components[${i}].perSkillMinimum`, message: `asks for ${minimum} questions but questionCount is ${c.questionCount}` });
        if (bank.length < c.questionCount) issues.push({ file, field: `components[${i}].questionCount`, message: `the bank has only ${bank.length} questions` });
        for (const [skill, n] of Object.entries(c.perSkillMinimum)) {
          const have = bank.filter((q) => q.data.skill === skill).length;
          if (have < n) issues.push({ file, field: `components[${i}].perSkillMinimum.${skill}`, message: `needs ${n} questions, the bank has ${have}` });
        }
      }
    });
    cert.prerequisites.exercises.forEach((id, i) => {
      if (!exercises.has(id)) issues.push({ file, field: `prerequisites.exercises[${i}]`, message: `no exercise "${id}"` });
    });
    cert.levels.forEach((level, i) => {
      if (level.requiresLevel && !cert.levels.slice(0, i).some((l) => l.id === level.requiresLevel)) {
        issues.push({ file, field: `levels[${i}].requiresLevel`, message: `"${level.requiresLevel}" must be a lower level listed before it` });
      }
    });
  }
  issues.push(...checkQuestionBanks(set));
  issues.push(...lessonCheckIssues(root, set), ...learnerWordIssues(root));
  return issues;
}
